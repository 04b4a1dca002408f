package io.github.specpipeline.core.bench;

import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.testrun.RawTable;
import io.github.specpipeline.core.testrun.SyntheticData;
import io.github.specpipeline.core.testrun.TestResults;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Benchmark of the {@code test} goal on a synthetic spec (not part of the test suite). Runs {@link TestTask} on a
 * spec of N models with synthetic rows, then runs the same SQL (setup, raw tables, the same rows, every model
 * build, every data test) directly over plain JDBC, and prints both times and their ratio. Unit tests are
 * excluded from the comparison (the direct run has no equivalent of their comparison).
 *
 * <pre>
 * ./mvnw -q -pl spec-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp "$(cat spec-core/target/bench.cp):spec-core/target/classes:spec-core/target/test-classes" \
 *     io.github.specpipeline.core.bench.TestRunBenchmark 1000 100 3
 * </pre>
 * Arguments: models (1000), rows per raw table (100), runs (3), planner class (the DuckDB generator).
 */
public final class TestRunBenchmark {
    private TestRunBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String plannerClass = args.length > 3 ? args[3] : "io.github.specpipeline.core.generate.duckdb.DuckDbGenerator";
        DuckDbPlanner planner = (DuckDbPlanner)
                Class.forName(plannerClass).getDeclaredConstructor().newInstance();
        Path dir = Files.createTempDirectory("specpipeline-bench");
        TestRunSpecs.write(dir, models);
        SpecInput input = new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir);
        TestTask.Options options =
                new TestTask.Options(input, dir.resolve("no-seeds"), dir.resolve("out"), false, rows);
        System.out.printf(Locale.ROOT, "spec: %d models, %d rows per raw table, %s%n", models, rows, dir);

        double bestTask = Double.MAX_VALUE;
        double bestComparable = Double.MAX_VALUE;
        double bestSql = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            TestTask.Result r = TestTask.run(options, planner, SpecLog.NONE);
            double total = (System.nanoTime() - t0) / 1e9;
            TestResults res = r.results();
            if (res == null) {
                throw new IllegalStateException(r.summary());
            }
            double unit = res.phases().getOrDefault("unit tests", 0L) / 1e9;
            // what the direct run also does: open DuckDB, create and load the raw tables, build, test
            double sql = (res.phases().getOrDefault("start DuckDB", 0L)
                            + res.phases().getOrDefault("load data", 0L)
                            + res.phases().getOrDefault("build models", 0L)
                            + res.phases().getOrDefault("data tests", 0L))
                    / 1e9;
            System.out.printf(
                    Locale.ROOT, "test goal run %d: %.2f s (%s) - %s%n", i + 1, total, phases(res), r.summary());
            bestTask = Math.min(bestTask, total);
            bestComparable = Math.min(bestComparable, total - unit);
            bestSql = Math.min(bestSql, sql);
        }

        // the same SQL directly: plan and rows are made outside the timing
        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        DuckDbPlan plan = planner.plan(spec);
        Map<String, RawTable> raw = RawTable.resolve(spec, plan);
        Map<String, List<String[]>> data = new SyntheticData(spec, raw, rows, 10).generate(raw.keySet(), null);
        double bestDirect = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long failing = direct(plan, raw, data);
            double total = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "direct JDBC run %d: %.2f s (%d failing rows)%n", i + 1, total, failing);
            bestDirect = Math.min(bestDirect, total);
        }
        System.out.printf(
                Locale.ROOT,
                "best: test goal %.2f s (%.2f s without unit tests; its SQL phases %.2f s), direct %.2f s%n",
                bestTask,
                bestComparable,
                bestSql,
                bestDirect);
        System.out.printf(
                Locale.ROOT,
                "ratio SQL phases / direct: %.2f; whole goal without unit tests / direct: %.2f%n",
                bestSql / bestDirect,
                bestComparable / bestDirect);
    }

    private static String phases(TestResults r) {
        List<String> parts = new ArrayList<>();
        r.phases().forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.2f", v / 1e9)));
        return String.join(", ", parts);
    }

    /** Setup, raw tables, inserts, builds and data tests on a fresh database; returns the failing rows counted. */
    static long direct(DuckDbPlan plan, Map<String, RawTable> raw, Map<String, List<String[]>> data)
            throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                for (String sql : plan.setupStatements()) {
                    s.execute(sql);
                }
                for (RawTable t : raw.values()) {
                    s.execute(t.createStatement());
                }
            }
            for (RawTable t : raw.values()) {
                insert(c, t, data.get(t.name()));
            }
            try (Statement s = c.createStatement()) {
                for (DuckDbPlan.ModelBuild m : plan.models()) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                }
            }
            long failing = 0;
            for (DataTestQuery q : plan.tests()) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(q.sql())) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            rs.getObject(i);
                        }
                        failing++;
                    }
                }
            }
            return failing;
        }
    }

    /** DuckDB's appender into a text table, then a typed INSERT ... SELECT: the fastest plain JDBC load of text rows. */
    private static void insert(Connection c, RawTable t, List<String[]> rows) throws SQLException {
        int width = t.columns().size();
        List<String> stage = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            stage.add("c" + i + " VARCHAR");
            casts.add("CAST(c" + i + " AS " + t.columns().get(i).type().duckDbType() + ")");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE bench_stage (" + String.join(", ", stage) + ")");
            try (DuckDBAppender appender =
                    c.unwrap(DuckDBConnection.class).createAppender("temp", "main", "bench_stage")) {
                for (String[] row : rows) {
                    appender.beginRow();
                    for (String v : row) {
                        if (v == null) {
                            appender.appendNull();
                        } else {
                            appender.append(v);
                        }
                    }
                    appender.endRow();
                }
            }
            s.execute("INSERT INTO " + t.qualifiedName() + " SELECT " + String.join(", ", casts) + " FROM bench_stage");
            s.execute("DROP TABLE bench_stage");
        }
    }
}
