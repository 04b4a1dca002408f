package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Expansion of {@code @name(args)}: text inside literals and comments is left alone, precedence is kept. */
class NamedExpressionsTest {
    private final NamedExpressions x = new NamedExpressions(
            Map.of("digits", "REGEXP_REPLACE({0}, r'[^0-9]', '')", "plus_one", "{0} + 1", "pair", "CONCAT({0}, {1})"),
            Map.of("plus_one", "{0} + 100"));

    private String expand(String text) {
        NamedExpressions.Result r = x.expand(text);
        assertThat(r.problems()).as(text).isEmpty();
        return r.text();
    }

    @Test
    void callsInLiteralsCommentsAndSystemVariablesAreText() {
        assertThat(expand("'@digits(a)' || \"@digits(b)\" -- @digits(c)"))
                .isEqualTo("'@digits(a)' || \"@digits(b)\" -- @digits(c)");
        assertThat(expand("@@dataset_id")).isEqualTo("@@dataset_id");
        assertThat(expand("`@digits`(x)")).isEqualTo("`@digits`(x)");
        // a placeholder inside the body's own string literal is text too
        assertThat(new NamedExpressions(Map.of("q", "CONCAT('{0}', {0})"))
                        .expand("@q(a)")
                        .text())
                .isEqualTo("CONCAT('{0}', a)");
    }

    @Test
    void argumentsAndBodiesKeepTheirPrecedence() {
        // the model's plus_one (the later map) replaces the spec's
        assertThat(expand("@plus_one(a - 1) * 2")).isEqualTo("((a - 1) + 100) * 2");
        assertThat(expand("@digits(phone)")).isEqualTo("REGEXP_REPLACE(phone, r'[^0-9]', '')");
        assertThat(expand("@digits(TRIM(phone))")).isEqualTo("REGEXP_REPLACE(TRIM(phone), r'[^0-9]', '')");
        assertThat(expand("@pair(a, @digits(b || c))")).isEqualTo("CONCAT(a, REGEXP_REPLACE((b || c), r'[^0-9]', ''))");
        assertThat(expand("@pair('x,y', (1, 2))")).isEqualTo("CONCAT('x,y', (1, 2))");
    }

    @Test
    void problemsAreLocatedAtTheCall() {
        NamedExpressions.Result r = x.expand("a + @digts(b)");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(NamedExpressions.Kind.UNKNOWN);
            assertThat(p.offset()).isEqualTo(4);
        });
        assertThat(x.expand("@pair(a)").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(NamedExpressions.Kind.ARITY));
        NamedExpressions cycle = new NamedExpressions(Map.of("a", "@b({0})", "b", "@a({0}) + 1"));
        assertThat(cycle.expand("x + @a(1)").problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(NamedExpressions.Kind.CYCLE);
            assertThat(p.offset()).isEqualTo(4);
            assertThat(p.message()).contains("@a -> @b -> @a");
        });
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS) // a hang guard, not a measurement
    void hostileNestingEndsWithOneFinding() {
        String unclosed = "@digits(".repeat(200_000);
        assertThat(x.expand(unclosed).problems()).hasSize(1);
        String deep = "@digits(".repeat(1_000) + "a" + ")".repeat(1_000);
        assertThat(x.expand(deep).problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.kind()).isEqualTo(NamedExpressions.Kind.MALFORMED))
                .anySatisfy(p -> assertThat(p.message()).contains("nested more than 32 deep"));
    }
}
