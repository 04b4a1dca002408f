package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.plan.DuckDbPlan;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code compareEngines}: the rows every model was built with on two engines, compared as multisets (row order
 * does not matter, duplicates do) in one typed form: the Java value each engine's rows give ({@link DuckDbSession#rows}),
 * so that a NUMERIC {@code 49.5} equals a DECIMAL {@code 49.500000000}. Text, booleans, dates, times, timestamps (by
 * instant) and exact numbers (integers, NUMERIC, DECIMAL by value) must be equal; FLOAT64 values within a relative
 * {@link #FLOAT_TOLERANCE} of the larger (or both under {@link #FLOAT_ZERO}), NaN equal to NaN. Columns of types with
 * no common value form (ARRAY, STRUCT, JSON, BYTES, INTERVAL, GEOGRAPHY) are not compared, and the case says so.
 *
 * <p>Each model is one case of the suite {@link #SUITE}; a difference fails it, naming the model, the columns
 * that differ and sample rows from both engines.
 */
public final class EngineComparison {
    /** The JUnit suite (and XML file name) of the comparison. */
    public static final String SUITE = "compare-engines";

    /** Relative tolerance for FLOAT64: engines may sum in another order and differ in the last bits. */
    public static final double FLOAT_TOLERANCE = 1e-9;

    /** FLOAT64 values this close to zero are equal (a relative tolerance means nothing at zero). */
    public static final double FLOAT_ZERO = 1e-12;

    /** Differing rows shown per engine. */
    static final int SAMPLE_ROWS = 5;

    private EngineComparison() {}

    /**
     * The comparison suite: one case per model of {@code a}; a model that could not be built on one engine only is
     * an error (the other engine's build is the difference), on both a skip.
     *
     * @param buildsA how building each model went on {@code a}
     * @param buildsB how building each model went on {@code b}
     */
    public static TestResults.Suite compare(
            TestEngine a, Map<String, TestRunner.Build> buildsA, TestEngine b, Map<String, TestRunner.Build> buildsB) {
        return compare(a, buildsA, b, buildsB, SUITE);
    }

    /**
     * The suite's name when more than two engines are compared: one suite (and XML file) per pair, the first engine
     * against each other one, {@code compare-engines.duckdb-spark}.
     */
    public static String suiteName(EngineName a, EngineName b) {
        return SUITE + "." + a.id() + "-" + b.id();
    }

    /** As {@link #compare(TestEngine, Map, TestEngine, Map)}, as the suite {@code suite}. */
    public static TestResults.Suite compare(
            TestEngine a,
            Map<String, TestRunner.Build> buildsA,
            TestEngine b,
            Map<String, TestRunner.Build> buildsB,
            String suite) {
        List<TestResults.Case> cases = new ArrayList<>();
        Map<String, DuckDbPlan.ModelBuild> bModels = new LinkedHashMap<>();
        b.models().forEach(m -> bModels.put(m.model(), m));
        String an = a.name().id();
        String bn = b.name().id();
        long total = 0;
        for (DuckDbPlan.ModelBuild ma : a.models()) {
            DuckDbPlan.ModelBuild mb = bModels.get(ma.model());
            TestResults.Subject subject = new TestResults.Subject(
                    "compare__" + ma.model(),
                    ma.model(),
                    "compare_engines",
                    null,
                    "the rows of " + ma.model() + " are the same on " + an + " and " + bn,
                    "");
            TestResults.Case errorA = error(buildsA.get(ma.model()));
            TestResults.Case errorB = mb == null ? null : error(buildsB.get(ma.model()));
            if (mb == null || errorA != null || errorB != null) {
                if (mb != null && (errorA == null) != (errorB == null)) {
                    TestResults.Case e = errorA != null ? errorA : errorB;
                    cases.add(subject.outcome(
                            TestResults.Status.ERROR,
                            0,
                            "model '" + ma.model() + "' was built on " + (errorA != null ? bn : an) + " but not on "
                                    + (errorA != null ? an : bn) + ": " + e.message(),
                            e.sql(),
                            e.details()));
                } else {
                    cases.add(subject.outcome(
                            TestResults.Status.SKIPPED,
                            0,
                            "not compared: not built on " + (mb == null ? bn : an + " and " + bn),
                            null,
                            null));
                }
                continue;
            }
            long t0 = System.nanoTime();
            try {
                Difference d = difference(an, a.modelRows(ma), bn, b.modelRows(mb));
                long nanos = System.nanoTime() - t0;
                total += nanos;
                cases.add(
                        d.same()
                                ? subject.outcome(
                                        TestResults.Status.PASSED,
                                        nanos,
                                        d.notCompared().isEmpty()
                                                ? null
                                                : "not compared: " + String.join(", ", d.notCompared()),
                                        null,
                                        null)
                                : subject.outcome(
                                        TestResults.Status.FAILED,
                                        nanos,
                                        "model '" + ma.model() + "': " + d.summary(),
                                        an + ":\n"
                                                + ma.statements()
                                                        .get(ma.statements().size() - 1) + "\n\n" + bn + ":\n"
                                                + mb.statements()
                                                        .get(mb.statements().size() - 1),
                                        d.details()));
            } catch (SQLException e) {
                cases.add(subject.outcome(
                        TestResults.Status.ERROR,
                        System.nanoTime() - t0,
                        "the rows of " + ma.model() + " could not be read: " + DuckDbSession.firstLine(e.getMessage()),
                        null,
                        null));
            }
        }
        return new TestResults.Suite(suite, suite, total, null, cases);
    }

    private static TestResults.Case error(TestRunner.Build b) {
        return b == null ? null : b.error();
    }

    /**
     * How two engines' rows of one model differ.
     *
     * @param same        whether they hold the same rows
     * @param summary     one line: the row counts, the columns that differ
     * @param details     sample rows of both engines, or null
     * @param notCompared columns not compared, with their type
     */
    public record Difference(boolean same, String summary, String details, List<String> notCompared) {}

    /** Compares the rows of {@code left} (from engine {@code leftName}) with those of {@code right}. */
    public static Difference difference(
            String leftName, DuckDbSession.Rows left, String rightName, DuckDbSession.Rows right) {
        List<String> columns = new ArrayList<>();
        List<Integer> li = new ArrayList<>();
        List<Integer> ri = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        Set<String> onlyLeft = new TreeSet<>();
        for (int c = 0; c < left.columns().size(); c++) {
            String name = left.columns().get(c);
            int r = indexOf(right.columns(), name);
            if (r < 0) {
                onlyLeft.add(name);
                continue;
            }
            String nested = nestedType(left.types().get(c), right.types().get(r));
            if (nested != null) {
                notCompared.add(name + " (" + nested + ")");
                continue;
            }
            columns.add(name);
            li.add(c);
            ri.add(r);
        }
        Set<String> onlyRight = new TreeSet<>();
        right.columns().stream().filter(n -> indexOf(left.columns(), n) < 0).forEach(onlyRight::add);
        if (!onlyLeft.isEmpty() || !onlyRight.isEmpty()) {
            return new Difference(
                    false,
                    "the columns differ: only on " + leftName + ": " + (onlyLeft.isEmpty() ? "none" : onlyLeft)
                            + "; only on " + rightName + ": " + (onlyRight.isEmpty() ? "none" : onlyRight),
                    null,
                    notCompared);
        }
        List<List<Object>> l = project(left.rows(), li);
        List<List<Object>> r = project(right.rows(), ri);
        l.sort(RowOrder.ROWS);
        r.sort(RowOrder.ROWS);
        List<List<Object>> missing = new ArrayList<>();
        List<List<Object>> extra = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < l.size() || j < r.size()) {
            if (i < l.size() && j < r.size() && rowsEqual(l.get(i), r.get(j))) {
                i++;
                j++;
            } else if (j >= r.size() || (i < l.size() && RowOrder.ROWS.compare(l.get(i), r.get(j)) < 0)) {
                missing.add(l.get(i++));
            } else {
                extra.add(r.get(j++));
            }
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            return new Difference(true, null, null, notCompared);
        }
        Set<String> differing = new TreeSet<>();
        int pairs = Math.min(missing.size(), extra.size());
        for (int p = 0; p < pairs; p++) {
            for (int c = 0; c < columns.size(); c++) {
                if (!valuesEqual(missing.get(p).get(c), extra.get(p).get(c))) {
                    differing.add(columns.get(c));
                }
            }
        }
        String summary = leftName + " has " + rows(l.size()) + ", " + rightName + " " + rows(r.size()) + "; "
                + missing.size() + " only on " + leftName + ", " + extra.size() + " only on " + rightName
                + (differing.isEmpty() ? "" : "; columns that differ: " + String.join(", ", differing));
        StringBuilder details = new StringBuilder();
        details.append("rows only on ")
                .append(leftName)
                .append(" (first ")
                .append(Math.min(SAMPLE_ROWS, missing.size()))
                .append(" of ")
                .append(missing.size())
                .append("):\n");
        details.append(TextTable.format(columns, shown(missing))).append('\n');
        details.append("rows only on ")
                .append(rightName)
                .append(" (first ")
                .append(Math.min(SAMPLE_ROWS, extra.size()))
                .append(" of ")
                .append(extra.size())
                .append("):\n");
        details.append(TextTable.format(columns, shown(extra)));
        return new Difference(false, summary, details.toString(), notCompared);
    }

    private static List<List<String>> shown(List<List<Object>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : rows.subList(0, Math.min(SAMPLE_ROWS, rows.size()))) {
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(v instanceof String s ? Values.quote(s) : DuckDbSession.display(v)));
            out.add(cells);
        }
        return out;
    }

    private static List<List<Object>> project(List<List<Object>> rows, List<Integer> index) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> p = new ArrayList<>(index.size());
            index.forEach(i -> p.add(row.get(i)));
            out.add(p);
        }
        return out;
    }

    private static boolean rowsEqual(List<Object> a, List<Object> b) {
        for (int c = 0; c < a.size(); c++) {
            if (!valuesEqual(a.get(c), b.get(c))) {
                return false;
            }
        }
        return true;
    }

    /** Two cells in the typed form: see the class comment. */
    public static boolean valuesEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
                return floatsEqual(x.doubleValue(), y.doubleValue());
            }
            return RowOrder.decimal(x).compareTo(RowOrder.decimal(y)) == 0;
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().equals(y.toInstant());
        }
        return a.equals(b);
    }

    static boolean floatsEqual(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y);
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return x == y;
        }
        double scale = Math.max(Math.abs(x), Math.abs(y));
        return scale < FLOAT_ZERO || Math.abs(x - y) <= FLOAT_TOLERANCE * scale;
    }

    /** The type of a column whose values have no common form on two engines, or null. */
    private static String nestedType(String leftType, String rightType) {
        for (String t : List.of(leftType, rightType)) {
            String u = t == null ? "" : t.toUpperCase(Locale.ROOT);
            if (u.startsWith("ARRAY")
                    || u.startsWith("STRUCT")
                    || u.startsWith("MAP")
                    || u.startsWith("UNION")
                    || u.endsWith("[]")
                    || u.equals("JSON")
                    || u.equals("BYTES")
                    || u.equals("BLOB")
                    || u.equals("BINARY")
                    || u.equals("INTERVAL")
                    || u.equals("GEOGRAPHY")) {
                return t;
            }
        }
        return null;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String rows(int n) {
        return n + " row" + (n == 1 ? "" : "s");
    }
}
