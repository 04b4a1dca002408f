package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The regex-free {@link SqlTypes#normalise} and {@link Identifiers#isValid} agree with the regular expressions. */
class FastPathTest {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "int64",
                "STRING",
                " numeric(10, 2) ",
                "numeric(10,  2)",
                "ARRAY<\tSTRING>",
                "STRUCT<a INT64,\nb STRING>",
                "a\u000Bb",
                "a\fb",
                "a\r\nb",
                "  ",
                "",
                "x  ",
                "a \t b",
                "string ",
                "Timestamp",
                "geography  "
            })
    void normaliseIsTrimCollapseUpper(String type) {
        assertThat(SqlTypes.normalise(type))
                .isEqualTo(type.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "_",
                "A1",
                "_9",
                "order_id",
                "1a",
                "",
                "a-b",
                "a b",
                "é",
                "a.b",
                "Z",
                "z",
                "`a`",
                "a\n",
                "abc_DEF_123",
                "9",
                "@",
                "[",
                "{",
                "/",
                ":"
            })
    void identifiersAreTheRegex(String name) {
        assertThat(Identifiers.isValid(name)).isEqualTo(IDENTIFIER.matcher(name).matches());
    }
}
