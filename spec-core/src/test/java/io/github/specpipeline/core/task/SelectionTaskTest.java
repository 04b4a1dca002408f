package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.testrun.TestResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** specpipeline.select on generate, export and test, and the test goal's up-to-date check, on the example. */
class SelectionTaskTest {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics");

    @TempDir
    Path dir;

    private Path copyExample() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src"))) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(EXAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return dir.resolve("src/main/spec/spec.json");
    }

    private SpecInput input() {
        return new SpecInput(dir.resolve("src/main/spec/spec.json"), dir.resolve("src/main/spec/source_ddl"), dir)
                .withGoogleSql(false);
    }

    private TestTask.Result test(SelectOptions selection, boolean skipIfUpToDate, RecordingLog log) throws IOException {
        return TestTask.run(
                new TestTask.Options(input(), dir.resolve("src/test/seeds"), dir.resolve("target"), false)
                        .withRunAt(java.time.Instant.parse("2026-01-01T00:00:00Z"))
                        .withSelection(selection, skipIfUpToDate),
                new DuckDbGenerator(),
                log);
    }

    /** The base: the example as committed. The current spec: one transform of stg_customers changed. */
    private SelectOptions changedPlus() throws IOException {
        Path spec = copyExample();
        Path base = dir.resolve("base.json");
        Files.copy(spec, base);
        String text = Files.readString(spec);
        Files.writeString(spec, text.replace("\"@normalised({from})\"", "\"@normalised({from})  \""));
        assertThat(Files.readString(spec)).isNotEqualTo(text);
        return new SelectOptions("changed+", "base.json");
    }

    @Test
    void testRunsOnlyTheChangedModelAndItsDownstreamModels() throws IOException {
        SelectOptions selection = changedPlus();
        RecordingLog log = new RecordingLog();
        TestTask.Result r = test(selection, false, log);
        assertThat(r.failed()).as(r.summary()).isFalse();
        assertThat(r.results().suites().stream().map(TestResults.Suite::name))
                .containsExactly("staging.stg_customers", "analytics.fact_orders", "analytics.dim_customers");
        assertThat(log.lines)
                .contains(
                        "INFO spec-pipeline test: selected 3 of 6 models (specpipeline.select): stg_customers,"
                                + " fact_orders, dim_customers; skipped: stg_orders, stg_web_activity,"
                                + " fact_customer_value",
                        "INFO spec-pipeline test: built from the seeds for the selected models, their tests not run:"
                                + " stg_orders; not built: stg_web_activity, fact_customer_value");
        assertThat(r.results().total()).isPositive();
    }

    /** {@code changed+} against {@code git:HEAD}: the base is read from git history as the diff goal reads it. */
    @Test
    void changedAgainstAGitRevisionSelectsTheSameModels() throws Exception {
        Path spec = copyExample();
        DiffTaskTest.git(dir, "init", "-q");
        DiffTaskTest.git(dir, "add", ".");
        DiffTaskTest.git(
                dir, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "base");
        String text = Files.readString(spec);
        Files.writeString(spec, text.replace("\"@normalised({from})\"", "\"@normalised({from}) || ''\""));
        RecordingLog log = new RecordingLog();
        TestTask.Result r = test(new SelectOptions("changed+", "git:HEAD"), false, log);
        assertThat(r.failed())
                .as(r.summary() + "\n" + String.join("\n", log.lines))
                .isFalse();
        assertThat(r.results().suites().stream().map(TestResults.Suite::name))
                .containsExactly("staging.stg_customers", "analytics.fact_orders", "analytics.dim_customers");
    }

    @Test
    void aSecondRunWithNothingChangedIsUpToDateUnlessForced() throws IOException {
        copyExample();
        TestTask.Result first = test(SelectOptions.ALL, true, new RecordingLog());
        assertThat(first.failed()).as(first.summary()).isFalse();
        assertThat(first.results()).isNotNull();
        List<Path> reports = first.reports();
        assertThat(reports).isNotEmpty();

        TestTask.Result second = test(SelectOptions.ALL, true, new RecordingLog());
        assertThat(second.results()).as("nothing ran").isNull();
        assertThat(second.failed()).isFalse();
        assertThat(second.summary()).contains("are up to date").contains("-Dspecpipeline.force=true");
        assertThat(reports).allSatisfy(p -> assertThat(p).exists()); // the last results stay

        // forced: runs
        assertThat(test(SelectOptions.ALL, false, new RecordingLog()).results()).isNotNull();
        // a seed changed: runs
        Path seed = dir.resolve("src/test/seeds/fx_rates.csv");
        Files.writeString(seed, Files.readString(seed) + "\n");
        assertThat(test(SelectOptions.ALL, true, new RecordingLog()).results()).isNotNull();
        assertThat(test(SelectOptions.ALL, true, new RecordingLog()).results()).isNull();
        // another selection: runs
        assertThat(test(new SelectOptions("stg_orders", null), true, new RecordingLog())
                        .results())
                .isNotNull();
    }

    @Test
    void generateWritesOnlyTheSelectedModelsFilesAndKeepsTheOthers() throws IOException {
        copyExample();
        Path out = dir.resolve("target");
        GenerateTask.Result all = GenerateTask.run(
                new GenerateTask.Options(input().withTargets(EnumSet.of(Target.DBT)), out), new RecordingLog());
        assertThat(all.failed()).as(all.summary()).isFalse();
        Path model = out.resolve("dbt/models/staging/stg_orders.sql");
        assertThat(model).exists();
        Files.delete(model);
        Path other = out.resolve("dbt/models/staging/stg_customers.sql");
        Files.delete(other);
        RecordingLog log = new RecordingLog();
        GenerateTask.Result some = GenerateTask.run(
                new GenerateTask.Options(
                        input().withTargets(EnumSet.of(Target.DBT)), out, null, new SelectOptions("stg_orders", null)),
                log);
        assertThat(some.failed()).as(some.summary()).isFalse();
        assertThat(model).exists();
        assertThat(other).doesNotExist();
        assertThat(out.resolve("dbt/models/final/fact_orders.sql"))
                .as("kept, not removed")
                .exists();
        assertThat(some.removed()).isEmpty();
        assertThat(some.summary()).contains("selection: 1 of 6 models");
        assertThat(out.resolve("dbt/dbt_project.yml")).exists();
    }

    @Test
    void anUnknownModelIsALocatedErrorWithTheNearestName() throws IOException {
        copyExample();
        RecordingLog log = new RecordingLog();
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        input(), dir.resolve("target"), null, new SelectOptions("stg_orders,stg_ordrs", null)),
                log);
        assertThat(r.failed()).isTrue();
        assertThat(log.lines)
                .contains("ERROR specpipeline.select:1:12: error[SP525] no model 'stg_ordrs' in src/main/spec/spec.json"
                        + " (did you mean 'stg_orders'?) (hint: "
                        + io.github.specpipeline.core.diag.DiagnosticCode.SP525.fix() + ")");
        assertThat(dir.resolve("target/sql")).doesNotExist();
    }

    @Test
    void exportReviewsOnlyTheSelectedModels(@TempDir Path out) throws IOException {
        copyExample();
        ExportTask.Result r = ExportTask.run(
                new ExportTask.Options(
                        input(), out, Set.of(ExportFormat.CSV), false, null, 1000, new SelectOptions("tag:pii", null)),
                new RecordingLog());
        assertThat(r.failed()).as(r.summary()).isFalse();
        assertThat(r.summary()).contains(": 2 models,");
        try (Stream<Path> files = Files.list(out.resolve("review/csv"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("model_")))
                    .containsExactlyInAnyOrder("model_stg_customers.csv", "model_dim_customers.csv");
        }
    }
}
