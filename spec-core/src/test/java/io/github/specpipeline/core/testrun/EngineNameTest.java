package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineNameTest {
    @ParameterizedTest
    @CsvSource({"duckdb,DUCKDB", "bigquery,BIGQUERY", "spark,SPARK", "' BigQuery ',BIGQUERY", "DUCKDB,DUCKDB"})
    void namesAreReadIgnoringCaseAndSpaces(String text, EngineName expected) {
        assertThat(EngineName.parse(text, "specpipeline.engine")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"snowflake", "duck", "''"})
    void anUnknownEngineNamesTheEngines(String text) {
        assertThatThrownBy(() -> EngineName.parse(text, "specpipeline.engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("specpipeline.engine is '" + text + "'; the engines are duckdb, bigquery, spark");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            duckdb,bigquery      | [DUCKDB, BIGQUERY]
            bigquery, duckdb     | [BIGQUERY, DUCKDB]
            duckdb,bigquery,duckdb | [DUCKDB, BIGQUERY]
            duckdb,bigquery,spark | [DUCKDB, BIGQUERY, SPARK]
            ''                   | []
            """)
    void aListOfEnginesKeepsItsOrder(String text, String expected) {
        assertThat(EngineName.parseList(text, "specpipeline.compareEngines").toString())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            duckdb          | names one engine
            duckdb,oracle   | specpipeline.compareEngines is 'oracle'
            """)
    void aListOfOneOrAnUnknownEngineIsRefused(String text, String message) {
        assertThatThrownBy(() -> EngineName.parseList(text, "specpipeline.compareEngines"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
