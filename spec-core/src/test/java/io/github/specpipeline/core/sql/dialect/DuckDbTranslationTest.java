package io.github.specpipeline.core.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.duckdb.Duck;
import io.github.specpipeline.core.sql.SqlFragments;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BigQuery expressions, translated to DuckDB and executed on embedded DuckDB, give BigQuery's results (the
 * expected values are BigQuery's documented behaviour).
 */
class DuckDbTranslationTest {
    private static Duck duck;

    @BeforeAll
    static void open() throws Exception {
        duck = new Duck();
        duck.exec("SET TimeZone = 'UTC'");
        duck.exec(
                "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'mobile', NULL), (2, 'MOBILE', 'x'), (3, 'desktop', NULL))"
                        + " AS v(n, device, note)");
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    static String sql(String bigQuery) throws Exception {
        SqlRenderer.Rendering r = SqlRenderer.render(
                SqlFragments.parse(bigQuery, null).expression(), Dialect.DUCKDB, RenderScope.AS_WRITTEN);
        assertThat(r.problems()).as(bigQuery).isEmpty();
        return r.sql();
    }

    static String eval(String bigQuery) throws Exception {
        return duck.value("SELECT " + sql(bigQuery));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                // CONCAT is NULL when any argument is (DuckDB's concat() would skip it)
                "CONCAT('a', NULL) => NULL",
                "CONCAT('a', 'b', 'c') => abc",
                // REGEXP_EXTRACT: the capture group, the whole match without one, NULL without a match
                "REGEXP_EXTRACT('a@b.com', r'@([^@]+)$') => b.com",
                "REGEXP_EXTRACT('abc', r'b') => b",
                "REGEXP_EXTRACT('abc', r'x(y)') => NULL",
                "REGEXP_EXTRACT(NULL, r'x(y)') => NULL",
                "REGEXP_EXTRACT('https://shop.example.com/cart?x=1', r'^https?://[^/]+(/[^?#]*)') => /cart",
                // REGEXP_REPLACE replaces every match; \\1 is a group
                "REGEXP_REPLACE('a1b2c3', r'[0-9]', '') => abc",
                "REGEXP_REPLACE('ab', r'(a)', r'\\1\\1') => aab",
                "REGEXP_CONTAINS('abc', r'B') => false",
                "REGEXP_CONTAINS('ABC', r'(?i)b') => true",
                "REGEXP_CONTAINS(NULL, r'b') => NULL",
                "COUNTIF(TRUE) => 1",
                "SAFE_DIVIDE(1, 0) => NULL",
                "SAFE_DIVIDE(1, 4) => 0.25",
                "SAFE_DIVIDE(NUMERIC '1', NUMERIC '0') => NULL",
                "IF(1 > 2, 'x', 'y') => y",
                "IF(NULL, 'x', 'y') => y",
                "IFNULL(NULL, 3) => 3",
                "GREATEST(1, NULL) => NULL",
                "LEAST(4, 2, 3) => 2",
                "DATE_DIFF(DATE '2024-03-01', DATE '2024-01-31', DAY) => 30",
                "DATE_DIFF(DATE '2024-03-01', DATE '2024-01-31', MONTH) => 2",
                "DATE_DIFF(DATE '2024-01-01', DATE '2023-12-31', YEAR) => 1",
                "DATE_DIFF(DATE '2024-01-01', DATE '2024-03-01', DAY) => -60",
                "TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 01:30:00+00', TIMESTAMP '2024-01-01 00:45:00+00', HOUR) => 0",
                "TIMESTAMP_DIFF(TIMESTAMP '2024-01-02 00:45:00+00', TIMESTAMP '2024-01-01 00:45:00+00', MINUTE) => 1440",
                "DATE_TRUNC(DATE '2024-03-15', MONTH) => 2024-03-01",
                "DATE_TRUNC(DATE '2024-03-15', YEAR) => 2024-01-01",
                "DATE_TRUNC(DATE '2024-03-15', ISOWEEK) => 2024-03-11",
                "FORMAT_DATE('%Y-%m', DATE '2024-03-05') => 2024-03",
                "FORMAT_DATE('%F', DATE '2024-03-05') => 2024-03-05",
                "FORMAT_DATE('%d/%m/%Y', DATE '2024-03-05') => 05/03/2024",
                "PARSE_DATE('%Y%m%d', '20240305') => 2024-03-05",
                "PARSE_DATE('%F', '2024-12-31') => 2024-12-31",
                "SAFE_CAST('x' AS INT64) => NULL",
                "SAFE_CAST('42' AS INT64) => 42",
                "SAFE_CAST(TIMESTAMP '2024-01-01 23:30:00+00' AS DATE) => 2024-01-01",
                "CAST('1.5' AS NUMERIC) => 1.5",
                "CAST(1 AS STRING) => 1",
                "CAST('true' AS BOOL) => true",
                "CAST(2.5 AS FLOAT64) => 2.5",
                "EXTRACT(DAYOFWEEK FROM DATE '2024-03-03') => 1",
                "EXTRACT(DAYOFWEEK FROM DATE '2024-03-09') => 7",
                "EXTRACT(YEAR FROM DATE '2024-03-03') => 2024",
                "EXTRACT(DATE FROM TIMESTAMP '2024-03-03 23:59:00+00') => 2024-03-03",
                "DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH) => 2024-02-29",
                "DATE_SUB(DATE '2024-03-01', INTERVAL 1 DAY) => 2024-02-29",
                "TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00+00', INTERVAL 90 MINUTE) => 2024-01-01T01:30:00Z",
                "DATE(TIMESTAMP '2024-05-06 23:00:00+00') => 2024-05-06",
                "'it\\'s' => it's",
                "\"double quoted\" => double quoted",
                "r'\\d+' => \\d+",
                "'a\\\\b' => a\\b",
                "'tab\\there' => tab\there",
                "'x' LIKE 'x%' => true",
                "'a_b' LIKE 'a\\\\_b' => true",
                "'axb' LIKE 'a\\\\_b' => false",
                "LOWER(TRIM('  AbC ')) => abc",
                "TRIM('xxhixx', 'x') => hi",
                "LTRIM('  a') => a",
                "RIGHT('abcdef', 3) => def",
                "LENGTH('héllo') => 5",
                "STRPOS('hello', 'l') => 3",
                "STARTS_WITH('hello', 'he') => true",
                "LPAD('7', 3, '0') => 007",
                "LOG(EXP(2)) => 2.0",
                "DIV(7, 2) => 3",
                "MOD(7, 3) => 1",
                "1 + 2 * 3 => 7",
                "(1 + 2) * 3 => 9",
                "NULL IS NULL => true",
                "1 IS NOT DISTINCT FROM NULL => false",
                "2 BETWEEN 1 AND 3 => true",
                "3 NOT IN (1, 2) => true",
                "CASE WHEN 1 = 2 THEN 'a' ELSE 'b' END => b",
                "CASE 2 WHEN 1 THEN 'a' WHEN 2 THEN 'b' END => b",
                "'a' || NULL => NULL",
                "CONCAT('x', 'y') || 'z' => xyz",
                "ARRAY_LENGTH([1, 2, 3]) => 3",
                "ARRAY_TO_STRING(['a', 'b'], '-') => a-b",
            })
    void translatesWithBigQuerySemantics(String bigQuery, String expected) throws Exception {
        assertThat(eval(bigQuery)).as(bigQuery + " -> " + sql(bigQuery)).isEqualTo(expected);
    }

    @Test
    void dateTruncOfADateIsADate() throws Exception {
        assertThat(duck.type("SELECT " + sql("DATE_TRUNC(DATE '2024-03-15', MONTH)")))
                .isEqualTo("DATE");
    }

    @Test
    void currentTimestampIsAnInstant() throws Exception {
        assertThat(duck.type("SELECT " + sql("CURRENT_TIMESTAMP()"))).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(duck.type("SELECT " + sql("CURRENT_TIMESTAMP"))).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(duck.type("SELECT " + sql("CURRENT_DATE()"))).isEqualTo("DATE");
    }

    @Test
    void aggregatesOverATable() throws Exception {
        assertThat(duck.value("SELECT " + sql("COUNTIF(LOWER(device) = 'mobile')") + " FROM t"))
                .isEqualTo("2");
        // BigQuery counts 0, never NULL, when the condition is never true or always NULL (DuckDB's count_if says NULL)
        assertThat(duck.value("SELECT " + sql("COUNTIF(device = 'tablet')") + " FROM t"))
                .isEqualTo("0");
        assertThat(duck.value("SELECT " + sql("COUNTIF(CAST(NULL AS BOOL))") + " FROM t"))
                .isEqualTo("0");
        assertThat(duck.value("SELECT " + sql("COUNTIF(device = 'mobile')") + " FROM t WHERE FALSE"))
                .isEqualTo("0");
        assertThat(duck.value("SELECT " + sql("STRING_AGG(device, ',' ORDER BY n)") + " FROM t"))
                .isEqualTo("mobile,MOBILE,desktop");
        assertThat(duck.value("SELECT " + sql("COUNT(DISTINCT LOWER(device))") + " FROM t"))
                .isEqualTo("2");
        assertThat(duck.value("SELECT " + sql("LOGICAL_AND(n > 0)") + " FROM t"))
                .isEqualTo("true");
    }

    @Test
    void windowFunctionsSortNullsFirstAscendingAsBigQueryDoes() throws Exception {
        List<String> rows =
                duck.rows("SELECT n, " + sql("ROW_NUMBER() OVER (ORDER BY note)") + " AS r FROM t ORDER BY n");
        // BigQuery: NULLs first in ascending order, so the row with 'x' comes last
        assertThat(rows).containsExactly("1 | 1", "2 | 3", "3 | 2");
    }

    @Test
    void backtickIdentifiersAndReservedWordsAreQuoted() throws Exception {
        duck.exec("CREATE TABLE IF NOT EXISTS q (\"select\" INTEGER, \"my col\" INTEGER)");
        duck.exec("INSERT INTO q VALUES (1, 2)");
        assertThat(duck.value("SELECT " + sql("`select` + `my col`") + " FROM q"))
                .isEqualTo("3");
        assertThat(sql("`select` + `my col`")).isEqualTo("\"select\" + \"my col\"");
    }

    @Test
    void hostileStringsSurviveAsValues() throws Exception {
        for (String value :
                List.of("it's", "back\\slash", "*/ -- ;", "line\nbreak", "''", "\\'", "{{ x }} ${y}", "\u0000nul")) {
            String literal = Dialect.DUCKDB.string(value);
            assertThat(duck.value("SELECT " + literal)).as(literal).isEqualTo(value.replace("\u0000", "\u0000"));
            String bigQueryLiteral = Dialect.BIGQUERY.string(value);
            assertThat(eval(bigQueryLiteral)).as(bigQueryLiteral).isEqualTo(value);
        }
    }
}
