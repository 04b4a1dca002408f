package io.github.specpipeline.core.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.sql.SqlFragments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16: in a model with one source, every unqualified column is qualified with that source, and BigQuery's
 * date-part words ({@code MONTH} in {@code TIMESTAMP_TRUNC(updated_at, MONTH)}) are not columns: they must stay
 * bare. The scope here qualifies every column it is asked for, as the single-source scope does.
 */
class DatePartArgumentsTest {

    private static final RenderScope ONE_SOURCE = (ref, dialect) ->
            RenderScope.qualified(ref.qualifier() == null ? "crm_customers" : ref.qualifier(), ref.column(), dialect);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "TIMESTAMP_TRUNC(updated_at, MONTH) => TIMESTAMP_TRUNC(crm_customers.updated_at, MONTH)",
                "DATE_TRUNC(d, MONTH) => DATE_TRUNC(crm_customers.d, MONTH)",
                "DATE_TRUNC(d, WEEK(MONDAY)) => DATE_TRUNC(crm_customers.d, WEEK(MONDAY))",
                "DATE_TRUNC(d, ISOWEEK) => DATE_TRUNC(crm_customers.d, ISOWEEK)",
                "DATETIME_TRUNC(dt, HOUR) => DATETIME_TRUNC(crm_customers.dt, HOUR)",
                "TIME_TRUNC(t, MINUTE) => TIME_TRUNC(crm_customers.t, MINUTE)",
                "DATE_DIFF(a, b, DAY) => DATE_DIFF(crm_customers.a, crm_customers.b, DAY)",
                "DATE_DIFF(a, b, WEEK(SUNDAY)) => DATE_DIFF(crm_customers.a, crm_customers.b, WEEK(SUNDAY))",
                "TIMESTAMP_DIFF(a, b, HOUR) => TIMESTAMP_DIFF(crm_customers.a, crm_customers.b, HOUR)",
                "DATETIME_DIFF(a, b, SECOND) => DATETIME_DIFF(crm_customers.a, crm_customers.b, SECOND)",
                "TIME_DIFF(a, b, MINUTE) => TIME_DIFF(crm_customers.a, crm_customers.b, MINUTE)",
                "LAST_DAY(d, MONTH) => LAST_DAY(crm_customers.d, MONTH)",
                "LAST_DAY(d, WEEK(MONDAY)) => LAST_DAY(crm_customers.d, WEEK(MONDAY))",
                "SAFE.DATE_TRUNC(d, YEAR) => SAFE.DATE_TRUNC(crm_customers.d, YEAR)",
                "EXTRACT(MONTH FROM d) => EXTRACT(MONTH FROM crm_customers.d)",
                "EXTRACT(ISOWEEK FROM d) => EXTRACT(ISOWEEK FROM crm_customers.d)",
                // a column named like a date part, where no date part is expected, is a column
                "month + 1 => crm_customers.month + 1",
                "DATE_TRUNC(month, MONTH) => DATE_TRUNC(crm_customers.month, MONTH)",
                // a quoted or qualified word in the date-part position is a column, as BigQuery reads it
                "DATE_TRUNC(d, crm_customers.part) => DATE_TRUNC(crm_customers.d, crm_customers.part)",
            })
    void bigQueryKeepsDatePartsBare(String fragment, String expected) throws Exception {
        SqlRenderer.Rendering r =
                SqlRenderer.render(SqlFragments.parse(fragment, null).expression(), Dialect.BIGQUERY, ONE_SOURCE);
        assertThat(r.problems()).isEmpty();
        assertThat(r.sql()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "TIMESTAMP_TRUNC(updated_at, MONTH) => DUCKDB => date_trunc('month', crm_customers.updated_at)",
                "TIMESTAMP_TRUNC(updated_at, MONTH) => SPARK => date_trunc('MONTH', crm_customers.updated_at)",
                "DATE_DIFF(a, b, DAY) => DUCKDB => date_diff('day', crm_customers.b, crm_customers.a)",
                "EXTRACT(MONTH FROM d) => SPARK => EXTRACT(MONTH FROM crm_customers.d)",
            })
    void otherDialectsReadTheDatePartToo(String fragment, Dialect dialect, String expected) throws Exception {
        SqlRenderer.Rendering r =
                SqlRenderer.render(SqlFragments.parse(fragment, null).expression(), dialect, ONE_SOURCE);
        assertThat(r.problems()).isEmpty();
        assertThat(r.sql()).isEqualTo(expected);
    }
}
