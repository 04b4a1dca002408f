package io.github.specpipeline.core.testrun;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The dbt-duckdb runs of the run-twice tests: the spec's dbt project generated for DuckDB, {@code dbt seed} then
 * {@code dbt build}, and the built tables read back. dbt is run as {@code generate.dbt}'s tests run it (the pinned
 * environment's {@code dbt}, the project its own profiles dir, no tracking); those helpers are package private
 * there, so the few lines are repeated here, once for this package.
 */
final class DbtRuns {
    private DbtRuns() {}

    /** The pinned environment's {@code dbt}; skips the test when there is no Python environment. */
    static Path dbt() {
        return TestPython.require().resolveSibling("dbt");
    }

    /** Generates the dbt project for dbt-duckdb under {@code out}; returns the project's folder. */
    static Path generate(SpecInput input, Path seeds, Path out) throws Exception {
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(input, out, EnumSet.of(Target.DBT), seeds).withDbtAdapter("duckdb"),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        return out.resolve(Target.DBT.folder());
    }

    /**
     * {@code dbt seed}, then {@code dbt build} of the rest (models, tests): every node must succeed and each of
     * {@code models} must have been built. Seeds first, as the generated project says: the sources read the seeded
     * raw tables, but dbt knows no edge from a seed to a source, so one {@code dbt build} may run a model before the
     * seed it reads (seen: "Table with name payments does not exist").
     */
    static void build(Path dbt, Path project, String what, List<String> models) throws Exception {
        run(dbt, project, what, List.of(), "seed");
        run(dbt, project, what, models, "build", "--exclude", "resource_type:seed");
    }

    private static void run(Path dbt, Path project, String what, List<String> models, String... args) throws Exception {
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
        System.out.println("dbt " + String.join(" ", args) + " (" + what + ", dbt-duckdb): "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(p.exitValue()).as(output).isZero();
        JsonNode results = new ObjectMapper()
                .readTree(project.resolve("target/run_results.json").toFile());
        Map<String, String> status = new TreeMap<>();
        results.path("results")
                .forEach(n -> status.put(
                        n.path("unique_id").asText(), n.path("status").asText()));
        for (String m : models) {
            assertThat(status).as(output).containsKey("model.spec_pipeline." + m);
        }
        assertThat(status.values()).as(output).allMatch(s -> s.equals("success") || s.equals("pass"));
    }

    /** The model's SQL as the last run compiled it. */
    static String compiled(Path project, String model) throws Exception {
        return Files.readString(
                project.resolve("target/compiled/spec_pipeline/models").resolve(model), StandardCharsets.UTF_8);
    }

    /** {@code query} (with {@code %s} for the table) over the dbt database's {@code table}, as text rows. */
    static List<String> rows(Path project, String query, String table) throws Exception {
        try (DuckDbSession s = DuckDbSession.open()) {
            s.execute("ATTACH '" + project.resolve("spec_pipeline.duckdb") + "' AS dbt (READ_ONLY)");
            return IncrementalRuns.display(s.rows(query.formatted("dbt." + table)));
        }
    }
}
