package io.github.specpipeline.core.engine.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.testrun.EngineComparison;
import io.github.specpipeline.core.testrun.TestResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project (examples/shop-analytics) with {@code compareEngines=duckdb,bigquery}: every model built on
 * GoogleSQL from its BigQuery SQL (the text Dataform and dbt wrap) and on DuckDB from the same seeds, with the same
 * rows, and {@code writeRows} writing the same files for both engines.
 */
class ExampleOnBigQueryTest {
    /**
     * The project compared: the example, or another one laid out as {@code main/spec/spec.json},
     * {@code main/spec/source_ddl} and {@code test/seeds} under the folder {@code -Dspecpipeline.compare.project}
     * names (to compare a spec of one's own by hand; the build compares the example).
     */
    static final Path EXAMPLE =
            Path.of(System.getProperty("specpipeline.compare.project", "../examples/shop-analytics/src"));

    /**
     * Where GoogleSQL and DuckDB disagree on the example, as model names: each is a finding to fix in the DuckDB
     * rendering or in the comparison's value form (see the report of issue 16), never a silent difference.
     */
    static final List<String> KNOWN_DIFFERENCES = List.of();

    @TempDir
    Path dir;

    @Test
    void everyModelBuildsTheSameRowsOnGoogleSqlAndDuckDb() throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(
                new TestTask.Options(
                                new SpecInput(
                                        EXAMPLE.resolve("main/spec/spec.json"),
                                        EXAMPLE.resolve("main/spec/source_ddl"),
                                        dir),
                                EXAMPLE.resolve("test/seeds"),
                                dir.resolve("target"),
                                false)
                        .withRunAt(Instant.parse("2026-01-01T00:00:00Z"))
                        .withCompareEngines("duckdb,bigquery")
                        .withWriteRows(true),
                log);
        assertThat(r.results())
                .as(r.summary() + "\n" + String.join("\n", log.lines))
                .isNotNull();
        TestResults.Suite compare = r.results().suites().stream()
                .filter(s -> s.name().equals(EngineComparison.SUITE))
                .findFirst()
                .orElseThrow();
        assertThat(compare.cases()).isNotEmpty();
        TreeMap<String, String> differences = new TreeMap<>();
        compare.cases().stream()
                .filter(c -> c.status() != TestResults.Status.PASSED)
                .forEach(c -> differences.put(c.model(), c.message() + "\n" + c.details() + "\n" + c.sql()));
        differences.forEach((model, what) -> System.out.println("GoogleSQL vs DuckDB: " + model + ": " + what));
        assertThat(differences.keySet()).containsExactlyElementsOf(KNOWN_DIFFERENCES);

        Path duck = dir.resolve("target/rows/duckdb");
        Path bq = dir.resolve("target/rows/bigquery");
        List<Path> files;
        try (Stream<Path> s = Files.list(duck)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(compare.cases().size());
        for (Path f : files) {
            if (!KNOWN_DIFFERENCES.contains(f.getFileName().toString().replaceFirst("\\.csv$", ""))) {
                assertThat(bq.resolve(f.getFileName().toString()))
                        .as(f.getFileName().toString())
                        .hasSameTextualContentAs(f);
            }
        }
    }
}
