package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.schema.Column;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What JSqlParser's tree does not say about BigQuery, read in one place for every walk. */
class BigQuerySyntaxTest {

    static Expression tree(String fragment) throws SqlFragmentException {
        return BigQuerySyntax.unwrap(SqlFragments.parse(fragment, null).expression());
    }

    @ParameterizedTest(name = "{0}, argument {1}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "DATE_TRUNC(d, MONTH) => 1 => true",
                "DATE_TRUNC(d, month) => 1 => true",
                "DATE_TRUNC(d, WEEK(MONDAY)) => 1 => true",
                "DATE_TRUNC(d, ISOWEEK) => 1 => true",
                "SAFE.DATE_TRUNC(d, MONTH) => 1 => true",
                "DATE_DIFF(a, b, DAY) => 2 => true",
                "DATETIME_DIFF(a, b, HOUR) => 2 => true",
                "TIME_TRUNC(t, MINUTE) => 1 => true",
                "LAST_DAY(d, QUARTER) => 1 => true",
                // the first argument is never the date part, even when it is named like one
                "DATE_TRUNC(month, MONTH) => 0 => false",
                // quoted or qualified: a column
                "DATE_TRUNC(d, `MONTH`) => 1 => false",
                "DATE_TRUNC(d, t.MONTH) => 1 => false",
                // not a date-part word, or not a date-part function
                "DATE_TRUNC(d, part) => 1 => false",
                "DATE_TRUNC(d, WEEK(a, b)) => 1 => false",
                "COALESCE(a, MONTH) => 1 => false",
                "DATE_DIFF(a, b, DAY) => 1 => false",
            })
    void datePartArguments(String fragment, int index, boolean datePart) throws Exception {
        Function f = (Function) tree(fragment);
        assertThat(BigQuerySyntax.isDatePartArgument(f, index)).isEqualTo(datePart);
    }

    /** JSqlParser reads some niladic calls as a time key, others (and quoted or qualified names) as columns. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "CURRENT_DATE => CURRENT_DATE",
                "current_timestamp => CURRENT_TIMESTAMP",
                "CURRENT_DATETIME => CURRENT_DATETIME",
                "current_time() => CURRENT_TIME",
                "`CURRENT_DATE` => column",
                "t.CURRENT_DATE => column",
                "current_day => column",
            })
    void niladicFunctions(String fragment, String niladic) throws Exception {
        Expression e = tree(fragment);
        String actual = e instanceof Column c
                ? BigQuerySyntax.niladic(c).orElse("column")
                : BigQuerySyntax.niladic((TimeKeyExpression) e);
        assertThat(actual).isEqualTo(niladic);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "a => a",
                "t.a => t.a",
                "`my table`.`my col` => my table.my col",
                "p.d.t.c => p.d.t.c",
            })
    void columnReferences(String fragment, String qualified) throws Exception {
        assertThat(BigQuerySyntax.refOf((Column) tree(fragment)).qualifiedName())
                .isEqualTo(qualified);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "lower(x) => LOWER",
                "safe.substr(x, 1) => SAFE.SUBSTR",
                "`net`.host(x) => NET.HOST",
                "HLL_COUNT.MERGE(x) => HLL_COUNT.MERGE",
            })
    void functionNames(String fragment, String name) throws Exception {
        assertThat(BigQuerySyntax.functionName((Function) tree(fragment))).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {"\"text\" => text", "\"a b\" => a b", "a => ~~"})
    void doubleQuotedStrings(String fragment, String value) throws Exception {
        Column c = (Column) tree(fragment);
        assertThat(BigQuerySyntax.doubleQuotedString(c).orElse("")).isEqualTo(value);
    }
}
