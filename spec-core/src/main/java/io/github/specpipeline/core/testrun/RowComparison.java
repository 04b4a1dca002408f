package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.model.Literal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a model's output with a unit test's expected rows, like dbt unit tests: as multisets (order does not
 * matter, duplicates do), on the columns the expectation names only (the union of the keys of its rows; a key a
 * row leaves out is expected NULL). Values are compared by the output column's type: numbers with a relative
 * tolerance of 1e-9, strings exactly, dates and timestamps after normalising (an expected timestamp without a
 * zone is UTC), NULL equal only to NULL.
 */
public final class RowComparison {
    /** Relative tolerance for numbers. */
    public static final BigDecimal TOLERANCE = new BigDecimal("1e-9");
    /** Rows listed per section of a diff. */
    static final int MAX_ROWS_SHOWN = 10;

    private RowComparison() {}

    /**
     * @param matches whether the output equals the expectation
     * @param diff    for a mismatch: what is missing, what is unexpected and the closest pairs; else null
     */
    public record Result(boolean matches, String diff) {}

    public static Result compare(DuckDbSession.Rows actual, List<Map<String, Literal>> expected) {
        Set<String> named = new LinkedHashSet<>();
        expected.forEach(r -> named.addAll(r.keySet()));
        List<String> columns = new ArrayList<>(named);
        int[] index = new int[columns.size()];
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            index[c] = indexOf(actual.columns(), columns.get(c));
            if (index[c] < 0) {
                unknown.add(columns.get(c));
            }
        }
        if (!unknown.isEmpty()) {
            return new Result(
                    false,
                    "the output has no column" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                            + " (output columns: " + String.join(", ", actual.columns()) + ")");
        }
        List<List<Object>> rows = actual.rows();
        boolean[] used = new boolean[rows.size()];
        List<Map<String, Literal>> missing = new ArrayList<>();
        for (Map<String, Literal> e : expected) {
            int match = -1;
            for (int a = 0; a < rows.size() && match < 0; a++) {
                if (!used[a] && rowMatches(rows.get(a), e, columns, index)) {
                    match = a;
                }
            }
            if (match < 0) {
                missing.add(e);
            } else {
                used[match] = true;
            }
        }
        List<List<Object>> unexpected = new ArrayList<>();
        for (int a = 0; a < rows.size(); a++) {
            if (!used[a]) {
                unexpected.add(rows.get(a));
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return new Result(true, null);
        }
        return new Result(false, diff(columns, index, expected.size(), rows.size(), missing, unexpected));
    }

    private static String diff(
            List<String> columns,
            int[] index,
            int expectedCount,
            int actualCount,
            List<Map<String, Literal>> missing,
            List<List<Object>> unexpected) {
        StringBuilder b = new StringBuilder();
        b.append("expected ")
                .append(rows(expectedCount))
                .append(", got ")
                .append(rows(actualCount))
                .append("; compared columns: ")
                .append(String.join(", ", columns))
                .append('\n');
        if (!missing.isEmpty()) {
            b.append(missing.size())
                    .append(" expected row")
                    .append(missing.size() == 1 ? " is" : "s are")
                    .append(" missing:\n");
            for (int i = 0; i < missing.size() && i < MAX_ROWS_SHOWN; i++) {
                b.append("  - ").append(showExpected(missing.get(i), columns)).append('\n');
            }
            more(b, missing.size());
        }
        if (!unexpected.isEmpty()) {
            b.append(unexpected.size())
                    .append(" output row")
                    .append(unexpected.size() == 1 ? " was" : "s were")
                    .append(" not expected:\n");
            for (int i = 0; i < unexpected.size() && i < MAX_ROWS_SHOWN; i++) {
                b.append("  + ")
                        .append(showActual(unexpected.get(i), columns, index))
                        .append('\n');
            }
            more(b, unexpected.size());
        }
        // pair each missing row with the unexpected row that agrees on the most columns
        boolean[] paired = new boolean[unexpected.size()];
        List<String> pairs = new ArrayList<>();
        for (Map<String, Literal> e : missing) {
            int best = -1;
            int bestScore = 0;
            for (int a = 0; a < unexpected.size(); a++) {
                if (paired[a]) {
                    continue;
                }
                int score = 0;
                for (int c = 0; c < columns.size(); c++) {
                    if (matches(unexpected.get(a).get(index[c]), cell(e, columns.get(c)))) {
                        score++;
                    }
                }
                if (score > bestScore) {
                    best = a;
                    bestScore = score;
                }
            }
            if (best >= 0 && bestScore < columns.size()) {
                paired[best] = true;
                List<String> differences = new ArrayList<>();
                List<String> same = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    Object av = unexpected.get(best).get(index[c]);
                    Literal ev = cell(e, columns.get(c));
                    if (matches(av, ev)) {
                        if (same.size() < 3) {
                            same.add(columns.get(c) + "=" + showLiteral(ev));
                        }
                    } else {
                        differences.add(columns.get(c) + ": expected " + showLiteral(ev) + ", got " + showValue(av));
                    }
                }
                pairs.add("  row {" + String.join(", ", same) + (same.size() < bestScore ? ", ..." : "") + "}: "
                        + String.join("; ", differences));
            }
        }
        if (!pairs.isEmpty()) {
            b.append("closest output row for each missing row:\n");
            pairs.stream().limit(MAX_ROWS_SHOWN).forEach(p -> b.append(p).append('\n'));
        }
        return b.toString().stripTrailing();
    }

    private static void more(StringBuilder b, int n) {
        if (n > MAX_ROWS_SHOWN) {
            b.append("  ... and ").append(n - MAX_ROWS_SHOWN).append(" more\n");
        }
    }

    private static String rows(int n) {
        return n + " row" + (n == 1 ? "" : "s");
    }

    private static boolean rowMatches(
            List<Object> row, Map<String, Literal> expected, List<String> columns, int[] index) {
        for (int c = 0; c < columns.size(); c++) {
            if (!matches(row.get(index[c]), cell(expected, columns.get(c)))) {
                return false;
            }
        }
        return true;
    }

    private static Literal cell(Map<String, Literal> row, String column) {
        Literal l = row.get(column);
        return l == null ? Literal.NULL : l;
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether an output value equals an expected literal, by the output value's type. */
    public static boolean matches(Object actual, Literal expected) {
        if (expected == null || expected.isNull()) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        String text = expected.text();
        if (actual instanceof Boolean b) {
            return text.trim().equalsIgnoreCase(b.toString());
        }
        if (actual instanceof Double || actual instanceof Float) {
            double d = ((Number) actual).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                try {
                    return Double.compare(d, Double.parseDouble(text.trim())) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return numbersMatch(BigDecimal.valueOf(d), text);
        }
        if (actual instanceof BigDecimal d) {
            return numbersMatch(d, text);
        }
        if (actual instanceof Long || actual instanceof Integer || actual instanceof Short || actual instanceof Byte) {
            return numbersMatch(BigDecimal.valueOf(((Number) actual).longValue()), text);
        }
        if (actual instanceof BigInteger i) {
            return numbersMatch(new BigDecimal(i), text);
        }
        if (actual instanceof LocalDate d) {
            Optional<LocalDate> e = Values.date(text);
            if (e.isPresent()) {
                return e.get().equals(d);
            }
            return Values.timestamp(text)
                    .map(t -> t.utc().equals(d.atStartOfDay()))
                    .orElse(false);
        }
        if (actual instanceof LocalDateTime t) {
            return Values.timestamp(text)
                    .map(e -> (e.offset() == null ? e.local() : e.utc()).equals(t))
                    .orElse(false);
        }
        if (actual instanceof OffsetDateTime t) {
            LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            return Values.timestamp(text).map(e -> e.utc().equals(utc)).orElse(false);
        }
        if (actual instanceof LocalTime t) {
            return Values.time(text).map(t::equals).orElse(false);
        }
        if (actual instanceof String s) {
            return s.equals(text);
        }
        return actual.toString().equals(text);
    }

    private static boolean numbersMatch(BigDecimal actual, String expectedText) {
        BigDecimal e;
        try {
            e = new BigDecimal(expectedText.trim());
        } catch (NumberFormatException ex) {
            return false;
        }
        if (actual.compareTo(e) == 0) {
            return true;
        }
        BigDecimal scale = actual.abs().max(e.abs());
        return actual.subtract(e).abs().compareTo(scale.multiply(TOLERANCE, MathContext.DECIMAL128)) <= 0;
    }

    private static String showExpected(Map<String, Literal> row, List<String> columns) {
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
            cells.add(c + "=" + showLiteral(cell(row, c)));
        }
        return "{" + String.join(", ", cells) + "}";
    }

    private static String showActual(List<Object> row, List<String> columns, int[] index) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            cells.add(columns.get(c) + "=" + showValue(row.get(index[c])));
        }
        return "{" + String.join(", ", cells) + "}";
    }

    static String showLiteral(Literal l) {
        if (l == null || l.isNull()) {
            return "NULL";
        }
        return l.kind() == Literal.Kind.STRING ? Values.quote(l.text()) : l.text();
    }

    static String showValue(Object v) {
        if (v instanceof String s) {
            return Values.quote(s);
        }
        String shown = DuckDbSession.display(v);
        boolean temporal = v instanceof LocalDate
                || v instanceof LocalDateTime
                || v instanceof OffsetDateTime
                || v instanceof LocalTime;
        return temporal ? "'" + shown + "'" : shown;
    }
}
