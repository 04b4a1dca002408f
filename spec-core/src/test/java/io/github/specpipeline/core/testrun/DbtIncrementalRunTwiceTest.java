package io.github.specpipeline.core.testrun;

import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.FIRST;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.PAYMENTS_AFTER_SECOND;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.PAYMENTS_QUERY;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.PAYMENT_COLUMNS;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.REVENUE_AFTER_SECOND;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.REVENUE_QUERY;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.SECOND;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.SPEC;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.THIRD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-twice check of {@link IncrementalRunTwiceTest} on dbt-duckdb: the {@code generate/incremental} spec's dbt
 * project generated for DuckDB, {@code dbt build} over the first batch of seeds, then again over the second (dbt's
 * {@code is_incremental()} path: the watermark predicate over {@code {{ this }}}, dbt-duckdb's delete+insert by the
 * unique key), then over the third, whose change moves no watermark. The tables must hold the same hand-checked rows
 * as on the other engines, and the third run must leave stg_payments alone, which a rebuild would not.
 *
 * <p>dbt is run here as {@code generate.dbt}'s tests run it (the pinned environment's {@code dbt}, the project its
 * own profiles dir, no tracking); that helper is package private there, so the few lines are repeated.
 */
class DbtIncrementalRunTwiceTest {
    @TempDir
    Path tmp;

    @Test
    void dbtDuckDbBuildTwiceEqualsTheHandCheckedRows() throws Exception {
        Path dbt = TestPython.require().resolveSibling("dbt");
        Path spec = SPEC.toAbsolutePath();
        Path seeds = spec.resolve("seeds");
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                                new SpecInput(spec.resolve("spec.json"), spec.resolve("source_ddl"), spec),
                                tmp.resolve("out"),
                                EnumSet.of(Target.DBT),
                                seeds)
                        .withDbtAdapter("duckdb"),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        Path project = tmp.resolve("out").resolve(Target.DBT.folder());
        Path projectSeeds = project.resolve("seeds");
        Files.createDirectories(projectSeeds);
        Files.copy(seeds.resolve("accounts.csv"), projectSeeds.resolve("accounts.csv"));
        // the spec's payments seed is the first batch
        assertThat(Files.readString(seeds.resolve("payments.csv"), StandardCharsets.UTF_8))
                .isEqualTo(csv(FIRST));
        Files.copy(
                seeds.resolve("payments.csv"),
                projectSeeds.resolve("payments.csv"),
                StandardCopyOption.REPLACE_EXISTING);

        build(dbt, project);
        assertThat(compiled(project, "staging/stg_payments.sql"))
                .as("the first run is not incremental")
                .doesNotContain("IS NULL OR");

        Files.writeString(projectSeeds.resolve("payments.csv"), csv(SECOND), StandardCharsets.UTF_8);
        build(dbt, project);
        assertThat(compiled(project, "staging/stg_payments.sql"))
                .as("the second run takes the is_incremental() path")
                .contains("IS NULL OR");
        assertThat(compiled(project, "final/daily_revenue.sql")).contains("IS NULL OR");
        assertThat(rows(project, PAYMENTS_QUERY, "staging.stg_payments"))
                .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        assertThat(rows(project, REVENUE_QUERY, "analytics.daily_revenue"))
                .containsExactlyElementsOf(REVENUE_AFTER_SECOND);

        Files.writeString(projectSeeds.resolve("payments.csv"), csv(THIRD), StandardCharsets.UTF_8);
        build(dbt, project);
        assertThat(rows(project, PAYMENTS_QUERY, "staging.stg_payments"))
                .as("a change whose updated_at does not move is outside the batch")
                .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        assertThat(rows(project, REVENUE_QUERY, "analytics.daily_revenue"))
                .containsExactlyElementsOf(REVENUE_AFTER_SECOND);
    }

    /**
     * {@code dbt seed}, then {@code dbt build} of the rest (models, tests): every node must succeed. Seeds first, as
     * the generated project says: the sources read the seeded raw tables, but dbt knows no edge from a seed to a
     * source, so one {@code dbt build} may run a model before the seed it reads (seen: "Table with name payments
     * does not exist").
     */
    private static void build(Path dbt, Path project) throws Exception {
        run(dbt, project, "seed");
        run(dbt, project, "build", "--exclude", "resource_type:seed");
    }

    private static void run(Path dbt, Path project, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(dbt.toString(), "--no-version-check", "--no-use-colors"));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile(project, "dbt", ".log");
        pb.redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("DBT_PROFILES_DIR", project.toString());
        env.put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
        env.put("DBT_NO_VERSION_CHECK", "true");
        env.put("DO_NOT_TRACK", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("dbt " + String.join(" ", args) + " did not finish in 20 minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("dbt " + String.join(" ", args) + " (incremental spec, dbt-duckdb): "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(p.exitValue()).as(output).isZero();
        JsonNode results = new ObjectMapper()
                .readTree(project.resolve("target/run_results.json").toFile());
        Map<String, String> status = new TreeMap<>();
        results.path("results")
                .forEach(n -> status.put(
                        n.path("unique_id").asText(), n.path("status").asText()));
        if (args[0].equals("build")) {
            assertThat(status)
                    .as(output)
                    .containsKeys("model.spec_pipeline.stg_payments", "model.spec_pipeline.daily_revenue");
        }
        assertThat(status.values()).as(output).allMatch(s -> s.equals("success") || s.equals("pass"));
    }

    /** The model's SQL as the last run compiled it. */
    private static String compiled(Path project, String model) throws Exception {
        return Files.readString(
                project.resolve("target/compiled/spec_pipeline/models").resolve(model), StandardCharsets.UTF_8);
    }

    private static List<String> rows(Path project, String query, String table) throws Exception {
        try (DuckDbSession s = DuckDbSession.open()) {
            s.execute("ATTACH '" + project.resolve("spec_pipeline.duckdb") + "' AS dbt (READ_ONLY)");
            return IncrementalRunTwiceTest.display(s.rows(query.formatted("dbt." + table)));
        }
    }

    /** The payments seed: the header, then each row, NULL as an empty field. */
    private static String csv(List<String[]> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", PAYMENT_COLUMNS)).append('\n');
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (String v : row) {
                cells.add(v == null ? "" : v);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }
}
