package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cached analysis must say exactly what a fresh parse says, for every replacement of {from}. */
class SqlFragmentsAnalyzeTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "LOWER(TRIM({from}))|customers.email",
                "LOWER(TRIM({from}))|orders.status",
                "{from} * fx.rate + {from}|orders.amount",
                "{from} + orders.amount|orders.amount",
                "CASE WHEN {from} = 'a' THEN 'x' ELSE 'y' END|t.c",
                "SUM({from}) * fx.rate|items.qty",
                "COUNTIF(status = 'OPEN')|",
                "'{from}' || {from}|t.c",
                // the validator writes the mapped column in backticks
                "LOWER(TRIM({from}))|`customers`.`email`",
                "{from} * fx.rate + {from}|`orders`.`amount`",
                "{from} + orders.amount|`orders`.`amount`",
                "CASE WHEN {from} = 'a' THEN 'x' ELSE 'y' END|`t`.`c`",
                // not a whole column: analysed by a parse with the column written in
                "{from}.field + 1|`t`.`c`",
                "{from}.field + 1|t.c",
                "SUM({from}) OVER (PARTITION BY {from})|`t`.`c`",
                "UPPER({from})|`t.c`",
                "UPPER({from})|t.c.d",
            })
    void analyzeAgreesWithParse(String text, String replacement) throws SqlFragmentException {
        for (int i = 0; i < 2; i++) { // the second round is served from the cache
            ParsedFragment parsed = SqlFragments.parseUncached(text, replacement);
            ParsedFragment analyzed = SqlFragments.analyze(text, replacement);
            assertThat(analyzed.columns()).isEqualTo(parsed.columns());
            assertThat(analyzed.columnPositions()).isEqualTo(parsed.columnPositions());
            assertThat(analyzed.sql()).isEqualTo(parsed.sql());
            assertThat(analyzed.containsAggregate()).isEqualTo(parsed.containsAggregate());
            assertThat(analyzed.functions()).isEqualTo(parsed.functions());
            assertThat(analyzed.caseLiteralOutputs()).isEqualTo(parsed.caseLiteralOutputs());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{from} b c|t.c",
                "LOWER({from}|t.c",
                "LOWER({from})|",
                "{from} b c|`t`.`c`",
                "{from} {from}|`t`.`c`",
                "{from} {from}|__from__.__from__"
            })
    void errorsAreTheSameFromTheCache(String text, String replacement) {
        for (int i = 0; i < 2; i++) {
            SqlFragmentException parsed = org.junit.jupiter.api.Assertions.assertThrows(
                    SqlFragmentException.class, () -> SqlFragments.parseUncached(text, replacement));
            assertThatThrownBy(() -> SqlFragments.analyze(text, replacement))
                    .isInstanceOfSatisfying(SqlFragmentException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo(parsed.getMessage());
                        assertThat(e.line()).isEqualTo(parsed.line());
                        assertThat(e.column()).isEqualTo(parsed.column());
                    });
        }
    }
}
