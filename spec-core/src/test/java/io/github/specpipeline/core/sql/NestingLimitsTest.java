package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested fragments end in a result or a located SP306 error in bounded time (issue 17: JSqlParser backtracked
 * for minutes on 20 nested TRIMs, type inference for 40 s on 25 nested COALESCE), while nesting people write still
 * reads and renders as before. The bounds of the time-outs are generous (a loaded build machine); what they catch
 * ran for minutes before.
 */
class NestingLimitsTest {

    /** The parse budget plus the parser's wind-down, with room for a machine running other builds. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final RenderScope TYPED = new RenderScope() {
        @Override
        public String column(ColumnRef ref, Dialect dialect) {
            return RenderScope.AS_WRITTEN.column(ref, dialect);
        }

        @Override
        public String typeOf(ColumnRef ref) {
            return null; // unknown, as for a column without a declared type: every argument's type is asked
        }
    };

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private static SqlFragmentException rejection(String text) {
        SqlFragmentException e =
                catchThrowableOfType(SqlFragmentException.class, () -> SqlFragments.parseUncached(text, null));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        return e;
    }

    private static String duckDb(String text) throws SqlFragmentException {
        SqlRenderer.Rendering r = SqlRenderer.render(
                SqlFragments.parseUncached(text, null).expression(), Dialect.DUCKDB, RenderScope.AS_WRITTEN);
        assertThat(r.problems()).isEmpty();
        return r.sql();
    }

    @Test
    void twentyNestedTrimsEndInALocatedLimitErrorInsteadOfHanging() {
        String text = nested("TRIM(", "x", ")", 20); // 121 chars; took 20 s, 25 of them over 40 s

        SqlFragmentException e = assertTimeoutPreemptively(BOUND, () -> rejection(text));

        assertThat(e.beyondLimit()).isTrue();
        assertThat(e.getMessage()).contains("gave up after 3 s").contains("nested 20 levels deep");
        assertThat(e.position()).isEqualTo(new FragmentPosition(1, 100)); // the innermost TRIM's bracket
    }

    @Test
    void aCaseNested500DeepIsRefusedAtThe65thLevel() {
        String text = "x";
        for (int i = 0; i < 500; i++) {
            text = "CASE WHEN a = " + i + " THEN " + text + " ELSE 'b' END";
        }
        String fragment = text;

        SqlFragmentException e = assertTimeoutPreemptively(BOUND, () -> rejection(fragment));

        assertThat(e.beyondLimit()).isTrue();
        assertThat(e.getMessage()).contains("nested more than 64 levels deep");
        int at = 0;
        for (int i = 0; i < 64; i++) {
            at = fragment.indexOf("CASE", at) + 1;
        }
        int the65th = fragment.indexOf("CASE", at);
        assertThat(e.position()).isEqualTo(new FragmentPosition(1, the65th + 1));
    }

    @Test
    void aCaseInAWhenConditionNestedDeepIsStoppedByTheWatchdog() {
        String text = nested("CASE WHEN ", "x", " THEN 1 END", 30); // exponential in the fast parse too

        SqlFragmentException e = assertTimeoutPreemptively(BOUND, () -> rejection(text));

        assertThat(e.beyondLimit()).isTrue();
        assertThat(e.getMessage()).contains("gave up");
    }

    @Test
    void twentyFiveNestedCoalesceAreTypedInLinearTime() throws SqlFragmentException {
        ParsedFragment f = SqlFragments.parseUncached(nested("COALESCE(", "x", ", 1)", 25), null);

        String type =
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SqlRenderer.typeOf(f.expression(), TYPED));

        assertThat(type).isEqualTo("INT64");
        assertThat(assertTimeoutPreemptively(
                        Duration.ofSeconds(10),
                        () -> SqlRenderer.render(f.expression(), Dialect.DUCKDB, TYPED)
                                .problems()))
                .isEmpty();
    }

    @Test
    void twentyBracketsAroundAColumnAreValidSql() throws SqlFragmentException {
        String text = nested("(", "x", ")", 20); // was refused with SP301 "unexpected '('"

        ParsedFragment f = SqlFragments.parseUncached(text, null);

        assertThat(f.columns()).containsExactly(new ColumnRef(null, "x"));
        assertThat(f.sql()).isEqualTo(text); // BigQuery gets the text as written
        assertThat(duckDb(text)).isEqualTo("(x)");
        assertThat(duckDb("UPPER(" + nested("(", "a + 1", ")", 30) + ") || 'z'"))
                .isEqualTo("(UPPER(replace(a + 1, 'ß', 'SS')) || 'z')");
    }

    @Test
    void bracketsAroundAListAreNotRedundant() throws SqlFragmentException {
        ParsedFragment f = SqlFragments.parseUncached(nested("(", "STRUCT(a, b)", ")", 18), null);

        assertThat(f.columns()).extracting(ColumnRef::column).containsExactly("a", "b");
    }

    @Test
    void seventeenBracketsInARowThatEachOpenASubexpressionAreRefusedAtThe17th() {
        String text = "x";
        for (int i = 0; i < 17; i++) {
            text = "(" + text + " || 'a')";
        }

        SqlFragmentException e = rejection(text);

        assertThat(e.beyondLimit()).isTrue();
        assertThat(e.getMessage()).contains("more than 16 '(' in a row");
        assertThat(e.position()).isEqualTo(new FragmentPosition(1, 17));
    }

    @Test
    void nestingPeopleWriteReadsAndRendersAsBefore() throws SqlFragmentException {
        String functions = nested("UPPER(", "x", ")", 10);
        // DuckDB's UPPER maps ß as BigQuery does once, innermost
        assertThat(duckDb(functions)).isEqualTo(nested("UPPER(", "UPPER(replace(x, 'ß', 'SS'))", ")", 9));

        String cases = "'z'";
        for (int i = 0; i < 30; i++) {
            cases = "CASE WHEN a > " + i + " THEN " + cases + " ELSE 'b' END";
        }
        assertThat(SqlFragments.parseUncached(cases, null).caseLiteralOutputs()).containsExactly("b");
        assertThat(duckDb(cases)).isEqualTo(cases);

        String withComparison = "IF(a > 1, " + nested("LOWER(", "x", ")", 8) + ", 'n')"; // needs the complex parse
        assertThat(duckDb(withComparison))
                .isEqualTo("CASE WHEN a > 1 THEN " + nested("LOWER(", "x", ")", 8) + " ELSE 'n' END");
        assertThat(duckDb("((a + b)) * 2")).isEqualTo("((a + b)) * 2"); // short runs keep every bracket
    }
}
