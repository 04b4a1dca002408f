package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.duckdb.DuckDbNames;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testrun.DuckDbSession;
import io.github.specpipeline.core.testrun.EngineComparison;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dbt projects generated for dbt-spark run with {@code dbt build} on a local Spark session ({@code method:
 * session}, {@code local[2]}, UTC), as {@link DbtOnDuckDbTest} runs them on dbt-duckdb: the example on its clean
 * seeds (every model, SCD2 history, data test and unit test passes), and again over changed source rows; the
 * example with the violation seeds and the hostile spec, where exactly the tests fail that the {@code test} goal
 * fails. After every run each model holds the rows the {@code test} goal's DuckDB engine builds, the SCD2 model's
 * validity columns included: both runs are given the same run time ({@code specpipeline_run_at}).
 *
 * <p>Starting Spark takes 15 to 70 s: every {@code dbt} command of the class runs in one {@link DbtSession}, whose
 * Spark session dbt-spark reuses, and the rows are written as Parquet by an {@code on-run-end} hook of the build
 * itself, so that no other Spark session is started to read them.
 */
class DbtOnSparkTest {
    private static final Instant SECOND_RUN_AT = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** The Python process of the class's dbt commands. */
    @RegisterExtension
    static final DbtSessions DBT = DbtSessions.spark();

    @AfterAll
    static void everyCommandRanOnOneSpark() throws Exception {
        // every dbt command of the class ran on one Spark (dbt-spark's getOrCreate found the session); the
        // extension closes the session after this
        assertThat(DBT.session().javaProcesses()).isEqualTo(1);
    }

    /**
     * Every test starts on an empty metastore: the session's Spark still holds the tables of the test before, under
     * the same schema names, which an incremental model or an SCD2 history would continue from.
     */
    @BeforeEach
    void emptyTheMetastore() throws Exception {
        DBT.session().resetSpark();
    }

    @Test
    void theExampleBuildsOnDbtSparkTwiceWithTheEnginesRowsAndHistory() throws Exception {
        Path project = DbtOnDuckDbTest.copyExample(tmp);
        SpecInput input = DbtOnDuckDbTest.input(project);
        Path seeds = project.resolve("src/test/seeds");
        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        Path rows = tmp.resolve("rows");
        DbtProject dbt = seededProject(input, seeds, spec, tmp.resolve("out"), rows, false);
        DbtProject.Run build =
                dbt.dbt("build", "--exclude", "resource_type:seed", "--vars", runAt(DbtOnDuckDbTest.RUN_AT));
        System.out.println("dbt build on dbt-spark (example, clean seeds): " + build.millis() + " ms");
        assertThat(build.exit()).as(build.log()).isZero();

        Map<String, String> results = dbt.results();
        assertThat(results.values()).allMatch(s -> s.equals("success") || s.equals("pass"));
        long scd2 = spec.spec().models().stream()
                .filter(m -> m.constraints().isScd2())
                .count();
        // every model and its SCD2 history ran, as models: no snapshot (which would need a Delta table)
        assertThat(count(results, "model.")).isEqualTo(spec.spec().models().size() + scd2);
        assertThat(scd2).isPositive();
        assertThat(count(results, "snapshot.")).isZero();
        assertThat(count(results, "test."))
                .isEqualTo(TestCatalog.of(spec).tests().size());
        assertThat(count(results, "unit_test."))
                .isEqualTo(spec.spec().models().stream()
                        .filter(m -> !m.constraints().isScd2())
                        .mapToLong(m -> m.unitTests().size())
                        .sum())
                .isPositive();

        try (DuckDbSession session = DuckDbSession.open()) {
            DbtOnDuckDbTest.runEngineScripts(session, tmp.resolve("out/sql/duckdb"), project);
            assertThat(differences(spec, session, rows)).isEmpty();

            // the second run: customer 3's updated_at stops being NULL, customer 4 is renamed, customer 9 is new;
            // the engine's raw tables are emptied first, as dbt seed replaces the seed tables
            Path customers = seeds.resolve("shop_customers.csv");
            String text = Files.readString(customers, StandardCharsets.UTF_8);
            String changed =
                    text.replace("paused,2024-02-11T12:45:00Z,\n", "paused,2024-02-11T12:45:00Z,2024-07-01T09:00:00Z\n")
                                    .replace("\"  Dan Okafor \"", "Daniel Okafor")
                            + "9,iris.novak@example.com,Iris Novak,,web,active,2024-07-01T10:00:00Z,2024-07-01T10:00:00Z\n";
            assertThat(changed).doesNotContain("Dan Okafor", "paused,2024-02-11T12:45:00Z,\n");
            Files.writeString(customers, changed, StandardCharsets.UTF_8);
            seed(dbt.withSeeds(seeds));
            DbtProject.Run again = dbt.dbt("build", "--exclude", "resource_type:seed", "--vars", runAt(SECOND_RUN_AT));
            System.out.println("dbt build on dbt-spark (example, changed customers): " + again.millis() + " ms");
            assertThat(again.exit()).as(again.log()).isZero();
            assertThat(dbt.results().values()).allMatch(s -> s.equals("success") || s.equals("pass"));
            for (List<Object> t : session.rows("SELECT table_name FROM information_schema.tables"
                            + " WHERE table_catalog = 'memory' AND table_schema = 'raw'")
                    .rows()) {
                session.execute("DELETE FROM memory.raw." + DuckDbSession.quote((String) t.get(0)));
            }
            DbtOnDuckDbTest.runEngineScripts(session, tmp.resolve("out/sql/duckdb"), project, SECOND_RUN_AT);
            assertThat(differences(spec, session, rows)).isEmpty();
            // the history the second run kept: three versions closed and opened, one customer new
            assertThat(session.rows("SELECT count(*) FILTER (WHERE NOT is_current), count(*) FILTER (WHERE valid_from"
                                    + " = TIMESTAMPTZ '" + SECOND_RUN_AT + "') FROM read_parquet('"
                                    + rows.resolve("dim_customers") + "/*.parquet')")
                            .rows()
                            .get(0))
                    .containsExactly(2L, 3L);
        }
    }

    @Test
    void theViolationSeedsFailTheTestsTheTestGoalFailsWithTheEnginesRows() throws Exception {
        Path project = DbtOnDuckDbTest.copyExample(tmp);
        DbtOnDuckDbTest.addViolations(project);
        SpecInput input = DbtOnDuckDbTest.input(project);
        Path seeds = project.resolve("src/test/seeds");
        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        Path rows = tmp.resolve("rows");
        // with the data tests as warnings every test runs; a failing unit test would skip its model and all
        // downstream of it, so the unit tests run alone after the build
        DbtProject dbt = seededProject(input, seeds, spec, tmp.resolve("out"), rows, true);
        DbtProject.Run build = dbt.dbt(
                "build",
                "--exclude",
                "resource_type:seed",
                "resource_type:unit_test",
                "--vars",
                runAt(DbtOnDuckDbTest.RUN_AT));
        System.out.println("dbt build on dbt-spark (example, violation seeds): " + build.millis() + " ms");
        assertThat(build.exit()).as(build.log()).isZero();
        assertThat(dbt.results().values()).contains("warn").doesNotContain("error", "skipped");
        Set<String> failedInDbt = new TreeSet<>(dbt.failedTests());
        try (DuckDbSession session = DuckDbSession.open()) {
            DbtOnDuckDbTest.runEngineScripts(session, tmp.resolve("out/sql/duckdb"), project);
            assertThat(differences(spec, session, rows)).isEmpty();
        }
        DbtProject.Run units = dbt.dbt("test", "--select", "test_type:unit");
        assertThat(units.exit()).as(units.log()).isNotZero();
        failedInDbt.addAll(dbt.failedTests());

        assertThat(failedInDbt)
                .contains(
                        "unique__stg_customers__customer_id",
                        "accepted_values__stg_customers__signup_channel",
                        "not_null__stg_customers__created_at",
                        "relationships__stg_orders__customer_id",
                        "unit_test__stg_customers__billing_address_and_contact_normalisation")
                .isEqualTo(DbtOnDuckDbTest.failedInTestGoal(input, seeds, tmp.resolve("target")));
    }

    /**
     * The hostile spec on its hostile seeds: every model builds and exactly the tests fail that fail in the {@code
     * test} goal. Its unit test {@code hostile_values} holds a backslash and {@code ${x}} in its rows, which Spark's
     * literals would drop (a backslash escape, Spark's variable substitution) had the generator not escaped them for
     * dbt-spark; a seed value {@code ${x}} likewise.
     */
    @Test
    void theHostileSpecBuildsOnDbtSparkAndFailsTheTestsTheTestGoalFails() throws Exception {
        Path hostile = Path.of("src/test/resources/generate/hostile").toAbsolutePath();
        Path seeds = Path.of("src/test/resources/testrun/hostile-seeds").toAbsolutePath();
        SpecInput input = new SpecInput(hostile.resolve("spec.json"), hostile.resolve("source_ddl"), hostile);
        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        Path rows = tmp.resolve("rows");
        DbtProject dbt = seededProject(input, seeds, spec, tmp.resolve("out"), rows, true);
        DbtProject.Run build =
                dbt.dbt("build", "--exclude", "resource_type:seed", "--vars", runAt(DbtOnDuckDbTest.RUN_AT));
        System.out.println("dbt build on dbt-spark (hostile spec): " + build.millis() + " ms");
        assertThat(build.exit()).as(build.log()).isZero();
        Map<String, String> results = dbt.results();
        long scd2 = spec.spec().models().stream()
                .filter(m -> m.constraints().isScd2())
                .count();
        assertThat(count(results, "model.")).isEqualTo(spec.spec().models().size() + scd2);
        assertThat(count(results, "test."))
                .isEqualTo(TestCatalog.of(spec).tests().size());
        assertThat(results.values()).doesNotContain("error", "skipped");
        assertThat(dbt.failedTests()).isEqualTo(DbtOnDuckDbTest.failedInTestGoal(input, seeds, tmp.resolve("target")));
        try (DuckDbSession session = DuckDbSession.open()) {
            DbtOnDuckDbTest.runEngineScripts(session, tmp.resolve("out/sql/duckdb"), hostile);
            assertThat(differences(spec, session, rows)).isEmpty();
        }
    }

    /**
     * The dbt-spark project of {@code input} generated under {@code out} (with the DuckDB target beside it, for the engine's rows), its seeds
     * loaded, every model's rows written to {@code rows} at the end of each run; with {@code warnOnly} every data
     * test is a warning, so that a failing test skips nothing downstream.
     */
    private static DbtProject seededProject(
            SpecInput input, Path seeds, ValidatedSpec spec, Path out, Path rows, boolean warnOnly) throws Exception {
        DbtProject dbt = DbtProject.generate(
                        DBT.session(), input, seeds, out, DbtAdapter.SPARK, EnumSet.of(Target.DUCKDB, Target.DBT))
                .withSeeds(seeds);
        if (warnOnly) {
            dbt.warnOnly();
        }
        seed(dbt);
        dbt.sparkRowsAtRunEnd(sparkTables(spec), rows);
        return dbt;
    }

    /**
     * {@code dbt seed}: on its own, because dbt does not know that the sources read the seeds, so a {@code dbt
     * build} may run a model before the seed it reads (and its unit tests read the source tables' columns first).
     */
    private static void seed(DbtProject dbt) throws Exception {
        DbtProject.Run seed = dbt.dbt("seed");
        System.out.println("dbt seed on dbt-spark: " + seed.millis() + " ms");
        assertThat(seed.exit()).as(seed.log()).isZero();
    }

    /** The run time of an SCD2 history on dbt-spark, as dbt's {@code --vars}. */
    private static String runAt(Instant at) {
        return "{\"" + Scd2Plan.RunAt.VARIABLE + "\": \"" + at + "\"}";
    }

    /** Every model's Spark table ({@code `schema`.`name`}), by model name. */
    private static Map<String, String> sparkTables(ValidatedSpec spec) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (Model m : spec.graph().order()) {
            tables.put(m.name(), "`" + spec.spec().schema().of(m.layer()) + "`.`" + m.name() + "`");
        }
        return tables;
    }

    /**
     * The models whose rows on the DuckDB engine (its tables in the session) and on dbt-spark (the Parquet files of
     * {@link DbtProject#sparkRowsAtRunEnd}) differ, with the difference; every model must have rows.
     */
    private static Map<String, String> differences(ValidatedSpec spec, DuckDbSession session, Path rows)
            throws Exception {
        DuckDbNames names = new DuckDbNames(spec.spec().schema());
        Map<String, String> differences = new TreeMap<>();
        for (Model m : spec.graph().order()) {
            DuckDbSession.Rows engine =
                    session.rows("SELECT * FROM memory." + DuckDbNames.quoted(names.modelSchema(m), m.name()));
            String columns = engine.columns().stream().map(DuckDbSession::quote).collect(Collectors.joining(", "));
            EngineComparison.Difference d = EngineComparison.difference(
                    "duckdb engine",
                    engine,
                    "dbt-spark",
                    session.rows(
                            "SELECT " + columns + " FROM read_parquet('" + rows.resolve(m.name()) + "/*.parquet')"));
            if (!d.same()) {
                differences.put(m.name(), d.summary() + "\n" + d.details());
            }
            if (engine.rows().isEmpty()) {
                differences.put(m.name(), "no rows on the DuckDB engine");
            }
        }
        return differences;
    }

    private static long count(Map<String, String> results, String prefix) {
        return results.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }
}
