package io.github.specpipeline.core.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.SqlFragments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each dialect's rendering looks like, and what is refused instead of being guessed. */
class SqlRendererTest {

    static SqlRenderer.Rendering render(String bigQuery, Dialect dialect) throws Exception {
        return SqlRenderer.render(SqlFragments.parse(bigQuery, null).expression(), dialect, RenderScope.AS_WRITTEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "REGEXP_CONTAINS(email, r'^[^@]+@x$') => (email RLIKE '^[^@]+@x$')",
                "REGEXP_REPLACE(phone, r'[^0-9]', '') => regexp_replace(phone, '[^0-9]', '')",
                "REGEXP_REPLACE(s, r'(a)(b)', r'\\2\\1$') => regexp_replace(s, '(a)(b)', '$2$1\\\\$')",
                "REGEXP_EXTRACT(url, r'^https?://([^/]+)') => CASE WHEN url RLIKE '^https?://([^/]+)' THEN regexp_extract(url, '^https?://([^/]+)', 1) END",
                "r'^\\s*(\\+|00)' => '^\\\\s*(\\\\+|00)'",
                "COUNTIF(x > 1) => count(CASE WHEN x > 1 THEN 1 END)",
                "SAFE_DIVIDE(a, b) => try_divide(a, b)",
                "SAFE_CAST(x AS INT64) => TRY_CAST(x AS BIGINT)",
                "CAST(x AS NUMERIC) => CAST(x AS DECIMAL(38,9))",
                "CAST(x AS STRING) => CAST(x AS STRING)",
                "IF(a, 1, 2) => CASE WHEN a THEN 1 ELSE 2 END",
                "IFNULL(a, 0) => COALESCE(a, 0)",
                "CONCAT(a, b) => concat(a, b)",
                "DATE_DIFF(a, b, DAY) => datediff(a, b)",
                "DATE_DIFF(a, b, MONTH) => ((year(a) - year(b)) * 12 + month(a) - month(b))",
                "DATE_TRUNC(d, MONTH) => CAST(date_trunc('MONTH', d) AS DATE)",
                "FORMAT_DATE('%Y-%m-%d', d) => date_format(d, 'yyyy-MM-dd')",
                "FORMAT_DATE('Week of %d %B', d) => date_format(d, '\\'Week of \\'dd MMMM')",
                "PARSE_DATE('%Y%m%d', s) => to_date(s, 'yyyyMMdd')",
                "PARSE_DATE('%Y-%m-%d', s) => to_date(s, 'y-M-d')",
                "CURRENT_TIMESTAMP() => current_timestamp()",
                "`select` + 1 => `select` + 1",
                "`a b` => `a b`",
                "'it\\'s' => 'it\\'s'",
                "EXTRACT(DAYOFWEEK FROM d) => dayofweek(d)",
                "TRIM(s, 'x') => TRIM(BOTH 'x' FROM s)",
            })
    void spark(String bigQuery, String expected) throws Exception {
        SqlRenderer.Rendering r = render(bigQuery, Dialect.SPARK);
        assertThat(r.problems()).isEmpty();
        assertThat(r.sql()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "REGEXP_CONTAINS(email, r'^[^@\\s]+@x$') => REGEXP_CONTAINS(email, r'^[^@\\s]+@x$')",
                "CONCAT(a, 'it\\'s') => CONCAT(a, 'it\\'s')",
                "SAFE_CAST(x AS DATE) => SAFE_CAST(x AS DATE)",
                "DATE_DIFF(a, b, DAY) => DATE_DIFF(a, b, DAY)",
                "\"text\" => 'text'",
                "CURRENT_TIMESTAMP => CURRENT_TIMESTAMP()",
                "`select` => `select`",
                "x NOT IN ('a', 'b') => x NOT IN ('a', 'b')",
                "COUNT(DISTINCT x) => COUNT(DISTINCT x)",
                "SUM(x) OVER (PARTITION BY y ORDER BY z) => SUM(x) OVER (PARTITION BY y ORDER BY z)",
                "x[OFFSET(0)] => x[OFFSET(0)]",
            })
    void bigQueryKeepsTheMeaningAsWritten(String bigQuery, String expected) throws Exception {
        SqlRenderer.Rendering r = render(bigQuery, Dialect.BIGQUERY);
        assertThat(r.problems()).isEmpty();
        assertThat(r.sql()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "NET.HOST(url) => DUCKDB => NET.HOST",
                "NET.HOST(url) => SPARK => NET.HOST",
                "FARM_FINGERPRINT(x) => DUCKDB => FARM_FINGERPRINT",
                "REGEXP_EXTRACT(x, pattern) => DUCKDB => REGEXP_EXTRACT",
                "REGEXP_EXTRACT(x, r'(a)(b)') => DUCKDB => REGEXP_EXTRACT",
                "REGEXP_REPLACE(x, 'a', replacement) => SPARK => REGEXP_REPLACE",
                "DATE_TRUNC(d, WEEK) => DUCKDB => DATE_TRUNC",
                "DATE_DIFF(a, b, WEEK) => DUCKDB => DATE_DIFF",
                "FORMAT_DATE('%c', d) => DUCKDB => FORMAT_DATE",
                "FORMAT_DATE(fmt, d) => SPARK => FORMAT_DATE",
                "SAFE.SUBSTR(x, 1) => DUCKDB => SAFE.SUBSTR",
                "SPLIT(x, delimiter) => SPARK => SPLIT",
                "x[1:2] => DUCKDB => array subscript",
                "ARRAY_AGG(x LIMIT n) => DUCKDB => ARRAY_AGG",
                "CAST(x AS GEOGRAPHY) => SPARK => CAST",
                "EXTRACT(WEEK FROM d) => DUCKDB => EXTRACT(WEEK)",
                "CURRENT_TIME() => SPARK => CURRENT_TIME",
            })
    void untranslatableConstructsAreReportedNotGuessed(String bigQuery, Dialect dialect, String construct)
            throws Exception {
        SqlRenderer.Rendering r = render(bigQuery, dialect);
        assertThat(r.problems()).isNotEmpty();
        assertThat(r.problems().get(0).construct()).isEqualTo(construct);
        assertThat(r.problems().get(0).dialect()).isEqualTo(dialect);
        assertThat(r.problems().get(0).describe()).contains(construct).contains(dialect.displayName());
    }

    @Test
    void aProblemIsLocatedAtItsFunction() throws Exception {
        SqlRenderer.Rendering r = render("LOWER(x) ||\n  NET.HOST(url)", Dialect.DUCKDB);
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0).line()).isEqualTo(2);
        assertThat(r.problems().get(0).column()).isEqualTo(3);
    }

    @Test
    void identifiersAreQuotedOnlyWhereTheDialectNeedsIt() {
        assertThat(Dialect.DUCKDB.quote("customer_id")).isEqualTo("customer_id");
        assertThat(Dialect.DUCKDB.quote("order")).isEqualTo("\"order\"");
        assertThat(Dialect.DUCKDB.quote("temp")).isEqualTo("\"temp\"");
        assertThat(Dialect.BIGQUERY.quote("select")).isEqualTo("`select`");
        assertThat(Dialect.SPARK.quote("a`b")).isEqualTo("`a``b`");
        assertThat(Dialect.DUCKDB.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void stringLiteralsEscapeEverythingPerDialect() {
        assertThat(Dialect.DUCKDB.string("it's \\ */")).isEqualTo("'it''s \\ */'");
        assertThat(Dialect.BIGQUERY.string("it's \\\n")).isEqualTo("'it\\'s \\\\\\n'");
        assertThat(Dialect.SPARK.string("it's \\")).isEqualTo("'it\\'s \\\\'");
        assertThat(Dialect.BIGQUERY.rawString("^\\d+$")).isEqualTo("r'^\\d+$'");
        assertThat(Dialect.BIGQUERY.rawString("it's")).isEqualTo("'it\\'s'");
    }
}
