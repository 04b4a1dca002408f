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
                // a lone low surrogate at the start and a high one at the end
                Arguments.of(QuotedString.YAML, "\udc00x\ud800", "\"\\udc00x\\ud800\""));
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
