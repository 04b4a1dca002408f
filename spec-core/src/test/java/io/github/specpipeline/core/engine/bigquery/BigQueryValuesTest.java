package io.github.specpipeline.core.engine.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.ddl.SourceCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every BigQuery type through the engine and back: text in, GoogleSQL value, text out unchanged; and the text of a
 * scalar is what GoogleSQL's own {@code CAST(x AS STRING)} returns for it.
 */
class BigQueryValuesTest {
    private static BigQueryEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = BigQueryEngine.start(SourceCatalog.empty());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** type | a value in its text form (the form the engine returns) */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            INT64 | -9223372036854775808
            INT64 | 42
            NUMERIC | 49.5
            NUMERIC | -0.000000001
            NUMERIC | 99999999999999999999999999999.999999999
            BIGNUMERIC | 0.33333333333333333333333333333333333333
            FLOAT64 | 0.1
            FLOAT64 | 1e+20
            FLOAT64 | 0.33333333333333331
            FLOAT64 | -1.5e-07
            FLOAT64 | inf
            FLOAT64 | nan
            BOOL | true
            STRING | ~a, "quoted" ü 😀~
            STRING | ~~
            BYTES | AP8=
            DATE | 2024-02-29
            DATETIME | 2024-01-01 10:00:00.500
            DATETIME | 2024-01-01 10:00:00.000123
            TIME | 23:59:59
            TIMESTAMP | 2024-01-05 11:15:00+00
            TIMESTAMP | 1970-01-01 00:00:00.000001+00
            TIMESTAMP | 1969-12-31 23:59:59.999999+00
            JSON | {"a":[1,2.5,"x"],"b":null}
            INTERVAL | 1-2 3 4:5:6.500
            INTERVAL | -0-1 -2 -3:0:0
            ARRAY<INT64> | [1,null,3]
            ARRAY<STRING> | []
            STRUCT<city STRING, zip STRING> | {"city":"Köln","zip":null}
            ARRAY<STRUCT<k STRING, v ARRAY<NUMERIC>>> | [{"k":"a","v":[1.5,2]}]
            STRUCT<d DATE, ts TIMESTAMP, f FLOAT64, b BOOL> | {"d":"2024-01-01","ts":"2024-01-01 00:00:00+00","f":0.1,"b":false}
            """)
    void aValueComesBackAsItWent(String type, String text) throws Exception {
        List<TableColumn> columns = List.of(TableColumn.of("v", type));
        engine.createTable("t.values", columns, List.of(Arrays.asList(text), Arrays.asList((String) null)));
        QueryResult r = engine.query("SELECT v FROM `t.values`");
        assertThat(r.columns()).containsExactlyElementsOf(columns);
        assertThat(r.rows()).containsExactly(Arrays.asList(text), Arrays.asList((String) null));
    }

    /** INTERVAL is left out: its type name does not resolve in BigQuery's (external) product mode here. */
    @Test
    void theTextOfEveryScalarIsGoogleSqlsCastToString() throws Exception {
        List<String> expressions = List.of(
                "42",
                "NUMERIC '49.500'",
                "NUMERIC '-1.50'",
                "NUMERIC '0'",
                "NUMERIC '1e20'",
                "BIGNUMERIC '1.10'",
                "1.0",
                "1e20",
                "1e15",
                "1e14",
                "0.0001",
                "0.00001",
                "1.5e-7",
                "123456789012345.6",
                "CAST(1 AS FLOAT64) / 3",
                "-0.0",
                "2.5e15",
                "123456789.125",
                "1.7976931348623157e308",
                "4.9e-324",
                "CAST('-inf' AS FLOAT64)",
                "CAST('nan' AS FLOAT64)",
                "TRUE",
                "'text'",
                "DATE '2024-02-29'",
                "DATETIME '2024-01-01 10:00:00.5'",
                "DATETIME '2024-01-01 10:00:00'",
                "TIME '10:00:00.000123'",
                "TIMESTAMP '2024-01-05 11:15:00.123+05:30'",
                "TIMESTAMP '2024-01-05 11:15:00'");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            items.add(expressions.get(i) + " AS v" + i + ", CAST(" + expressions.get(i) + " AS STRING) AS s" + i);
        }
        QueryResult r = engine.query("SELECT " + String.join(", ", items));
        List<String> row = r.rows().get(0);
        for (int i = 0; i < expressions.size(); i++) {
            assertThat(row.get(2 * i)).as(expressions.get(i)).isEqualTo(row.get(2 * i + 1));
        }
    }

    @Test
    void aDoubleIsWrittenWithFifteenDigitsOrSeventeenWhenFifteenDoNotRoundTrip() {
        assertThat(BigQueryText.float64(0.1)).isEqualTo("0.1");
        assertThat(BigQueryText.float64(1.0 / 3)).isEqualTo("0.33333333333333331");
        assertThat(BigQueryText.float64(1e15)).isEqualTo("1e+15");
        assertThat(BigQueryText.float64(1e14)).isEqualTo("100000000000000");
        assertThat(BigQueryText.float64(-0.0)).isEqualTo("0");
    }

    @Test
    void textThatIsNotAValueOfTheTypeSaysWhatWasExpected() {
        assertThatThrownBy(() -> BigQueryValues.value("yes", BigQueryType.parse("BOOL")))
                .hasMessageContaining("'yes' is not a BOOL value");
        assertThatThrownBy(() -> BigQueryValues.value("2024-01-01 10:00:00+02", BigQueryType.parse("DATETIME")))
                .hasMessageContaining("has a time zone");
        assertThatThrownBy(() -> BigQueryValues.value("[1,\"x\"]", BigQueryType.parse("ARRAY<INT64>")))
                .hasMessageContaining("'x' is not a INT64 value");
        assertThatThrownBy(() -> BigQueryValues.value("{\"a\":1}", BigQueryType.parse("STRUCT<a INT64, b INT64>")))
                .hasMessageContaining("a JSON object with 2 fields");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            int64 | INT64
            Integer | INT64
            NUMERIC(10, 2) | NUMERIC
            decimal | NUMERIC
            BIGDECIMAL(40) | BIGNUMERIC
            float | FLOAT64
            boolean | BOOL
            STRING(10) | STRING
            BYTES(5) | BYTES
            array < struct<city string, `zip code` string> > | ARRAY<STRUCT<city STRING, zip code STRING>>
            STRUCT<a ARRAY<STRUCT<b JSON>>> | STRUCT<a ARRAY<STRUCT<b JSON>>>
            GEOGRAPHY | GEOGRAPHY
            """)
    void typeTextIsRead(String text, String sql) {
        assertThat(BigQueryType.parse(text).sql()).isEqualTo(sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            VARCHAR | 'VARCHAR' is not a BigQuery type
            ARRAY<INT64 | '>' is expected
            STRUCT<> | a STRUCT field name is expected
            INT64 INT64 | unexpected 'I'
            """)
    void typeTextThatIsNotATypeIsRefused(String text, String why) {
        assertThatThrownBy(() -> BigQueryType.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
