package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "INT64|42|42",
                "INT64|+7|7",
                "INT64| -3 |-3",
                "NUMERIC|12.50|12.50",
                "NUMERIC|1e2|100",
                "NUMERIC(5, 2)|999.99|999.99",
                "FLOAT64|1e-3|1e-3",
                "FLOAT64|-inf|-Infinity",
                "FLOAT64|NaN|NaN",
                "BOOL|TRUE|true",
                "BOOL|f|false",
                "BOOL|yes|true",
                "DATE|2024-02-29|2024-02-29",
                "DATETIME|2024-06-01T10:00|2024-06-01 10:00:00.000000",
                "DATETIME|2024-06-01 10:00:00Z|2024-06-01 10:00:00.000000",
                "TIMESTAMP|2024-06-01T10:00:00Z|2024-06-01 10:00:00.000000+00",
                "TIMESTAMP|2024-06-01T10:00:00.5+02:00|2024-06-01 08:00:00.500000+00",
                "TIMESTAMP|2024-06-01 10:00:00 UTC|2024-06-01 10:00:00.000000+00",
                "TIMESTAMP|2024-06-01|2024-06-01 00:00:00.000000+00",
                "TIMESTAMP|2024-06-01T23:30:00-0130|2024-06-02 01:00:00.000000+00",
                "TIME|07:05|07:05",
                "STRING| kept as is |' kept as is '",
            })
    void validValuesAreNormalised(String type, String text, String expected) throws ValueException {
        String shown = expected.startsWith("'") ? expected.substring(1, expected.length() - 1) : expected;
        String input = type.equals("STRING") ? " kept as is " : text;
        assertThat(Values.canonical(input, ColumnType.of(type))).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '#',
            value = {
                "INT64#4.5#'4.5' is not a valid INT64 (expected a whole number, e.g. 42)",
                "INT64#9223372036854775808#'9223372036854775808' is not a valid INT64 (expected a whole number between -2^63 and 2^63-1)",
                "NUMERIC(5, 2)#1000#'1000' is not a valid NUMERIC(5, 2) (expected a number with at most 3 digits before the decimal point)",
                "NUMERIC#12,50#'12,50' is not a valid NUMERIC (expected a decimal number, e.g. 12.50)",
                "FLOAT64#0x10#'0x10' is not a valid FLOAT64 (expected a number, e.g. 3.25 or 1e-3)",
                "BOOL#maybe#'maybe' is not a valid BOOL (expected true or false)",
                "DATE#2023-02-29#'2023-02-29' is not a valid DATE (expected a date YYYY-MM-DD, e.g. 2024-06-01)",
                "DATE#01/02/2024#'01/02/2024' is not a valid DATE (expected a date YYYY-MM-DD, e.g. 2024-06-01)",
                "DATETIME#2024-06-01T10:00:00+02:00#'2024-06-01T10:00:00+02:00' is not a valid DATETIME (expected a date and time without a time zone (a DATETIME has none), e.g. 2024-06-01 10:00:00)",
                "TIMESTAMP#yesterday#'yesterday' is not a valid TIMESTAMP (expected a timestamp YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+HH:MM], e.g. 2024-06-01T10:00:00Z)",
                "TIME#25:00#'25:00' is not a valid TIME (expected a time HH:MM:SS[.ffffff], e.g. 10:30:00)",
            })
    void invalidValuesSayWhatWasExpected(String type, String text, String message) {
        assertThatThrownBy(() -> Values.canonical(text, ColumnType.of(type)))
                .isInstanceOf(ValueException.class)
                .hasMessage(message);
    }

    @Test
    void messagesShowControlCharactersAndCutLongValues() {
        assertThat(Values.quote("a\tb\nc\u0001")).isEqualTo("'a\\tb\\nc\\u0001'");
        assertThat(Values.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(60) + "…'");
    }

    @Test
    void typesMapToDuckDbKinds() {
        assertThat(ColumnType.of("NUMERIC"))
                .extracting(ColumnType::kind, ColumnType::precision, ColumnType::scale)
                .containsExactly(ColumnType.Kind.DECIMAL, 38, 9);
        assertThat(ColumnType.of("TIMESTAMP").duckDbType()).isEqualTo("TIMESTAMPTZ");
        assertThat(ColumnType.of("DATETIME").kind()).isEqualTo(ColumnType.Kind.DATETIME);
        assertThat(ColumnType.of("ARRAY<INT64>").kind()).isEqualTo(ColumnType.Kind.OTHER);
        assertThat(ColumnType.of(null).kind()).isEqualTo(ColumnType.Kind.STRING);
    }
}
