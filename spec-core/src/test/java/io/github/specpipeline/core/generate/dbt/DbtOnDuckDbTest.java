package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testrun.DuckDbSession;
import io.github.specpipeline.core.testrun.EngineComparison;
import io.github.specpipeline.core.testrun.TestResults;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's dbt project generated for dbt-duckdb runs with {@code dbt build} on the example's seeds (written as
 * dbt seeds, which the generated seed config loads into the raw schema the sources read): every model, snapshot,
 * data test and unit test passes on the clean seeds, every model holds the rows the {@code test} goal's DuckDB
 * engine builds (the generated {@code sql/duckdb} scripts, run on the same seeds), and on the violation seeds of the
 * {@code test-example-violations} IT exactly the tests fail that fail in the {@code test} goal.
 */
class DbtOnDuckDbTest {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** The Python process of the class's dbt commands. */
    @RegisterExtension
    static final DbtSessions DBT = DbtSessions.duckDb();

    /** The example (spec, DDL, seeds) copied to {@code tmp/project}, to be changed by a test. */
    private Path copyExample() throws Exception {
        return copyExample(tmp);
    }

    /** The example (spec, DDL, seeds) copied to {@code tmp/project}, to be changed by a test. */
    static Path copyExample(Path tmp) throws Exception {
        Path from = EXAMPLE.resolve("src");
        Path to = tmp.resolve("project/src");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return tmp.resolve("project");
    }

    static SpecInput input(Path project) {
        return new SpecInput(
                project.resolve("src/main/spec/spec.json"), project.resolve("src/main/spec/source_ddl"), project);
    }

    @Test
    void theExampleBuildsOnDbtDuckDbWithTheEnginesRows() throws Exception {
        Path project = copyExample();
        Path seeds = project.resolve("src/test/seeds");
        DbtProject dbt = DbtProject.generate(
                        DBT.session(),
                        input(project),
                        seeds,
                        tmp.resolve("out"),
                        DbtAdapter.DUCKDB,
                        EnumSet.of(Target.DUCKDB, Target.DBT))
                .withSeeds(seeds);
        DbtProject.Run seed = dbt.dbt("seed");
        assertThat(seed.exit()).as(seed.log()).isZero();
        DbtProject.Run build = dbt.dbt("build", "--exclude", "resource_type:seed");
        System.out.println("dbt build on dbt-duckdb (example, clean seeds): " + build.millis() + " ms");
        assertThat(build.exit()).as(build.log()).isZero();

        ValidatedSpec spec = SpecLoader.load(input(project)).spec().orElseThrow();
        Map<String, String> results = dbt.results();
        assertThat(results.values()).allMatch(s -> s.equals("success") || s.equals("pass"));
        // every model, snapshot, test and unit test of the spec ran
        assertThat(count(results, "model.")).isEqualTo(spec.spec().models().size());
        long scd2 = spec.spec().models().stream()
                .filter(m -> m.constraints().isScd2())
                .count();
        assertThat(count(results, "snapshot.")).isEqualTo(scd2).isPositive();
        assertThat(count(results, "test."))
                .isEqualTo(TestCatalog.of(spec).tests().size());
        assertThat(count(results, "unit_test."))
                .isEqualTo(spec.spec().models().stream()
                        .filter(m -> !m.constraints().isScd2())
                        .mapToLong(m -> m.unitTests().size())
                        .sum())
                .isPositive();

        try (DuckDbSession session = DuckDbSession.open()) {
            runEngineScripts(session, tmp.resolve("out/sql/duckdb"), project);
            session.execute("ATTACH '" + dbt.dir().resolve("spec_pipeline.duckdb") + "' AS dbt (READ_ONLY)");
            Map<String, String> differences = new TreeMap<>();
            for (Model m : spec.graph().order()) {
                String table = spec.spec().schema().of(m.layer()) + "." + m.name();
                String columns = comparedColumns(spec, m);
                EngineComparison.Difference d = EngineComparison.difference(
                        "duckdb engine",
                        session.rows("SELECT " + columns + " FROM memory." + table),
                        "dbt-duckdb",
                        session.rows("SELECT " + columns + " FROM dbt." + table));
                if (!d.same()) {
                    differences.put(m.name(), d.summary() + "\n" + d.details());
                }
                assertThat(session.rows("SELECT count(*) FROM dbt." + table)
                                .rows()
                                .get(0)
                                .get(0))
                        .as(m.name())
                        .isNotEqualTo(0L);
            }
            assertThat(differences).isEmpty();
        }
    }

    @Test
    void theViolationSeedsFailTheTestsTheyViolateAsInTheTestGoal() throws Exception {
        Path project = copyExample();
        Path seeds = project.resolve("src/test/seeds");
        addViolations(project);

        // dbt build skips what is downstream of a failing test (and a model whose unit test fails): with the data
        // tests as warnings, every test runs; the unit tests then run alone
        DbtProject dbt = DbtProject.generate(
                        DBT.session(),
                        input(project),
                        seeds,
                        tmp.resolve("out"),
                        DbtAdapter.DUCKDB,
                        EnumSet.of(Target.DBT))
                .withSeeds(seeds)
                .warnOnly();
        DbtProject.Run seed = dbt.dbt("seed");
        assertThat(seed.exit()).as(seed.log()).isZero();
        DbtProject.Run build = dbt.dbt("build", "--exclude", "resource_type:seed", "resource_type:unit_test");
        assertThat(build.exit()).as(build.log()).isZero();
        assertThat(dbt.results().values()).contains("warn").doesNotContain("error", "skipped");
        Set<String> failedInDbt = new TreeSet<>(dbt.failedTests());
        DbtProject.Run units = dbt.dbt("test", "--select", "test_type:unit");
        assertThat(units.exit()).as(units.log()).isNotZero();
        failedInDbt.addAll(dbt.failedTests());

        Set<String> failedInGoal = failedInTestGoal(input(project), seeds, tmp.resolve("target"));

        assertThat(failedInDbt)
                .contains(
                        "unique__stg_customers__customer_id",
                        "accepted_values__stg_customers__signup_channel",
                        "not_null__stg_customers__created_at",
                        "relationships__stg_orders__customer_id",
                        "unit_test__stg_customers__billing_address_and_contact_normalisation")
                .isEqualTo(failedInGoal);
    }

    @Test
    void theHostileSpecBuildsOnDbtDuckDbAndFailsTheTestsTheTestGoalFails() throws Exception {
        Path hostile = Path.of("src/test/resources/generate/hostile").toAbsolutePath();
        Path seeds = Path.of("src/test/resources/testrun/hostile-seeds").toAbsolutePath();
        SpecInput input = new SpecInput(hostile.resolve("spec.json"), hostile.resolve("source_ddl"), hostile);
        DbtProject dbt = DbtProject.generate(
                        DBT.session(), input, seeds, tmp.resolve("out"), DbtAdapter.DUCKDB, EnumSet.of(Target.DBT))
                .withSeeds(seeds)
                .warnOnly();
        DbtProject.Run seed = dbt.dbt("seed");
        assertThat(seed.exit()).as(seed.log()).isZero();
        DbtProject.Run build = dbt.dbt("build", "--exclude", "resource_type:seed");
        assertThat(build.exit()).as(build.log()).isZero();
        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        Map<String, String> results = dbt.results();
        assertThat(count(results, "model.")).isEqualTo(spec.spec().models().size());
        assertThat(count(results, "test."))
                .isEqualTo(TestCatalog.of(spec).tests().size());
        assertThat(results.values()).doesNotContain("error", "skipped");

        Set<String> failedInGoal = failedInTestGoal(input, seeds, tmp.resolve("target"));
        assertThat(dbt.failedTests()).isEqualTo(failedInGoal);
    }

    /**
     * The violations of the {@code test-example-violations} IT, one of each kind of test, added to a copy of the
     * example: seed rows breaking a unique, an accepted values, a not null and a relationships test, and a unit
     * test whose expectation no longer holds.
     */
    static void addViolations(Path project) throws Exception {
        Path seeds = project.resolve("src/test/seeds");
        append(
                seeds,
                "shop_customers.csv",
                "8,henry.second@example.com,Henry Two,650.555.0101,web,active,"
                        + "2024-03-10T12:00:00Z,2024-03-11T12:00:00Z");
        append(
                seeds,
                "shop_customers.csv",
                "9,ivy@example.com,Ivy,,tiktok,active,2024-04-10T12:00:00Z," + "2024-04-11T12:00:00Z");
        append(seeds, "shop_customers.csv", "10,jo@example.com,Jo,,web,active,,");
        append(seeds, "shop_orders.csv", "1011,99,2024-07-01,USD,paid,10.00,2024-07-01T10:00:00Z");
        append(seeds, "shop_order_lines.csv", "1011,1,SKU-CAP,1,10.00,0.00");
        Path specFile = project.resolve("src/main/spec/spec.json");
        String text = Files.readString(specFile, StandardCharsets.UTF_8);
        assertThat(text).contains("\"email\": \"zoe@example.org\"");
        Files.writeString(
                specFile,
                text.replace("\"email\": \"zoe@example.org\"", "\"email\": \"zoe@example.com\""),
                StandardCharsets.UTF_8);
    }

    /** The names of the tests the {@code test} goal fails (or errs) on a spec and its seeds. */
    static Set<String> failedInTestGoal(SpecInput input, Path seeds, Path target) throws Exception {
        TestTask.Result goal = TestTask.run(
                new TestTask.Options(input, seeds, target, false).withRunAt(RUN_AT),
                io.github.specpipeline.core.log.SpecLog.NONE);
        Set<String> failed = new TreeSet<>();
        goal.results()
                .suites()
                .forEach(s -> s.cases().stream()
                        .filter(c -> c.status() == TestResults.Status.FAILED || c.status() == TestResults.Status.ERROR)
                        .forEach(c -> failed.add(c.name())));
        return failed;
    }

    /**
     * The columns compared: all but an SCD2 model's validity columns, which hold the run time (the snapshot's on
     * dbt, the fixed run time on the engine).
     */
    private static String comparedColumns(ValidatedSpec spec, Model m) {
        Scd2Plan k = ModelPlanner.planOrThrow(spec, m).scd2();
        if (k == null) {
            return "*";
        }
        List<String> cols = new ArrayList<>(k.columns());
        cols.add(k.currentFlag());
        return cols.stream().map(DuckDbSession::quote).collect(Collectors.joining(", "));
    }

    /** Builds the models as the test goal does: the generated DuckDB scripts on the same seed files. */
    static void runEngineScripts(DuckDbSession session, Path sql, Path project) throws Exception {
        runEngineScripts(session, sql, project, RUN_AT);
    }

    /** Builds the models as the test goal does, with {@code runAt} as the SCD2 run time. */
    static void runEngineScripts(DuckDbSession session, Path sql, Path project, Instant runAt) throws Exception {
        session.execute("SET file_search_path = '" + project.toAbsolutePath() + "'");
        session.execute("SET VARIABLE " + DuckDbGenerator.RUN_AT_VARIABLE + " = TIMESTAMPTZ '" + runAt + "'");
        for (String script : List.of("create_raw_tables.sql", "load_seeds.sql", "run.sql")) {
            session.execute(Files.readString(sql.resolve(script), StandardCharsets.UTF_8));
        }
    }

    private static long count(Map<String, String> results, String prefix) {
        return results.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    static void append(Path seeds, String file, String row) throws Exception {
        Files.writeString(seeds.resolve(file), row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
