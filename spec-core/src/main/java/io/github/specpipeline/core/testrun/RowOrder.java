package io.github.specpipeline.core.testrun;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One order of rows for every engine: by each column in turn, NULL last, values by their type (numbers by value,
 * whatever Java class the engine gives them; timestamps by instant; text by its characters). Rows files and
 * engine comparisons sort with it, so that two engines' rows line up when they hold the same values.
 */
public final class RowOrder {
    /** Orders rows of the same columns. */
    public static final Comparator<List<Object>> ROWS = RowOrder::compareRows;

    private RowOrder() {}

    /** The rows, sorted. */
    public static DuckDbSession.Rows sorted(DuckDbSession.Rows rows) {
        List<List<Object>> sorted = new ArrayList<>(rows.rows());
        sorted.sort(ROWS);
        return new DuckDbSession.Rows(rows.columns(), rows.types(), sorted);
    }

    private static int compareRows(List<Object> a, List<Object> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Two cells of one column: NULL after every value. */
    public static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            if (a instanceof Number x && b instanceof Number y) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> x = (Comparable<Object>) a;
            return x.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    /** An exact number as a decimal; a caller has ruled out floating point. */
    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
