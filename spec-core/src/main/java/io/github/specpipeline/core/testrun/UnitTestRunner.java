package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the spec's unit tests in isolation, as dbt does: for each test, every source of the model becomes a
 * table holding the given rows (typed like the source: raw tables from their DDL, models from their output
 * columns; a column a row leaves out is NULL; a source without given rows is empty), only the model's SELECT
 * runs on them ({@link TestEngine#modelSelect}), and its output is compared with the expected rows
 * ({@link RowComparison}).
 */
public final class UnitTestRunner {
    private final TestEngine engine;
    private final ValidatedSpec spec;
    private final Map<String, RawTable> rawTables;

    public UnitTestRunner(TestEngine engine, ValidatedSpec spec, Map<String, RawTable> rawTables) {
        this.engine = engine;
        this.spec = spec;
        this.rawTables = rawTables;
    }

    /** The name of a unit test's case: {@code unit_test__<model>__<test>}. */
    public static String caseName(Model m, UnitTest t) {
        return "unit_test__" + m.name() + "__" + t.name();
    }

    /** Every unit test of every model, by model in dependency order. */
    public Map<String, List<TestResults.Case>> runAll() {
        return runAll(null);
    }

    /** The unit tests of the models in {@code only} (every model when null). */
    public Map<String, List<TestResults.Case>> runAll(java.util.Set<String> only) {
        Map<String, List<TestResults.Case>> out = new LinkedHashMap<>();
        for (Model m : spec.graph().order()) {
            if (only != null && !only.contains(m.name())) {
                continue;
            }
            List<TestResults.Case> cases = new ArrayList<>();
            for (int i = 0; i < m.unitTests().size(); i++) {
                cases.add(run(m, m.unitTests().get(i), i));
            }
            if (!cases.isEmpty()) {
                out.put(m.name(), cases);
            }
        }
        return out;
    }

    /** Runs one unit test. */
    public TestResults.Case run(Model m, UnitTest t, int index) {
        long t0 = System.nanoTime();
        String pointer = m.pointer() + "/unit_tests/" + index;
        String description =
                t.description() == null || t.description().isBlank() ? "unit test " + t.name() : t.description();
        TestResults.Subject subject =
                new TestResults.Subject(caseName(m, t), m.name(), "unit_test", null, description, pointer);
        List<InputTable> created = new ArrayList<>();
        String sql = null;
        try {
            Map<String, String> inputs = new LinkedHashMap<>();
            for (int s = 0; s < m.inputs().size(); s++) {
                SourceRef source = m.inputs().get(s);
                UnitTest.Input given = t.given().stream()
                        .filter(g ->
                                g.input().equals(source.text()) || g.input().equals(source.table()))
                        .findFirst()
                        .orElse(null);
                List<Map<String, Literal>> rows = given == null ? List.of() : given.rows();
                String table = "t" + index + "_" + s + "_" + source.table();
                String problem = createInput(table, source, rows, created);
                if (problem != null) {
                    return subject.outcome(
                            TestResults.Status.ERROR,
                            System.nanoTime() - t0,
                            "given rows for '" + source.text() + "': " + problem,
                            null,
                            null);
                }
                inputs.put(source.text(), engine.inputRelation(table));
            }
            sql = engine.modelSelect(m, inputs);
            DuckDbSession.Rows actual = engine.query(sql, created);
            RowComparison.Result cmp = RowComparison.compare(actual, t.expect());
            long nanos = System.nanoTime() - t0;
            if (cmp.matches()) {
                return subject.outcome(TestResults.Status.PASSED, nanos, null, sql, null);
            }
            return subject.outcome(
                    TestResults.Status.FAILED,
                    nanos,
                    "unit test '" + t.name() + "': the output differs from the expected rows",
                    sql,
                    cmp.diff());
        } catch (DuckDbSession.Busy e) {
            return subject.outcome(TestResults.Status.SKIPPED, 0, "not run: " + e.getMessage(), sql, null);
        } catch (SQLException e) {
            return subject.outcome(
                    TestResults.Status.ERROR,
                    System.nanoTime() - t0,
                    "unit test '" + t.name() + "' could not run: " + DuckDbSession.firstLine(e.getMessage()),
                    sql,
                    e.getMessage() == null ? null : e.getMessage().strip());
        } catch (RuntimeException e) {
            return subject.outcome(
                    TestResults.Status.ERROR,
                    System.nanoTime() - t0,
                    "unit test '" + t.name() + "' could not be planned: " + e,
                    sql,
                    null);
        }
    }

    /** Makes one input table (added to {@code created}); returns a problem with the given rows, or null. */
    private String createInput(
            String table, SourceRef source, List<Map<String, Literal>> rows, List<InputTable> created) {
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (Column c : sourceColumns(source)) {
            names.add(c.name());
            types.add(c.type() == null ? inferred(c.name(), rows) : ColumnType.of(c.type()));
        }
        for (Map<String, Literal> row : rows) {
            for (String key : row.keySet()) {
                if (indexOf(names, key) < 0) {
                    if (!sourceColumns(source).isEmpty()) {
                        return "'" + source.text() + "' has no column '" + key + "'";
                    }
                    names.add(key);
                    types.add(inferred(key, rows));
                }
            }
        }
        if (names.isEmpty()) {
            return "no columns are known for '" + source.text() + "' (no DDL and no given rows)";
        }
        List<String[]> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String[] v = new String[names.size()];
            for (Map.Entry<String, Literal> e : rows.get(r).entrySet()) {
                int i = indexOf(names, e.getKey());
                if (e.getValue() == null || e.getValue().isNull()) {
                    continue;
                }
                try {
                    v[i] = Values.canonical(e.getValue().text(), types.get(i));
                } catch (ValueException ex) {
                    return "row " + (r + 1) + ", column '" + names.get(i) + "': " + ex.getMessage();
                }
            }
            values.add(v);
        }
        created.add(new InputTable(table, names, types, values));
        return null;
    }

    /** The columns of a source: a raw table's DDL columns, a model's output columns; empty when unknown. */
    private List<Column> sourceColumns(SourceRef source) {
        if (source.isQualified()) {
            RawTable raw = rawTables.get(source.table());
            if (raw == null) {
                raw = rawTables.values().stream()
                        .filter(r -> r.name().equalsIgnoreCase(source.table()))
                        .findFirst()
                        .orElse(null);
            }
            if (raw == null) {
                return List.of();
            }
            return raw.columns().stream()
                    .map(c -> new Column(c.name(), c.type().bigQueryType()))
                    .toList();
        }
        return spec.outputColumns(source.table());
    }

    private static ColumnType inferred(String column, List<Map<String, Literal>> rows) {
        boolean integer = true;
        boolean number = true;
        boolean bool = true;
        boolean any = false;
        for (Map<String, Literal> row : rows) {
            Literal l = row.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(column))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (l == null || l.isNull()) {
                continue;
            }
            any = true;
            number &= l.kind() == Literal.Kind.NUMBER;
            integer &= l.kind() == Literal.Kind.NUMBER && l.text().matches("[+-]?\\d+");
            bool &= l.kind() == Literal.Kind.BOOLEAN;
        }
        if (!any) {
            return ColumnType.STRING;
        }
        return integer
                ? ColumnType.of("INT64")
                : number ? ColumnType.of("FLOAT64") : bool ? ColumnType.of("BOOL") : ColumnType.STRING;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
