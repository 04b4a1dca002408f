package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A generated dbt project run with the pinned virtual environment's dbt (a {@link DbtSession}: the Python process
 * of the test class): the project dir is its own {@code DBT_PROFILES_DIR} (the generated example profile), no
 * anonymous usage statistics, no version check, nothing from the network.
 *
 * @param dir     the dbt project folder ({@code <out>/dbt})
 * @param output  the generate goal's output directory (holding {@code sql/duckdb} too when generated)
 * @param session the process that runs the project's dbt commands
 */
record DbtProject(Path dir, Path output, DbtSession session) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** How one dbt command went: its exit code and what it printed. */
    record Run(int exit, String log, long millis) {}

    /** Generates {@code targets} (the dbt project for {@code adapter}) from a spec under {@code out}. */
    static DbtProject generate(
            DbtSession session, SpecInput input, Path seeds, Path out, DbtAdapter adapter, Set<Target> targets)
            throws IOException {
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(input, out, EnumSet.copyOf(targets), seeds).withDbtAdapter(adapter.id()),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        return new DbtProject(out.resolve(Target.DBT.folder()), out, session);
    }

    /** Copies the seed CSV files to the project's {@code seeds/} (replacing those there). */
    DbtProject withSeeds(Path seeds) throws IOException {
        Path to = dir.resolve("seeds");
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return this;
    }

    /**
     * Makes every data test a warning, so that a failing test does not skip the models downstream of it (a run of
     * hostile data then still runs every test): a change to the copy under test, not to the generated project.
     */
    DbtProject warnOnly() throws IOException {
        Files.writeString(
                dir.resolve("dbt_project.yml"),
                "\ndata_tests:\n  spec_pipeline:\n    +severity: \"warn\"\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return this;
    }

    /**
     * Makes every run end by writing the rows of {@code tables} (Spark names, {@code schema.table}) as Parquet files
     * into {@code rows/<key>} (timestamps as UTC instants, which DuckDB reads as TIMESTAMPTZ): the rows are read in
     * the run's own Spark session, which saves starting Spark again. A change to the copy under test.
     */
    DbtProject sparkRowsAtRunEnd(Map<String, String> tables, Path rows) throws IOException {
        StringBuilder hooks = new StringBuilder(
                "\non-run-end:\n  - \"SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS\"\n");
        tables.forEach((key, table) -> hooks.append("  - \"INSERT OVERWRITE DIRECTORY '")
                .append(rows.resolve(key))
                .append("' USING parquet SELECT * FROM ")
                .append(table)
                .append("\"\n"));
        Files.writeString(
                dir.resolve("dbt_project.yml"), hooks, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return this;
    }

    /** Runs {@code dbt <args>} in the project (at most 20 minutes: Spark on a loaded machine is slow). */
    Run dbt(String... args) throws IOException, InterruptedException {
        return session.dbt(dir, List.of(args));
    }

    /** The status of every node the last run ran ({@code target/run_results.json}), by unique id. */
    Map<String, String> results() throws IOException {
        JsonNode root = JSON.readTree(dir.resolve("target/run_results.json").toFile());
        Map<String, String> out = new TreeMap<>();
        root.path("results")
                .forEach(r ->
                        out.put(r.path("unique_id").asText(), r.path("status").asText()));
        return out;
    }

    /** The parsed manifest ({@code target/manifest.json}). */
    JsonNode manifest() throws IOException {
        return JSON.readTree(dir.resolve("target/manifest.json").toFile());
    }

    /**
     * The spec test id ({@code TestCase.id()}, the {@code test} goal's JUnit name) of each test and unit test node
     * the last run failed: generic tests by their kind, model and column, singular tests by their name, unit tests
     * as {@code unit_test__<model>__<name>}.
     */
    Set<String> failedTests() throws IOException {
        JsonNode manifest = manifest();
        Set<String> failed = new java.util.TreeSet<>();
        for (Map.Entry<String, String> e : results().entrySet()) {
            if (!Set.of("fail", "error", "warn").contains(e.getValue())) {
                continue;
            }
            String id = e.getKey();
            if (id.startsWith("unit_test.")) {
                JsonNode u = manifest.path("unit_tests").path(id);
                failed.add("unit_test__" + u.path("model").asText() + "__"
                        + u.path("name").asText());
            } else if (id.startsWith("test.")) {
                JsonNode t = manifest.path("nodes").path(id);
                JsonNode meta = t.path("test_metadata");
                if (meta.isMissingNode() || meta.isNull()) {
                    failed.add(t.path("name").asText());
                } else {
                    String model = t.path("attached_node").asText().replaceFirst("^model\\.[^.]+\\.", "");
                    String column = t.path("column_name").asText().replaceAll("[\"`]", "");
                    failed.add(meta.path("name").asText() + "__" + model + "__" + column);
                }
            } else {
                failed.add(id); // a model or snapshot that failed: never expected
            }
        }
        return failed;
    }
}
