package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFragmentsTest {

    private static final String PHONE =
            "CASE WHEN REGEXP_CONTAINS(REGEXP_REPLACE({from}, '[^0-9]', ''), r'^1?[0-9]{10}$')"
                    + " THEN CONCAT('+1', RIGHT(REGEXP_REPLACE({from}, '[^0-9]', ''), 10))"
                    + " WHEN REGEXP_CONTAINS(REGEXP_REPLACE({from}, '[^0-9]', ''), r'^[0-9]{11,15}$')"
                    + " THEN CONCAT('+', REGEXP_REPLACE({from}, '[^0-9]', '')) ELSE NULL END";

    private static final String LIFECYCLE =
            "CASE WHEN {from} = 'active' THEN 'active' WHEN {from} = 'inactive' THEN 'churned'"
                    + " WHEN {from} = 'trial' THEN 'trial' WHEN {from} = 'prospect' THEN 'prospect' ELSE 'unknown' END";

    private static ParsedFragment parse(String text) throws SqlFragmentException {
        return SqlFragments.parse(text, "src.col");
    }

    private static SqlFragmentException rejection(String text, String fromReplacement) {
        SqlFragmentException e =
                catchThrowableOfType(SqlFragmentException.class, () -> SqlFragments.parse(text, fromReplacement));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        return e;
    }

    static Stream<String> referenceFragments() {
        return Stream.of(
                "LOWER(TRIM({from}))",
                PHONE,
                LIFECYCLE,
                "{from} * fx_rates.rate_to_usd",
                "SUM({from})",
                "SUM({from}) * fx_rates.rate_to_usd",
                "crm_customers.customer_id = crm_addresses.customer_id",
                "country IS NOT NULL",
                "COUNTIF(status = 'OPEN')",
                "COUNT(*)",
                "SUM(amount_usd)",
                "AVG(amount_usd)",
                "MIN(order_ts)",
                "MAX(order_ts)",
                "SAFE_DIVIDE(a, b)",
                "SAFE_CAST(x AS INT64)",
                "IF(a > 0, 'y', 'n')",
                "IFNULL(a, 0)",
                "DATE_TRUNC(d, MONTH)",
                "FORMAT_DATE('%Y-%m', d)",
                "PARSE_DATE('%Y%m%d', s)",
                "CURRENT_TIMESTAMP()",
                "REGEXP_EXTRACT(s, r'([0-9]+)')",
                "`my table`.`col`",
                "CAST(x AS NUMERIC)",
                "DATE_DIFF(a, b, DAY)");
    }

    @ParameterizedTest
    @MethodSource("referenceFragments")
    void referenceFragmentsParse(String text) throws SqlFragmentException {
        ParsedFragment f = SqlFragments.parse(text, "crm_customers.phone");

        assertThat(f.text()).isEqualTo(text);
        assertThat(f.sql()).doesNotContain("{from}");
        assertThat(f.expression()).isNotNull();
    }

    @Nested
    class Columns {

        @Test
        void fromIsReplacedAndItsColumnReported() throws SqlFragmentException {
            ParsedFragment f = SqlFragments.parse("LOWER(TRIM({from}))", "crm_customers.phone");

            assertThat(f.sql()).isEqualTo("LOWER(TRIM(crm_customers.phone))");
            assertThat(f.columns()).containsExactly(new ColumnRef("crm_customers", "phone"));
            assertThat(f.functions()).containsExactly("LOWER", "TRIM");
            assertThat(f.containsAggregate()).isFalse();
        }

        @Test
        void distinctInOrderOfFirstAppearance() throws SqlFragmentException {
            ParsedFragment f = SqlFragments.parse(PHONE, "crm_customers.phone");

            assertThat(f.columns()).containsExactly(new ColumnRef("crm_customers", "phone"));
            assertThat(parse("b + a + b + t.a").columns())
                    .containsExactly(new ColumnRef(null, "b"), new ColumnRef(null, "a"), new ColumnRef("t", "a"));
        }

        @Test
        void qualifierIsTheTablePart() throws SqlFragmentException {
            assertThat(parse("{from} * fx_rates.rate_to_usd").columns())
                    .containsExactly(new ColumnRef("src", "col"), new ColumnRef("fx_rates", "rate_to_usd"));
            assertThat(parse("a.b.c").columns()).containsExactly(new ColumnRef("a.b", "c"));
            assertThat(parse("crm_customers.customer_id = crm_addresses.customer_id")
                            .columns())
                    .containsExactly(
                            new ColumnRef("crm_customers", "customer_id"),
                            new ColumnRef("crm_addresses", "customer_id"));
        }

        @Test
        void quotesAreRemoved() throws SqlFragmentException {
            assertThat(parse("`my table`.`col`").columns()).containsExactly(new ColumnRef("my table", "col"));
            assertThat(parse("`proj.raw.t`.col").columns()).containsExactly(new ColumnRef("proj.raw.t", "col"));
            assertThat(parse("`order` + 1").columns()).containsExactly(new ColumnRef(null, "order"));
        }

        @Test
        void datePartsFormatStringsAndNiladicFunctionsAreNotColumns() throws SqlFragmentException {
            assertThat(parse("DATE_DIFF(a, b, DAY)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("a", "b");
            assertThat(parse("DATE_TRUNC(d, MONTH)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("d");
            assertThat(parse("TIMESTAMP_DIFF(a, b, HOUR) + DATETIME_DIFF(c, d, ISOWEEK)")
                            .columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("a", "b", "c", "d");
            assertThat(parse("TIMESTAMP_TRUNC(ts, WEEK(MONDAY))").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("ts");
            assertThat(parse("LAST_DAY(d, QUARTER)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("d");
            assertThat(parse("EXTRACT(DAYOFWEEK FROM d)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("d");
            assertThat(parse("DATE_ADD(d, INTERVAL 1 DAY)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("d");
            assertThat(parse("FORMAT_DATE('%Y-%m', d)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("d");
            assertThat(parse("TIMESTAMP_DIFF(CURRENT_TIMESTAMP, ts, SECOND)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("ts");
            assertThat(parse("CURRENT_DATE").columns()).isEmpty();
        }

        @Test
        void aDatePartWordOutsideTheDatePartPositionIsAColumn() throws SqlFragmentException {
            assertThat(parse("DATE_DIFF(day, b, DAY)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("day", "b");
            assertThat(parse("DATE_DIFF(a, b, `day`)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("a", "b", "day");
        }

        @Test
        void bigQueryDoubleQuotedTextIsAStringNotAColumn() throws SqlFragmentException {
            assertThat(parse("status = \"OPEN\"").columns()).containsExactly(new ColumnRef(null, "status"));
        }

        @Test
        void arraySubscriptOperatorsAreNotFunctions() throws SqlFragmentException {
            ParsedFragment f = parse("ARRAY_AGG(x ORDER BY ts DESC LIMIT 1)[OFFSET(0)]");

            assertThat(f.columns()).extracting(ColumnRef::column).containsExactly("x", "ts");
            assertThat(f.functions()).containsExactly("ARRAY_AGG");
            assertThat(f.containsAggregate()).isTrue();
        }

        @Test
        void nullHandlingBeforeAnAggregatesOrderByParses() throws SqlFragmentException {
            // BigQuery's order (IGNORE NULLS, then ORDER BY, then LIMIT), which JSqlParser reads only with the
            // null handling after the ORDER BY: the parser sees it moved, the SQL and the positions stay BigQuery's
            ParsedFragment f = parse("ARRAY_AGG(name IGNORE NULLS ORDER BY\n  updated_at DESC, id LIMIT 1)[OFFSET(0)]");

            assertThat(f.columns()).extracting(ColumnRef::column).containsExactly("name", "updated_at", "id");
            assertThat(f.positionOf(new ColumnRef(null, "updated_at"))).contains(new FragmentPosition(2, 3));
            assertThat(f.positionOf(new ColumnRef(null, "id"))).contains(new FragmentPosition(2, 20));
            assertThat(f.sql())
                    .isEqualTo("ARRAY_AGG(name IGNORE NULLS ORDER BY\n  updated_at DESC, id LIMIT 1)[OFFSET(0)]");
            assertThat(f.containsAggregate()).isTrue();
            assertThat(parse("ARRAY_AGG(DISTINCT x RESPECT NULLS ORDER BY x)").columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("x");
            assertThat(parse("ARRAY_AGG(x IGNORE NULLS ORDER BY (SELECT_ME(x)) DESC)")
                            .functions())
                    .contains("SELECT_ME");
        }

        @Test
        void aMistakeInsideAMovedOrderByIsLocatedInTheWrittenText() {
            // the same mistake without the null handling: the position moves by exactly "IGNORE NULLS " (13 chars)
            SqlFragmentException plain =
                    catchThrowableOfType(SqlFragmentException.class, () -> parse("ARRAY_AGG(x ORDER BY ts + * DESC)"));
            SqlFragmentException moved = catchThrowableOfType(
                    SqlFragmentException.class, () -> parse("ARRAY_AGG(x IGNORE NULLS ORDER BY ts + * DESC)"));

            assertThat(plain.column()).isGreaterThan(21);
            assertThat(moved.line()).isEqualTo(1);
            assertThat(moved.column()).isEqualTo(plain.column() + 13);
            assertThat(moved.getMessage()).isEqualTo(plain.getMessage());
        }

        @Test
        void positionsPointIntoTheOriginalText() throws SqlFragmentException {
            ParsedFragment f = SqlFragments.parse("COALESCE(\n  {from},\n\tx.y)", "a_much_longer_table.column_name");

            assertThat(f.positionOf(new ColumnRef("a_much_longer_table", "column_name")))
                    .contains(new FragmentPosition(2, 3));
            assertThat(f.positionOf(new ColumnRef("x", "y"))).contains(new FragmentPosition(3, 2));
            assertThat(f.positionOf(new ColumnRef(null, "nope"))).isEmpty();
        }

        @Test
        void positionsAfterASubstitutionOnTheSameLineAreShiftedBack() throws SqlFragmentException {
            ParsedFragment f = SqlFragments.parse("{from} + other", "t.c");

            assertThat(f.positionOf(new ColumnRef(null, "other"))).contains(new FragmentPosition(1, 10));
        }
    }

    @Nested
    class Aggregates {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "COUNTIF(status = 'OPEN')",
                    "COUNT(*)",
                    "SUM(amount_usd)",
                    "AVG(amount_usd)",
                    "MIN(order_ts)",
                    "MAX(order_ts)",
                    "SUM({from}) * fx_rates.rate_to_usd",
                    "COUNT(DISTINCT customer_id)",
                    "ANY_VALUE(x)",
                    "STRING_AGG(x, ',')",
                    "LOGICAL_AND(b)",
                    "APPROX_COUNT_DISTINCT(x)",
                    "STDDEV_SAMP(x)",
                    "SAFE_DIVIDE(SUM(a), COUNT(*))",
                    "count(x)",
                    "SAFE.SUM(x)",
                    "COUNT(*) FILTER (WHERE x > 0)",
                    "SUM(SUM(x)) OVER ()"
                })
        void detected(String text) throws SqlFragmentException {
            assertThat(parse(text).containsAggregate()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "LOWER(TRIM({from}))",
                    "{from} * fx_rates.rate_to_usd",
                    "SUM(x) OVER (PARTITION BY y)",
                    "ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC)",
                    "COUNT(*) OVER ()",
                    "LEAST(a, b)",
                    "country IS NOT NULL"
                })
        void notDetected(String text) throws SqlFragmentException {
            assertThat(parse(text).containsAggregate()).isFalse();
        }

        @Test
        void windowColumnsAreCollected() throws SqlFragmentException {
            assertThat(parse("SUM(x) OVER (PARTITION BY y ORDER BY z ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)")
                            .columns())
                    .extracting(ColumnRef::column)
                    .containsExactly("x", "y", "z");
        }

        @ParameterizedTest
        @CsvSource({
            "sum,true",
            "SAFE.COUNT,true",
            "VAR_POP,true",
            "stddev,true",
            "HLL_COUNT.MERGE,true",
            "HLL_COUNT.EXTRACT,false",
            "LOWER,false",
            "SAFE_DIVIDE,false",
            "GREATEST,false"
        })
        void isAggregateFunction(String name, boolean aggregate) {
            assertThat(SqlFragments.isAggregateFunction(name)).isEqualTo(aggregate);
        }
    }

    @Nested
    class Functions {

        @Test
        void namesAreUpperCaseAndSorted() throws SqlFragmentException {
            ParsedFragment f = parse(PHONE);

            assertThat(f.functions()).containsExactly("CONCAT", "REGEXP_CONTAINS", "REGEXP_REPLACE", "RIGHT");
            assertThat(f.calls("concat")).isTrue();
        }

        @Test
        void castsTrimExtractAndNiladicFunctionsCount() throws SqlFragmentException {
            assertThat(parse("SAFE_CAST(x AS INT64) + CAST(y AS NUMERic)").functions())
                    .containsExactly("CAST", "SAFE_CAST");
            assertThat(parse("TRIM(x)").functions()).containsExactly("TRIM");
            assertThat(parse("EXTRACT(YEAR FROM d)").functions()).containsExactly("EXTRACT");
            assertThat(parse("CURRENT_TIMESTAMP()").functions()).containsExactly("CURRENT_TIMESTAMP");
            assertThat(parse("safe.substr(x, 1)").functions()).containsExactly("SAFE.SUBSTR");
        }
    }

    @Nested
    class CaseOutputs {

        @Test
        void lifecycleCase() throws SqlFragmentException {
            assertThat(SqlFragments.parse(LIFECYCLE, "crm_customers.status").caseLiteralOutputs())
                    .containsExactly("active", "churned", "trial", "prospect", "unknown");
        }

        @Test
        void nullAndComputedBranchesAreLeftOut() throws SqlFragmentException {
            assertThat(SqlFragments.parse(PHONE, "p").caseLiteralOutputs()).isEmpty();
            assertThat(parse("CASE WHEN a THEN 'x' WHEN b THEN LOWER(c) ELSE NULL END")
                            .caseLiteralOutputs())
                    .containsExactly("x");
        }

        @Test
        void literalFormsAreDecoded() throws SqlFragmentException {
            String text = "(CASE status WHEN 1 THEN -1 WHEN 2 THEN 2.5 WHEN 3 THEN '''triple''' WHEN 4 THEN 'it\\'s'"
                    + " WHEN 5 THEN \"double\" WHEN 6 THEN r'\\d' WHEN 7 THEN 'x' ELSE 'x' END)";

            assertThat(parse(text).caseLiteralOutputs())
                    .containsExactly("-1", "2.5", "triple", "it's", "double", "\\d", "x");
        }

        @Test
        void notACaseAtTheTop() throws SqlFragmentException {
            assertThat(parse("COALESCE(CASE WHEN a THEN 'x' END, 'y')").caseLiteralOutputs())
                    .isEmpty();
            assertThat(parse("LOWER(x)").caseLiteralOutputs()).isEmpty();
        }
    }

    @Nested
    class Rejections {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("a b c", 1, 3, "not exactly one expression"),
                    Arguments.of("a; DROP TABLE b", 1, 2, "not exactly one expression"),
                    Arguments.of("x) OR (1=1", 1, 2, "not exactly one expression"),
                    Arguments.of("SELECT 1", 1, 1, "not a SELECT statement"),
                    Arguments.of("", 1, 1, "empty"),
                    Arguments.of("   \n ", 1, 1, "empty"),
                    Arguments.of("-- only a comment", 1, 1, "empty"),
                    Arguments.of("SUM(", 1, 4, "'(' is never closed"),
                    Arguments.of("a = 1;", 1, 6, "not exactly one expression"),
                    Arguments.of("x = 'open", 1, 5, "unterminated string"),
                    Arguments.of("LOWER(x]", 1, 8, "does not match '('"),
                    // JSqlParser backtracks to the longest expression it can read, so some errors are reported
                    // where that expression ends: "a +" stops before "+", "f(a,,b)" before "("
                    Arguments.of("a +", 1, 3, "not exactly one expression: cannot parse the text from '+' on"),
                    Arguments.of("f(a,,b)", 1, 2, "not exactly one expression"),
                    Arguments.of("CASE WHEN a THEN b", 1, 19, "unexpected end of the expression"),
                    Arguments.of("x = = 1", 1, 3, "not exactly one expression"),
                    Arguments.of("LOWER(x)\n  y", 2, 3, "cannot parse the text from 'y' on"),
                    Arguments.of("(SELECT MAX(x) FROM t)", 1, 1, "subqueries are not allowed"),
                    Arguments.of("x IN (SELECT y FROM t)", 1, 6, "subqueries are not allowed"),
                    Arguments.of("EXISTS (SELECT 1)", 1, 8, "subqueries are not allowed"),
                    Arguments.of("a + *", 1, 5, "'*' is only allowed"),
                    Arguments.of("{ from }", 1, 1, "the only placeholder is {from}"),
                    Arguments.of("{to}", 1, 1, "the only placeholder is {from}"));
        }

        @ParameterizedTest
        @MethodSource("invalid")
        void rejectedWithPosition(String text, int line, int column, String message) {
            SqlFragmentException e = rejection(text, "t.c");

            assertThat(e.getMessage()).contains(message);
            assertThat(e.position()).isEqualTo(new FragmentPosition(line, column));
        }

        @Test
        void unreservedStatementWordsAreColumnsWhenNoNameFollows() throws SqlFragmentException {
            assertThat(parse("`update` + 1").columns()).containsExactly(new ColumnRef(null, "update"));
            assertThat(rejection("DROP TABLE b", null).getMessage()).contains("not a DROP statement");
            assertThat(rejection("DELETE FROM b", null).getMessage()).contains("not a DELETE statement");
        }

        @Test
        void fromWithoutReplacement() {
            SqlFragmentException e = rejection("LOWER(\n  {from})", null);

            assertThat(e.getMessage()).isEqualTo("{from} used but no from_table/from_column");
            assertThat(e.position()).isEqualTo(new FragmentPosition(2, 3));
        }

        @Test
        void fromInsideLiteralsAndCommentsIsText() throws SqlFragmentException {
            ParsedFragment f = SqlFragments.parse("CONCAT('{from}', x) -- {from}", null);

            assertThat(f.sql()).isEqualTo("CONCAT('{from}', x)");
            assertThat(f.columns()).containsExactly(new ColumnRef(null, "x"));
        }

        @Test
        void anErrorInsideTheSubstitutionIsReportedAtTheFrom() {
            SqlFragmentException e = rejection("x + {from}", "t.");

            assertThat(e.position()).isEqualTo(new FragmentPosition(1, 5));
        }

        @Test
        void tooLong() {
            String text = "a + " + "1 + ".repeat(25_000) + "1";
            SqlFragmentException e = rejection(text, null);

            assertThat(e.getMessage()).contains("limit is 100000");
            assertThat(e.position()).isEqualTo(FragmentPosition.START);
        }

        @Test
        void longChainsParseUpToAPointThenAreRejectedCleanly() throws SqlFragmentException {
            assertThat(SqlFragments.parse("a" + " + 1".repeat(1_000), null).columns())
                    .containsExactly(new ColumnRef(null, "a"));

            SqlFragmentException e = rejection("a" + " + 1".repeat(24_000), null);
            assertThat(e.getMessage()).contains("nested too deeply");
            SqlFragmentException deep = rejection("(".repeat(20_000) + "a" + ")".repeat(20_000), null);
            assertThat(deep.getMessage()).contains("nested more than 64 levels deep");
            assertThat(deep.beyondLimit()).isTrue();
            assertThat(deep.position()).isEqualTo(new FragmentPosition(1, 65));
        }

        @Test
        void nullTextIsEmpty() {
            assertThatThrownBy(() -> SqlFragments.parse(null, null))
                    .isInstanceOf(SqlFragmentException.class)
                    .hasMessageContaining("empty");
        }
    }

    @Test
    void commentsAreDroppedFromTheGeneratedSql() throws SqlFragmentException {
        ParsedFragment f = parse("a # BigQuery comment\n + /* inline */ b -- trailing");

        assertThat(f.sql()).isEqualTo("a  \n +   b");
        assertThat(f.columns()).extracting(ColumnRef::column).containsExactly("a", "b");
    }

    @Test
    void crlfLineBreaksCountOnce() throws SqlFragmentException {
        assertThat(rejection("LOWER(x)\r\n  y", null).position()).isEqualTo(new FragmentPosition(2, 3));
        assertThat(parse("a +\r\n\r  b").positionOf(new ColumnRef(null, "b"))).contains(new FragmentPosition(3, 3));
    }

    @Test
    void resultIsImmutable() throws SqlFragmentException {
        ParsedFragment f = parse("a + b");

        assertThatThrownBy(() -> f.columns().add(new ColumnRef(null, "c")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.functions().add("X")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(List.copyOf(f.caseLiteralOutputs())).isEmpty();
    }
}
