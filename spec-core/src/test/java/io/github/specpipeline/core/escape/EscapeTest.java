package io.github.specpipeline.core.escape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each output language's escaping writes for the characters where the languages differ. */
class EscapeTest {
    static Stream<Arguments> quotedStrings() {
        String s = "a\"\\\n\r\t\u0001\u007f\u0085\u2028\u2029\ufeff`$\ud800\ud83d\ude00é";
        return Stream.of(
                Arguments.of(
                        QuotedString.YAML,
                        s,
                        "\"a\\\"\\\\\\n\\r\\t\\u0001\\u007f\\u0085\\u2028\\u2029\\ufeff`$\\ud800\ud83d\ude00é\""),
                Arguments.of(
                        QuotedString.PYTHON,
                        s,
                        "\"a\\\"\\\\\\n\\r\\t\\u0001\\u007f\\u0085\\u2028\\u2029\ufeff`$\\ud800\ud83d\ude00é\""),
                Arguments.of(
                        QuotedString.JAVASCRIPT,
                        s,
                        "\"a\\\"\\\\\\n\\r\\t\\u0001\\u007f\u0085\\u2028\\u2029\ufeff\\u0060\\u0024\\ud800\ud83d\ude00é\""),
                // SQL: single-quoted, so " stays and ' is escaped; a lone surrogate stays as it is
                Arguments.of(
                        QuotedString.SQL,
                        s + "'",
                        "'a\"\\\\\\n\\r\\t\\u0001\\u007f\u0085\\u2028\\u2029\ufeff`$\ud800\ud83d\ude00é\\''"),
                // a lone low surrogate at the start and a high one at the end
                Arguments.of(QuotedString.YAML, "\udc00x\ud800", "\"\\udc00x\\ud800\""));
    }

    /** The SQL literal rule as BigQueryRules and SparkRules wrote it before they used QuotedString.SQL. */
    private static String formerSqlLiteral(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    @org.junit.jupiter.api.Test
    void sqlLiteralsAreWhatTheDialectsWroteBefore() {
        // every char of the first 0x3000 and the surrogates, alone and between others, then random mixes
        String specials = "'\"\\\n\r\t\u0000\u0001\u001f\u007f\u0085\u2028\u2029\ufeff`$\ud800\udc00\ud83d\ude00éa ";
        for (char c = 0; c < 0x3000; c++) {
            String one = "x" + c + "y";
            assertThat(QuotedString.SQL.of(one)).as("U+%04x", (int) c).isEqualTo(formerSqlLiteral(one));
        }
        java.util.Random random = new java.util.Random(16);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(specials.charAt(random.nextInt(specials.length())));
            }
            String text = sb.toString();
            assertThat(QuotedString.SQL.of(text)).as(text).isEqualTo(formerSqlLiteral(text));
        }
    }

    @ParameterizedTest
    @MethodSource("quotedStrings")
    void quotedStringsEscapeWhatTheirLanguageNeeds(QuotedString language, String text, String literal) {
        assertThat(language.of(text)).isEqualTo(literal);
    }

    static Stream<Arguments> xmlText() {
        return Stream.of(
                Arguments.of("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d\"e'f"),
                Arguments.of("cr\r lf\n tab\t", "cr&#13; lf\n tab\t"),
                Arguments.of("nul\u0000 bell\u0007 \ufffe \uffff \ud800", "nul\ufffd bell\ufffd \ufffd \ufffd \ufffd"),
                Arguments.of("\ud83d\ude00", "\ud83d\ude00"));
    }

    @ParameterizedTest
    @MethodSource("xmlText")
    void xmlTextIsEscapedAndCleaned(String text, String escaped) {
        assertThat(Xml.text(text)).isEqualTo(escaped);
    }

    @ParameterizedTest
    @MethodSource("xmlText")
    void validXmlOnlyReplacesWhatXmlCannotCarry(String text, String escaped) {
        assertThat(Xml.valid(text))
                .isEqualTo(text.replaceAll("[\u0000\u0007\ufffe\uffff]", "\ufffd")
                        .replace("\ud800 ", "\ufffd ")
                        .replaceAll("\ud800$", "\ufffd"));
    }
}
