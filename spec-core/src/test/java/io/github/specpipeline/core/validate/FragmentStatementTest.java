package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FragmentStatementTest {
    private static AnalyzedFragment fragment(String text, String from) {
        return new AnalyzedFragment(
                "m", FragmentPlace.SELECT_ITEM, "/p", text, from, "transform", null, null, null, false);
    }

    @Test
    void mapsAnErrorBackThroughFromAndLines() {
        FragmentStatement s = new FragmentStatement()
                .text("SELECT\n(")
                .fragment(0, fragment("{from} + bad", "`orders`.`amount`"))
                .text(") AS c0,\n(\n")
                .fragment(1, fragment("1 +\n  nope", null))
                .text(")");
        assertThat(s.sql()).isEqualTo("SELECT\n(\n`orders`.`amount` + bad\n) AS c0,\n(\n1 +\n  nope\n)");
        // line 3: "`orders`.`amount` + bad"; "bad" is at column 21 there, and at offset 9 of "{from} + bad"
        assertThat(s.locate(3, 21)).contains(new FragmentStatement.At(0, 9));
        // inside the replacement: the {from} itself
        assertThat(s.locate(3, 5)).contains(new FragmentStatement.At(0, 0));
        // the second line of the second fragment
        assertThat(s.locate(7, 3)).contains(new FragmentStatement.At(1, 6));
        // the statement around the fragments
        assertThat(s.locate(4, 1)).isEmpty();
        assertThat(s.locate(1, 1)).isEmpty();
    }

    @Test
    void countsColumnsInCodePoints() {
        FragmentStatement s =
                new FragmentStatement().text("SELECT\n").fragment(0, fragment("'\uD83D\uDE00é' || x", null));
        // GoogleSQL's column 9 is the x after one emoji (two chars) and é
        assertThat(s.locate(2, 9)).contains(new FragmentStatement.At(0, 9));
    }

    @Test
    void expandsTabsAsGoogleSqlDoes() {
        FragmentStatement s = new FragmentStatement().text("SELECT\n").fragment(0, fragment("'\t' || x", null));
        // the tab at column 2 runs to column 9; the x at offset 7 is GoogleSQL's column 14
        assertThat(s.locate(2, 14)).contains(new FragmentStatement.At(0, 7));
    }
}
