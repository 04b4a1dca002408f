package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project (examples/shop-analytics) on the GoogleSQL engine: every data test and unit test passes, as
 * on DuckDB, and the JUnit XML names the engine ({@code ExampleOnBigQueryTest} compares the rows with DuckDB's).
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
}
