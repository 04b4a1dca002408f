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
 * DuckDB's rules, one row per function of its table and per form it treats differently:
 * {@code NAME => BigQuery fragment => rendering}, or {@code refused: construct: reason} for a refusal (the
 * first problem the rendering reports). {@link #namesEveryFunction} keeps the rows and the table in step.
 */
class DuckDbRulesTest {
    static final Dialect D = Dialect.DUCKDB;

    /** Every function of the catalogue, as the table renders or refuses it. */
    static final List<String> FUNCTIONS = List.of(
            "ANY_VALUE => ANY_VALUE(x) => ANY_VALUE(x)",
            "APPROX_COUNT_DISTINCT => APPROX_COUNT_DISTINCT(x) => APPROX_COUNT_DISTINCT(x)",
            "AVG => AVG(x) => AVG(x)",
            "COUNT => COUNT(*) => COUNT(*)",
            "COUNT => COUNT(DISTINCT x) => COUNT(DISTINCT x)",
            "COUNTIF => COUNTIF(x > 0) => count(CASE WHEN x > 0 THEN 1 END)",
            "LOGICAL_AND => LOGICAL_AND(b) => bool_and(b)",
            "LOGICAL_OR => LOGICAL_OR(b) => bool_or(b)",
            "MAX => MAX(x) => MAX(x)",
            "MIN => MIN(x) => MIN(x)",
            "STDDEV => STDDEV(x) => STDDEV(x)",
            "STDDEV_POP => STDDEV_POP(x) => STDDEV_POP(x)",
            "STDDEV_SAMP => STDDEV_SAMP(x) => STDDEV_SAMP(x)",
            "STRING_AGG => STRING_AGG(s) => string_agg(s, ',')",
            "STRING_AGG => STRING_AGG(s, '; ' ORDER BY s) => string_agg(s, '; ' ORDER BY s NULLS FIRST)",
            "SUM => SUM(x) => SUM(x)",
            "VARIANCE => VARIANCE(x) => VARIANCE(x)",
            "VAR_POP => VAR_POP(x) => VAR_POP(x)",
            "VAR_SAMP => VAR_SAMP(x) => VAR_SAMP(x)",
            "COALESCE => COALESCE(a, b, 0) => COALESCE(a, b, 0)",
            "GREATEST => GREATEST(a, b) => CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE GREATEST(a, b) END",
            "IF => IF(a > b, a, b) => CASE WHEN a > b THEN a ELSE b END",
            "IFNULL => IFNULL(a, 0) => COALESCE(a, 0)",
            "LEAST => LEAST(a, b) => CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE LEAST(a, b) END",
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
            "DIV => DIV(a, b) => (a // b)",
            "EXP => EXP(x) => EXP(x)",
            "FLOOR => FLOOR(x) => FLOOR(x)",
            "LN => LN(x) => ln(x)",
            "LOG => LOG(x) => ln(x)",
            "LOG => LOG(x, 2) => (ln(x) / ln(2))",
            "LOG10 => LOG10(x) => LOG10(x)",
            "MOD => MOD(a, b) => MOD(a, b)",
            "POW => POW(x, 2) => POW(x, 2)",
            "POWER => POWER(x, 2) => POWER(x, 2)",
            "ROUND => ROUND(x, 2) => ROUND(x, 2)",
            "SAFE_DIVIDE => SAFE_DIVIDE(a, b) => (a / NULLIF(b, 0))",
            "SIGN => SIGN(x) => SIGN(x)",
            "SIN => SIN(x) => SIN(x)",
            "SINH => SINH(x) => SINH(x)",
            "SQRT => SQRT(x) => SQRT(x)",
            "TAN => TAN(x) => TAN(x)",
            "TANH => TANH(x) => TANH(x)",
            "CHARACTER_LENGTH => CHARACTER_LENGTH(s) => CHARACTER_LENGTH(s)",
            "CHAR_LENGTH => CHAR_LENGTH(s) => CHAR_LENGTH(s)",
            "CONCAT => CONCAT(a, '-', b) => (a || '-' || b)",
            "ENDS_WITH => ENDS_WITH(s, 'x') => ends_with(s, 'x')",
            "LEFT => LEFT(s, 3) => LEFT(s, 3)",
            "LENGTH => LENGTH(s) => LENGTH(s)",
            "LOWER => LOWER(s) => LOWER(s)",
            "LPAD => LPAD(s, 5, '0') => lpad(s, 5, '0')",
            "LTRIM => LTRIM(s) => LTRIM(s)",
            "LTRIM => LTRIM(s, 'x') => ltrim(s, 'x')",
            "REPLACE => REPLACE(s, 'a', 'b') => REPLACE(s, 'a', 'b')",
            "REVERSE => REVERSE(s) => REVERSE(s)",
            "RIGHT => RIGHT(s, 3) => RIGHT(s, 3)",
            "RPAD => RPAD(s, 5, '0') => rpad(s, 5, '0')",
            "RTRIM => RTRIM(s) => RTRIM(s)",
            "RTRIM => RTRIM(s, 'x') => rtrim(s, 'x')",
            "SPLIT => SPLIT(s, ',') => string_split(s, ',')",
            "STARTS_WITH => STARTS_WITH(s, 'x') => starts_with(s, 'x')",
            "STRPOS => STRPOS(s, 'x') => strpos(s, 'x')",
            "SUBSTR => SUBSTR(s, 2, 3) => SUBSTR(s, 2, 3)",
            "SUBSTRING => SUBSTRING(s, 2, 3) => SUBSTRING(s, 2, 3)",
            "UPPER => UPPER(s) => UPPER(s)",
            "REGEXP_CONTAINS => REGEXP_CONTAINS(s, r'^[0-9]+$') => regexp_matches(s, '^[0-9]+$')",
            "REGEXP_EXTRACT => REGEXP_EXTRACT(s, r'@(.+)$') => CASE WHEN regexp_matches(s, '@(.+)$') THEN regexp_extract(s, '@(.+)$', 1) END",
            "REGEXP_EXTRACT => REGEXP_EXTRACT(s, pattern) => refused: REGEXP_EXTRACT: the pattern must be a string literal (its capture group decides the result)",
            "REGEXP_EXTRACT => REGEXP_EXTRACT(s, r'(a)(b)') => refused: REGEXP_EXTRACT: the pattern has 2 capture groups; BigQuery allows at most one",
            "REGEXP_EXTRACT_ALL => REGEXP_EXTRACT_ALL(s, r'[0-9]+') => regexp_extract_all(s, '[0-9]+', 0)",
            "REGEXP_REPLACE => REGEXP_REPLACE(s, r'([0-9]+)', r'<\\1>') => regexp_replace(s, '([0-9]+)', '<\\1>', 'g')",
            "REGEXP_REPLACE => REGEXP_REPLACE(s, r'a', replacement) => regexp_replace(s, 'a', replacement, 'g')",
            "ARRAY_LENGTH => ARRAY_LENGTH(arr) => len(arr)",
            "ARRAY_TO_STRING => ARRAY_TO_STRING(arr, ',') => array_to_string(arr, ',')",
            "CURRENT_DATE => CURRENT_DATE() => current_date",
            "CURRENT_DATE => CURRENT_DATE('Europe/Paris') => refused: CURRENT_DATE: the time zone argument is not translated",
            "CURRENT_DATETIME => CURRENT_DATETIME() => CAST(current_timestamp AS TIMESTAMP)",
            "CURRENT_TIME => CURRENT_TIME() => CAST(current_timestamp AS TIME)",
            "CURRENT_TIMESTAMP => CURRENT_TIMESTAMP() => current_timestamp",
            "DATE => DATE(ts) => CAST(ts AS DATE)",
            "DATE => DATE(y, m, dd) => make_date(y, m, dd)",
            "DATE_ADD => DATE_ADD(d, INTERVAL 1 MONTH) => CAST(d + INTERVAL (1) MONTH AS DATE)",
            "DATE_ADD => DATE_ADD(d, INTERVAL 7 DAY) => CAST(d + INTERVAL (7) DAY AS DATE)",
            "DATE_DIFF => DATE_DIFF(a, b, DAY) => date_diff('day', b, a)",
            "DATE_DIFF => DATE_DIFF(a, b, MONTH) => date_diff('month', b, a)",
            "DATE_DIFF => DATE_DIFF(a, b, WEEK) => refused: DATE_DIFF: date part WEEK is not translated (WEEK starts on Sunday in BigQuery)",
            "DATE_SUB => DATE_SUB(d, INTERVAL 1 YEAR) => CAST(d - INTERVAL (1) YEAR AS DATE)",
            "DATE_TRUNC => DATE_TRUNC(d, MONTH) => CAST(date_trunc('month', d) AS DATE)",
            "DATE_TRUNC => DATE_TRUNC(d, WEEK(MONDAY)) => refused: DATE_TRUNC: date part WEEK(MONDAY) is not translated (WEEK starts on Sunday in BigQuery, on Monday elsewhere)",
            "FORMAT_DATE => FORMAT_DATE('%Y-%m-%d', d) => strftime(d, '%Y-%m-%d')",
            "FORMAT_DATE => FORMAT_DATE('%c', d) => refused: FORMAT_DATE: format '%c' uses an element with no equivalent",
            "FORMAT_TIMESTAMP => FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S', ts) => strftime(ts, '%Y-%m-%d %H:%M:%S')",
            "LAST_DAY => LAST_DAY(d) => LAST_DAY(d)",
            "LAST_DAY => LAST_DAY(d, MONTH) => refused: LAST_DAY: it is translated with 1 argument, not 2",
            "PARSE_DATE => PARSE_DATE('%Y%m%d', s) => CAST(strptime(s, '%Y%m%d') AS DATE)",
            "PARSE_TIMESTAMP => PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', s) => CAST(strptime(s, '%Y-%m-%d %H:%M:%S') AS TIMESTAMPTZ)",
            "TIMESTAMP => TIMESTAMP(d) => CAST(d AS TIMESTAMPTZ)",
            "TIMESTAMP_ADD => TIMESTAMP_ADD(ts, INTERVAL 90 MINUTE) => (ts + INTERVAL (90) MINUTE)",
            "TIMESTAMP_DIFF => TIMESTAMP_DIFF(a, b, HOUR) => date_sub('hour', b, a)",
            "TIMESTAMP_SUB => TIMESTAMP_SUB(ts, INTERVAL 1 HOUR) => (ts - INTERVAL (1) HOUR)",
            "TIMESTAMP_TRUNC => TIMESTAMP_TRUNC(ts, MONTH) => date_trunc('month', ts)",
            "GENERATE_UUID => GENERATE_UUID() => CAST(uuid() AS VARCHAR)");

    /** The syntax that is not a call. */
    static final List<String> SYNTAX = List.of(
            "CAST => CAST(x AS NUMERIC) => CAST(x AS DECIMAL(38,9))",
            "CAST => CAST(x AS DATETIME) => CAST(x AS TIMESTAMP)",
            "CAST => CAST(x AS STRING FORMAT 'YYYY') => refused: CAST ... FORMAT: casts with a FORMAT clause are not translated",
            "SAFE_CAST => SAFE_CAST(x AS INT64) => TRY_CAST(x AS BIGINT)",
            "EXTRACT => EXTRACT(DAYOFWEEK FROM d) => (dayofweek(d) + 1)",
            "EXTRACT => EXTRACT(ISOYEAR FROM d) => isoyear(d)",
            "EXTRACT => EXTRACT(WEEK FROM d) => refused: EXTRACT(WEEK): this date part is not translated",
            "TRIM => TRIM(s) => TRIM(s)",
            "TRIM => TRIM(s, 'x') => TRIM(s, 'x')",
            "typed literal => DATE '2024-01-31' => DATE '2024-01-31'",
            "typed literal => TIMESTAMP '2024-01-31 12:00:00+00' => TIMESTAMPTZ '2024-01-31 12:00:00+00'",
            "typed literal => NUMERIC '1.5' => CAST('1.5' AS DECIMAL(38,9))",
            "string literal => 'it\\'s' => 'it''s'",
            "string literal => r'^\\d+$' => '^\\d+$'",
            "string literal => \"text\" => 'text'",
            "string literal => b'bytes' => refused: bytes literal: BYTES literals are not translated",
            "niladic function => CURRENT_DATE => current_date",
            "niladic function => CURRENT_TIMESTAMP => current_timestamp",
            "|| => a || b => (a || b)",
            "LIKE => s LIKE 'a%' => s LIKE 'a%'",
            "LIKE => s LIKE 'a\\\\_b' => s LIKE 'a\\_b' ESCAPE '\\'",
            "IN => x IN (1, 2) => x IN (1, 2)",
            "IN => x IN UNNEST(arr) => refused: IN UNNEST(arr): only IN (value, ...) lists are translated",
            "INTERVAL => d + INTERVAL 1 DAY => d + INTERVAL (1) DAY",
            "^ (bitwise xor) => a ^ b => xor(a, b)",
            "array literal => [1, 2, 3] => [1, 2, 3]",
            "array subscript => arr[OFFSET(0)] => refused: array subscript: BigQuery's OFFSET/ORDINAL subscripts are not translated",
            "window function => ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) => ROW_NUMBER() OVER (PARTITION BY a ORDER BY b NULLS FIRST)",
            "window function => COUNTIF(x > 0) OVER (ORDER BY b) => count_if(x > 0) OVER (ORDER BY b NULLS FIRST)",
            "SAFE. prefix => SAFE.SUBSTR(s, 2) => refused: SAFE.SUBSTR: SAFE.-prefixed functions (NULL instead of an error) are not translated");

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
            "INT64 => BIGINT",
            "NUMERIC => DECIMAL(38,9)",
            "BIGNUMERIC => DOUBLE",
            "FLOAT64 => DOUBLE",
            "BOOL => BOOLEAN",
            "STRING => VARCHAR",
            "BYTES => BLOB",
            "DATE => DATE",
            "DATETIME => TIMESTAMP",
            "TIME => TIME",
            "TIMESTAMP => TIMESTAMPTZ",
            "JSON => JSON",
            "GEOGRAPHY => none",
            "INTERVAL => INTERVAL",
            "integer => BIGINT",
            "NUMERIC(10, 2) => DECIMAL(10,2)",
            "decimal => DECIMAL(38,9)",
            "BIGDECIMAL => DOUBLE",
            "FLOAT => DOUBLE",
            "BOOLEAN => BOOLEAN",
            "ARRAY<INT64> => BIGINT[]",
            "array<struct<a int64>> => JSON[]",
            "STRUCT<a INT64, b STRING> => JSON",
            "ARRAY<GEOGRAPHY> => none");

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
