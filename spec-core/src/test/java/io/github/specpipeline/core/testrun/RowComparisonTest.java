package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.model.Literal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowComparisonTest {
    private static DuckDbSession.Rows rows(List<String> columns, Object[]... rows) {
        List<List<Object>> r = new ArrayList<>();
        for (Object[] row : rows) {
            r.add(Arrays.asList(row));
        }
        return new DuckDbSession.Rows(columns, columns.stream().map(c -> "?").toList(), r);
    }

    private static Map<String, Literal> row(Object... kv) {
        Map<String, Literal> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put(
                    (String) kv[i],
                    v == null
                            ? Literal.NULL
                            : v instanceof String s
                                    ? Literal.string(s)
                                    : v instanceof Boolean b ? Literal.bool(b) : Literal.number(v.toString()));
        }
        return m;
    }

    @Test
    void orderDoesNotMatterAndUnnamedColumnsAreIgnored() {
        var actual = rows(List.of("id", "name", "extra"), new Object[] {2L, "b", 1}, new Object[] {1L, "a", 2});
        assertThat(RowComparison.compare(actual, List.of(row("id", 1, "name", "a"), row("id", 2, "name", "b")))
                        .matches())
                .isTrue();
    }

    @Test
    void rowsAreAMultiset() {
        var actual = rows(List.of("id"), new Object[] {1L}, new Object[] {1L});
        assertThat(RowComparison.compare(actual, List.of(row("id", 1))).matches())
                .isFalse();
        assertThat(RowComparison.compare(actual, List.of(row("id", 1), row("id", 1)))
                        .matches())
                .isTrue();
        assertThat(RowComparison.compare(rows(List.of("id"), new Object[] {1L}), List.of(row("id", 1), row("id", 1)))
                        .matches())
                .isFalse();
    }

    @Test
    void numbersMatchWithinARelativeToleranceOfOneBillionth() {
        assertThat(RowComparison.matches(new BigDecimal("34.750000000"), Literal.number("34.75")))
                .isTrue();
        assertThat(RowComparison.matches(0.1 + 0.2, Literal.number("0.3"))).isTrue();
        assertThat(RowComparison.matches(1_000_000.0005, Literal.number("1000000.0004")))
                .isTrue();
        assertThat(RowComparison.matches(1.0001, Literal.number("1.0002"))).isFalse();
        assertThat(RowComparison.matches(0L, Literal.number("0.0"))).isTrue();
        assertThat(RowComparison.matches(3L, Literal.string("3"))).isTrue();
        assertThat(RowComparison.matches(3L, Literal.string("three"))).isFalse();
        assertThat(RowComparison.matches(Double.NaN, Literal.number("1"))).isFalse();
    }

    @Test
    void nullEqualsOnlyNull() {
        assertThat(RowComparison.matches(null, Literal.NULL)).isTrue();
        assertThat(RowComparison.matches(null, Literal.string(""))).isFalse();
        assertThat(RowComparison.matches("", Literal.NULL)).isFalse();
        assertThat(RowComparison.matches("NULL", Literal.NULL)).isFalse();
        // a key left out of an expected row means NULL
        var actual = rows(List.of("id", "x"), new Object[] {1L, null}, new Object[] {2L, "v"});
        assertThat(RowComparison.compare(actual, List.of(row("id", 1), row("id", 2, "x", "v")))
                        .matches())
                .isTrue();
    }

    @Test
    void stringsAreExactAndBooleansByValue() {
        assertThat(RowComparison.matches("abc", Literal.string("abc"))).isTrue();
        assertThat(RowComparison.matches("abc", Literal.string("ABC"))).isFalse();
        assertThat(RowComparison.matches("abc ", Literal.string("abc"))).isFalse();
        assertThat(RowComparison.matches(true, Literal.bool(true))).isTrue();
        assertThat(RowComparison.matches(false, Literal.string("false"))).isTrue();
        assertThat(RowComparison.matches(false, Literal.bool(true))).isFalse();
    }

    @Test
    void datesAndTimestampsAreNormalised() {
        assertThat(RowComparison.matches(LocalDate.of(2024, 3, 1), Literal.string("2024-03-01")))
                .isTrue();
        assertThat(RowComparison.matches(LocalDate.of(2024, 3, 1), Literal.string("2024-03-02")))
                .isFalse();
        OffsetDateTime ts = OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThat(RowComparison.matches(ts, Literal.string("2024-03-01T12:00:00Z")))
                .isTrue();
        assertThat(RowComparison.matches(ts, Literal.string("2024-03-01 12:00:00")))
                .isTrue();
        assertThat(RowComparison.matches(ts, Literal.string("2024-03-01T14:00:00+02:00")))
                .isTrue();
        assertThat(RowComparison.matches(ts, Literal.string("2024-03-01T12:00:01Z")))
                .isFalse();
        LocalDateTime dt = LocalDateTime.of(2024, 3, 1, 12, 0);
        assertThat(RowComparison.matches(dt, Literal.string("2024-03-01T12:00:00")))
                .isTrue();
        assertThat(RowComparison.matches(dt, Literal.string("2024-03-01 12:00")))
                .isTrue();
        assertThat(RowComparison.matches(dt, Literal.string("not a time"))).isFalse();
    }

    @Test
    void theDiffListsMissingAndUnexpectedRowsAndPairsTheClosest() {
        var actual = rows(
                List.of("customer_id", "order_count", "ltv"),
                new Object[] {10L, 3L, new BigDecimal("69.5")},
                new Object[] {12L, 1L, new BigDecimal("30.25")},
                new Object[] {13L, 1L, null});
        RowComparison.Result r = RowComparison.compare(
                actual,
                List.of(
                        row("customer_id", 10, "order_count", 2, "ltv", 69.5),
                        row("customer_id", 12, "order_count", 1, "ltv", 30.25)));
        assertThat(r.matches()).isFalse();
        assertThat(r.diff()).isEqualTo("""
                expected 2 rows, got 3 rows; compared columns: customer_id, order_count, ltv
                1 expected row is missing:
                  - {customer_id=10, order_count=2, ltv=69.5}
                2 output rows were not expected:
                  + {customer_id=10, order_count=3, ltv=69.5}
                  + {customer_id=13, order_count=1, ltv=NULL}
                closest output row for each missing row:
                  row {customer_id=10, ltv=69.5}: order_count: expected 2, got 3""");
    }

    @Test
    void anExpectedColumnTheOutputLacksIsReported() {
        RowComparison.Result r =
                RowComparison.compare(rows(List.of("id"), new Object[] {1L}), List.of(row("id", 1, "nme", "a")));
        assertThat(r.matches()).isFalse();
        assertThat(r.diff()).isEqualTo("the output has no column nme (output columns: id)");
    }
}
