package io.github.specpipeline.core.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.BigQueryType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BigQuery's rules, one row per function of its table and per form it treats differently:
 * {@code NAME => BigQuery fragment => rendering}, or {@code refused: construct: reason} for a refusal (the
 * first problem the rendering reports). {@link #namesEveryFunction} keeps the rows and the table in step.
 */
class BigQueryRulesTest {
    static final Dialect D = Dialect.BIGQUERY;

    /** Every function of the catalogue, as the table renders or refuses it. */
    static final List<String> FUNCTIONS = List.of(
            "ANY_VALUE => ANY_VALUE(x) => ANY_VALUE(x)",
            "APPROX_COUNT_DISTINCT => APPROX_COUNT_DISTINCT(x) => APPROX_COUNT_DISTINCT(x)",
            "AVG => AVG(x) => AVG(x)",
            "COUNT => COUNT(*) => COUNT(*)",
            "COUNT => COUNT(DISTINCT x) => COUNT(DISTINCT x)",
            "COUNTIF => COUNTIF(x > 0) => COUNTIF(x > 0)",
            "LOGICAL_AND => LOGICAL_AND(b) => LOGICAL_AND(b)",
            "LOGICAL_OR => LOGICAL_OR(b) => LOGICAL_OR(b)",
            "MAX => MAX(x) => MAX(x)",
            "MIN => MIN(x) => MIN(x)",
            "STDDEV => STDDEV(x) => STDDEV(x)",
            "STDDEV_POP => STDDEV_POP(x) => STDDEV_POP(x)",
            "STDDEV_SAMP => STDDEV_SAMP(x) => STDDEV_SAMP(x)",
            "STRING_AGG => STRING_AGG(s) => STRING_AGG(s)",
            "STRING_AGG => STRING_AGG(s, '; ' ORDER BY s) => STRING_AGG(s, '; ' ORDER BY s)",
            "SUM => SUM(x) => SUM(x)",
            "VARIANCE => VARIANCE(x) => VARIANCE(x)",
            "VAR_POP => VAR_POP(x) => VAR_POP(x)",
            "VAR_SAMP => VAR_SAMP(x) => VAR_SAMP(x)",
            "COALESCE => COALESCE(a, b, 0) => COALESCE(a, b, 0)",
            "GREATEST => GREATEST(a, b) => GREATEST(a, b)",
            "IF => IF(a > b, a, b) => IF(a > b, a, b)",
            "IFNULL => IFNULL(a, 0) => IFNULL(a, 0)",
            "LEAST => LEAST(a, b) => LEAST(a, b)",
            "NULLIF => NULLIF(a, 0) => NULLIF(a, 0)",
            "ABS => ABS(x) => ABS(x)",
            "ACOS => ACOS(x) => ACOS(x)",
            "ASIN => ASIN(x) => ASIN(x)",
            "ATAN => ATAN(x) => ATAN(x)",
            "ATAN2 => ATAN2(y, x) => ATAN2(y, x)",
            "CEIL => CEIL(x) => CEIL(x)",
            "CEILING => CEILING(x) => CEILING(x)",
            "COS => COS(x) => COS(x)",
            "COSH => COSH(x) => COSH(x)",
            "DIV => DIV(a, b) => DIV(a, b)",
            "EXP => EXP(x) => EXP(x)",
            "FLOOR => FLOOR(x) => FLOOR(x)",
            "LN => LN(x) => LN(x)",
            "LOG => LOG(x) => LOG(x)",
            "LOG => LOG(x, 2) => LOG(x, 2)",
            "LOG10 => LOG10(x) => LOG10(x)",
            "MOD => MOD(a, b) => MOD(a, b)",
            "POW => POW(x, 2) => POW(x, 2)",
            "POWER => POWER(x, 2) => POWER(x, 2)",
            "ROUND => ROUND(x, 2) => ROUND(x, 2)",
            "SAFE_DIVIDE => SAFE_DIVIDE(a, b) => SAFE_DIVIDE(a, b)",
            "SIGN => SIGN(x) => SIGN(x)",
            "SIN => SIN(x) => SIN(x)",
            "SINH => SINH(x) => SINH(x)",
            "SQRT => SQRT(x) => SQRT(x)",
            "TAN => TAN(x) => TAN(x)",
            "TANH => TANH(x) => TANH(x)",
            "CHARACTER_LENGTH => CHARACTER_LENGTH(s) => CHARACTER_LENGTH(s)",
            "CHAR_LENGTH => CHAR_LENGTH(s) => CHAR_LENGTH(s)",
            "CONCAT => CONCAT(a, '-', b) => CONCAT(a, '-', b)",
            "ENDS_WITH => ENDS_WITH(s, 'x') => ENDS_WITH(s, 'x')",
            "LEFT => LEFT(s, 3) => LEFT(s, 3)",
            "LENGTH => LENGTH(s) => LENGTH(s)",
            "LOWER => LOWER(s) => LOWER(s)",
            "LPAD => LPAD(s, 5, '0') => LPAD(s, 5, '0')",
            "LTRIM => LTRIM(s) => LTRIM(s)",
            "LTRIM => LTRIM(s, 'x') => LTRIM(s, 'x')",
            "REPLACE => REPLACE(s, 'a', 'b') => REPLACE(s, 'a', 'b')",
            "REVERSE => REVERSE(s) => REVERSE(s)",
            "RIGHT => RIGHT(s, 3) => RIGHT(s, 3)",
            "RPAD => RPAD(s, 5, '0') => RPAD(s, 5, '0')",
            "RTRIM => RTRIM(s) => RTRIM(s)",
            "RTRIM => RTRIM(s, 'x') => RTRIM(s, 'x')",
            "SPLIT => SPLIT(s, ',') => SPLIT(s, ',')",
            "STARTS_WITH => STARTS_WITH(s, 'x') => STARTS_WITH(s, 'x')",
            "STRPOS => STRPOS(s, 'x') => STRPOS(s, 'x')",
            "SUBSTR => SUBSTR(s, 2, 3) => SUBSTR(s, 2, 3)",
            "SUBSTRING => SUBSTRING(s, 2, 3) => SUBSTRING(s, 2, 3)",
            "UPPER => UPPER(s) => UPPER(s)",
            "REGEXP_CONTAINS => REGEXP_CONTAINS(s, r'^[0-9]+$') => REGEXP_CONTAINS(s, r'^[0-9]+$')",
            "REGEXP_EXTRACT => REGEXP_EXTRACT(s, r'@(.+)$') => REGEXP_EXTRACT(s, r'@(.+)$')",
            "REGEXP_EXTRACT => REGEXP_EXTRACT(s, pattern) => REGEXP_EXTRACT(s, pattern)",
            "REGEXP_EXTRACT => REGEXP_EXTRACT(s, r'(a)(b)') => REGEXP_EXTRACT(s, r'(a)(b)')",
            "REGEXP_EXTRACT_ALL => REGEXP_EXTRACT_ALL(s, r'[0-9]+') => REGEXP_EXTRACT_ALL(s, r'[0-9]+')",
            "REGEXP_REPLACE => REGEXP_REPLACE(s, r'([0-9]+)', r'<\\1>') => REGEXP_REPLACE(s, r'([0-9]+)', r'<\\1>')",
            "REGEXP_REPLACE => REGEXP_REPLACE(s, r'a', replacement) => REGEXP_REPLACE(s, r'a', replacement)",
            "ARRAY_LENGTH => ARRAY_LENGTH(arr) => ARRAY_LENGTH(arr)",
            "ARRAY_TO_STRING => ARRAY_TO_STRING(arr, ',') => ARRAY_TO_STRING(arr, ',')",
            "CURRENT_DATE => CURRENT_DATE() => CURRENT_DATE()",
            "CURRENT_DATE => CURRENT_DATE('Europe/Paris') => CURRENT_DATE('Europe/Paris')",
            "CURRENT_DATETIME => CURRENT_DATETIME() => CURRENT_DATETIME()",
            "CURRENT_TIME => CURRENT_TIME() => CURRENT_TIME()",
            "CURRENT_TIMESTAMP => CURRENT_TIMESTAMP() => CURRENT_TIMESTAMP()",
            "DATE => DATE(ts) => DATE(ts)",
            "DATE => DATE(y, m, dd) => DATE(y, m, dd)",
            "DATE_ADD => DATE_ADD(d, INTERVAL 1 MONTH) => DATE_ADD(d, INTERVAL 1 MONTH)",
            "DATE_ADD => DATE_ADD(d, INTERVAL 7 DAY) => DATE_ADD(d, INTERVAL 7 DAY)",
            "DATE_DIFF => DATE_DIFF(a, b, DAY) => DATE_DIFF(a, b, DAY)",
            "DATE_DIFF => DATE_DIFF(a, b, MONTH) => DATE_DIFF(a, b, MONTH)",
            "DATE_DIFF => DATE_DIFF(a, b, WEEK) => DATE_DIFF(a, b, WEEK)",
            "DATE_SUB => DATE_SUB(d, INTERVAL 1 YEAR) => DATE_SUB(d, INTERVAL 1 YEAR)",
            "DATE_TRUNC => DATE_TRUNC(d, MONTH) => DATE_TRUNC(d, MONTH)",
            "DATE_TRUNC => DATE_TRUNC(d, WEEK(MONDAY)) => DATE_TRUNC(d, WEEK(MONDAY))",
            "FORMAT_DATE => FORMAT_DATE('%Y-%m-%d', d) => FORMAT_DATE('%Y-%m-%d', d)",
            "FORMAT_DATE => FORMAT_DATE('%c', d) => FORMAT_DATE('%c', d)",
            "FORMAT_TIMESTAMP => FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S', ts) => FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S', ts)",
            "LAST_DAY => LAST_DAY(d) => LAST_DAY(d)",
            "LAST_DAY => LAST_DAY(d, MONTH) => LAST_DAY(d, MONTH)",
            "PARSE_DATE => PARSE_DATE('%Y%m%d', s) => PARSE_DATE('%Y%m%d', s)",
            "PARSE_TIMESTAMP => PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', s) => PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', s)",
            "TIMESTAMP => TIMESTAMP(d) => TIMESTAMP(d)",
            "TIMESTAMP_ADD => TIMESTAMP_ADD(ts, INTERVAL 90 MINUTE) => TIMESTAMP_ADD(ts, INTERVAL 90 MINUTE)",
            "TIMESTAMP_DIFF => TIMESTAMP_DIFF(a, b, HOUR) => TIMESTAMP_DIFF(a, b, HOUR)",
            "TIMESTAMP_SUB => TIMESTAMP_SUB(ts, INTERVAL 1 HOUR) => TIMESTAMP_SUB(ts, INTERVAL 1 HOUR)",
            "TIMESTAMP_TRUNC => TIMESTAMP_TRUNC(ts, MONTH) => TIMESTAMP_TRUNC(ts, MONTH)",
            "GENERATE_UUID => GENERATE_UUID() => GENERATE_UUID()");

    /** The syntax that is not a call. */
    static final List<String> SYNTAX = List.of(
            "CAST => CAST(x AS NUMERIC) => CAST(x AS NUMERIC)",
            "CAST => CAST(x AS DATETIME) => CAST(x AS DATETIME)",
            "CAST => CAST(x AS STRING FORMAT 'YYYY') => CAST(x AS STRING FORMAT 'YYYY')",
            "SAFE_CAST => SAFE_CAST(x AS INT64) => SAFE_CAST(x AS INT64)",
            "EXTRACT => EXTRACT(DAYOFWEEK FROM d) => EXTRACT(DAYOFWEEK FROM d)",
            "EXTRACT => EXTRACT(ISOYEAR FROM d) => EXTRACT(ISOYEAR FROM d)",
            "EXTRACT => EXTRACT(WEEK FROM d) => EXTRACT(WEEK FROM d)",
            "TRIM => TRIM(s) => TRIM(s)",
            "TRIM => TRIM(s, 'x') => TRIM(s, 'x')",
            "typed literal => DATE '2024-01-31' => DATE '2024-01-31'",
            "typed literal => TIMESTAMP '2024-01-31 12:00:00+00' => TIMESTAMP '2024-01-31 12:00:00+00'",
            "typed literal => NUMERIC '1.5' => NUMERIC '1.5'",
            "string literal => 'it\\'s' => 'it\\'s'",
            "string literal => r'^\\d+$' => r'^\\d+$'",
            "string literal => \"text\" => 'text'",
            "string literal => b'bytes' => B'bytes'",
            "niladic function => CURRENT_DATE => CURRENT_DATE()",
            "niladic function => CURRENT_TIMESTAMP => CURRENT_TIMESTAMP()",
            "|| => a || b => a || b",
            "LIKE => s LIKE 'a%' => s LIKE 'a%'",
            "LIKE => s LIKE 'a\\\\_b' => s LIKE 'a\\\\_b'",
            "IN => x IN (1, 2) => x IN (1, 2)",
            "IN => x IN UNNEST(arr) => x IN UNNEST(arr)",
            "INTERVAL => d + INTERVAL 1 DAY => d + INTERVAL 1 DAY",
            "^ (bitwise xor) => a ^ b => a ^ b",
            "array literal => [1, 2, 3] => [1, 2, 3]",
            "array subscript => arr[OFFSET(0)] => arr[OFFSET(0)]",
            "window function => ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) => ROW_NUMBER() OVER (PARTITION BY a ORDER BY b)",
            "window function => COUNTIF(x > 0) OVER (ORDER BY b) => COUNTIF(x > 0) OVER (ORDER BY b)",
            "SAFE. prefix => SAFE.SUBSTR(s, 2) => SAFE.SUBSTR(s, 2)");

    static Stream<Arguments> cases() {
        return Stream.concat(FUNCTIONS.stream(), SYNTAX.stream())
                .map(row -> Arguments.of((Object[]) row.split(" => ", 3)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void rendersOrRefuses(String name, String fragment, String expected) throws Exception {
        SqlRenderer.Rendering r = FunctionCatalogueTest.render(fragment, D);
        String actual = r.ok()
                ? r.sql()
                : "refused: " + r.problems().get(0).construct() + ": "
                        + r.problems().get(0).reason();
        assertThat(actual).isEqualTo(expected);
        if (!r.ok()) {
            assertThat(r.problems().get(0).dialect()).isEqualTo(D);
        }
    }

    @Test
    void namesEveryFunction() {
        List<String> named = FUNCTIONS.stream()
                .map(row -> row.split(" => ", 3)[0])
                .distinct()
                .collect(Collectors.toList());
        assertThat(named).containsExactlyInAnyOrderElementsOf(FunctionCatalogueTest.catalogued());
        if (!D.rules().functions().isEmpty()) {
            assertThat(named)
                    .containsExactlyInAnyOrderElementsOf(D.rules().functions().keySet());
        }
    }

    /** The type map: every scalar kind, the aliases, parameters, ARRAY and STRUCT ({@code none}: no equivalent). */
    static final List<String> TYPES = List.of(
            "INT64 => INT64",
            "NUMERIC => NUMERIC",
            "BIGNUMERIC => BIGNUMERIC",
            "FLOAT64 => FLOAT64",
            "BOOL => BOOL",
            "STRING => STRING",
            "BYTES => BYTES",
            "DATE => DATE",
            "DATETIME => DATETIME",
            "TIME => TIME",
            "TIMESTAMP => TIMESTAMP",
            "JSON => JSON",
            "GEOGRAPHY => GEOGRAPHY",
            "INTERVAL => INTERVAL",
            "integer => INTEGER",
            "NUMERIC(10, 2) => NUMERIC(10, 2)",
            "decimal => DECIMAL",
            "BIGDECIMAL => BIGDECIMAL",
            "FLOAT => FLOAT",
            "BOOLEAN => BOOLEAN",
            "ARRAY<INT64> => ARRAY<INT64>",
            "array<struct<a int64>> => ARRAY<STRUCT<A INT64>>",
            "STRUCT<a INT64, b STRING> => STRUCT<A INT64, B STRING>",
            "ARRAY<GEOGRAPHY> => ARRAY<GEOGRAPHY>");

    static Stream<Arguments> types() {
        return TYPES.stream().map(row -> Arguments.of((Object[]) row.split(" => ", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void mapsTypes(String bigQuery, String expected) {
        assertThat(D.type(bigQuery).orElse("none")).isEqualTo(expected);
    }

    @Test
    void mapsEveryKindOfScalar() {
        List<String> mapped = TYPES.stream().map(row -> row.split(" => ", 2)[0]).toList();
        for (BigQueryType.Kind k : BigQueryType.Kind.values()) {
            assertThat(mapped).contains(k.name());
        }
    }
}
