package io.github.specpipeline.core.export.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text OOXML would read differently from how the spec has it is written with OOXML's own escapes. */
class KeepEscapesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plain text                  | plain text",
                "_x0041_                     | _x005F_x0041_",
                "a_x00e9_b and _X0041_       | a_x005F_x00e9_b and _X0041_",
                "_x004_ and _xZZZZ_          | _x004_ and _xZZZZ_",
                "snake_xcase_name            | snake_xcase_name",
            })
    void anEscapeTheSpecHasKeepsItsUnderscore(String text, String written) {
        assertThat(WorkbookRenderer.keepEscapes(text)).isEqualTo(written);
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0001, _x0001_", "001F, _x001F_", "FFFE, _xFFFE_", "FFFF, _xFFFF_"})
    void aCharacterXmlCannotHoldIsWrittenAsItsEscape(String hex, String written) {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));
        assertThat(WorkbookRenderer.keepEscapes("a" + c + "b")).isEqualTo("a" + written + "b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"9", "10", "13", "233"})
    void tabsLineEndsAndOtherCharactersStay(int code) {
        String text = "a" + (char) code + "b";
        assertThat(WorkbookRenderer.keepEscapes(text)).isSameAs(text);
    }
}
