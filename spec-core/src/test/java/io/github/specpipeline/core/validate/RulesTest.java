package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.sql.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "INT64",
                "string",
                "NUMERIC(10, 2)",
                "STRING(100)",
                "ARRAY<STRING>",
                "ARRAY<STRUCT<a INT64, b NUMERIC(10,2)>>",
                "TIMESTAMP",
                "bool",
                "FLOAT64",
                "DATE",
                "JSON"
            })
    void acceptsBigQueryTypes(String type) {
        assertThat(SqlTypes.isValid(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INT65",
                "STRING); DROP TABLE x; --",
                "NUMERIC(10",
                "ARRAY<>",
                "VARCHAR",
                "STRUCT<a>",
                "STRING(1) x"
            })
    void refusesAnythingElse(String type) {
        assertThat(SqlTypes.isValid(type)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a; DROP TABLE b", "a.b", "1abc", "", "naïve", "a-b", "a b"})
    void refusesUnsafeIdentifiers(String name) {
        assertThat(Identifiers.isValid(name)).isFalse();
    }

    @Test
    void refusesWindowsDeviceNamesAsModelNames() {
        assertThat(Identifiers.isValid("con")).isTrue();
        assertThat(Identifiers.isSafeFileName("con")).isFalse();
        assertThat(Identifiers.isSafeFileName("LPT1")).isFalse();
        assertThat(Identifiers.isSafeFileName("console")).isTrue();
        assertThat(Identifiers.isValid("x".repeat(129))).isFalse();
    }

    @Test
    void parsesJoinTypesLeniently() {
        assertThat(JoinType.parse("left")).contains(JoinType.LEFT);
        assertThat(JoinType.parse("LEFT OUTER JOIN")).contains(JoinType.LEFT);
        assertThat(JoinType.parse("full outer")).contains(JoinType.FULL);
        assertThat(JoinType.parse("sideways")).isEmpty();
    }
}
