package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project (examples/shop-analytics) on the test goal's engines: every test passes on GoogleSQL as on
 * DuckDB, {@code compareEngines=duckdb,bigquery} finds no difference, and {@code writeRows} writes the same files
 * for both engines.
 */
class EnginesOnExampleTest {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics/src");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private TestTask.Options options() {
        return new TestTask.Options(
                        new SpecInput(
                                EXAMPLE.resolve("main/spec/spec.json"), EXAMPLE.resolve("main/spec/source_ddl"), dir),
                        EXAMPLE.resolve("test/seeds"),
                        dir.resolve("target"),
                        false)
                .withRunAt(RUN_AT);
    }

    @Test
    void everyTestOfTheExamplePassesOnGoogleSql() throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options().withEngine("bigquery"), log);
        assertThat(r.failed()).as(r.summary() + "\n" + log).isFalse();
        assertThat(r.results().total()).isGreaterThan(10);
        assertThat(r.results().count(TestResults.Status.PASSED))
                .isEqualTo(r.results().total());
        String xml = Files.readString(
                dir.resolve("target/test-reports/TEST-staging.stg_customers.xml"), StandardCharsets.UTF_8);
        assertThat(xml).contains("<property name=\"specpipeline.engine\" value=\"bigquery\"");
    }

    @Test
    void duckDbAndGoogleSqlBuildTheSameRowsAndWriteTheSameFiles() throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r =
                TestTask.run(options().withCompareEngines("duckdb,bigquery").withWriteRows(true), log);
        assertThat(r.failed()).as(r.summary() + "\n" + log).isFalse();
        TestResults.Suite compare = r.results().suites().stream()
                .filter(s -> s.name().equals(EngineComparison.SUITE))
                .findFirst()
                .orElseThrow();
        assertThat(compare.cases()).hasSizeGreaterThan(5);
        assertThat(compare.cases())
                .allSatisfy(c -> assertThat(c.status())
                        .as(c.name() + ": " + c.message() + "\n" + c.details())
                        .isEqualTo(TestResults.Status.PASSED));
        Path duck = dir.resolve("target/rows/duckdb");
        Path bq = dir.resolve("target/rows/bigquery");
        List<Path> files;
        try (Stream<Path> s = Files.list(duck)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(compare.cases().size());
        for (Path f : files) {
            assertThat(bq.resolve(f.getFileName().toString()))
                    .as(f.getFileName().toString())
                    .hasSameTextualContentAs(f);
        }
    }
}
