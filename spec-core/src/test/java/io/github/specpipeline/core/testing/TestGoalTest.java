package io.github.specpipeline.core.testing;

import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test goal with the real DuckDB generator on small specs written by each test: what it creates, how it
 * bounds a statement, and the false failures it must not report.
 */
class TestGoalTest {
    static final String ORDERS_DDL = """
            CREATE TABLE `raw.orders` (
              order_id INT64 NOT NULL,
              customer_id INT64,
              amount NUMERIC,
              status STRING
            );
            """;

    @TempDir
    Path dir;

    private void write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    /** A one-model spec reading raw.orders; {@code columns} is the column_mapping array's content. */
    private void spec(String columns) throws IOException {
        write("spec.json", """
                {"schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
                 "models": [{"name": "stg_orders", "layer": "staging", "sources": ["raw.orders"],
                   "column_mapping": [%s]}]}
                """.formatted(columns));
        write("ddl/orders.sql", ORDERS_DDL);
    }

    private TestTask.Options options() {
        return new TestTask.Options(new SpecInput(dir.resolve("spec.json"), dir.resolve("ddl"), dir), dir.resolve("seeds"),
                dir.resolve("out"), false);
    }

    private record Run(TestTask.Result result, RecordingLog log) {
        List<String> notPassed() {
            return result.results().suites().stream().flatMap(s -> s.cases().stream())
                    .filter(c -> c.status() != TestResults.Status.PASSED).map(c -> c.name() + ":" + c.status() + ":" + c.message())
                    .toList();
        }
    }

    private Run run(TestTask.Options options) throws IOException {
        RecordingLog log = new RecordingLog();
        return new Run(TestTask.run(options, new DuckDbGenerator(), log), log);
    }

    @Test
    void aColumnWithTheImpliedFromTableIsUniqueInSyntheticRows() throws IOException {
        // from_table is left out: the model's only source is meant
        spec("""
                {"target_column": "order_id", "type": "INT64", "from_column": "order_id", "nullable": false,
                 "tests": ["unique"]},
                {"target_column": "status", "type": "STRING", "from_column": "status",
                 "tests": [{"accepted_values": {"values": ["open", "shipped"]}}]}
                """);
        Run run = run(options());
        assertThat(run.result().syntheticTables()).containsExactly("orders");
        assertThat(run.notPassed()).as(String.join("\n", run.log().lines)).isEmpty();
        assertThat(run.result().failed()).isFalse();
    }
}
