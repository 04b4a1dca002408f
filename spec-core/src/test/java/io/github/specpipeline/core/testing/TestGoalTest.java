package io.github.specpipeline.core.testing;

import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.validate.ValidatedSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @Test
    void onlyTheRawTablesTheModelsReadAreCreatedAndFilled() throws IOException {
        spec("""
                {"target_column": "order_id", "type": "INT64", "from_table": "orders", "from_column": "order_id",
                 "nullable": false, "tests": ["unique"]}
                """);
        Run small = run(options());
        // 5,000 more tables in the DDL folder, one file each, and a seed for one of them
        for (int i = 0; i < 5000; i++) {
            write("ddl/t" + i + ".sql", "CREATE TABLE `raw.unused_" + i + "` (id INT64 NOT NULL, name STRING);\n");
        }
        write("seeds/unused_7.csv", "id,name\nnot a number,x\n");
        // a data test that reads DuckDB's catalog: it fails on every raw table other than orders
        DuckDbPlanner catalogCheck = new DuckDbPlanner() {
            private final DuckDbGenerator generator = new DuckDbGenerator();

            public DuckDbPlan plan(ValidatedSpec spec) {
                DuckDbPlan plan = generator.plan(spec);
                List<DataTestQuery> tests = new ArrayList<>(plan.tests());
                tests.add(new DataTestQuery("raw_tables__stg_orders", "stg_orders", null, "expression",
                        "only the raw tables the models read exist", "/models/0",
                        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name <> 'orders'"));
                return new DuckDbPlan(plan.setupStatements(), plan.rawTables(), plan.models(), tests);
            }

            public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
                return generator.modelSelect(spec, model, inputs);
            }
        };
        RecordingLog log = new RecordingLog();
        TestTask.Result large = TestTask.run(options(), catalogCheck, log);
        Run run = new Run(large, log);
        assertThat(run.notPassed()).as(String.join("\n", log.lines)).isEmpty();
        assertThat(large.results().total()).isEqualTo(small.result().results().total() + 1);
        assertThat(large.syntheticTables()).isEqualTo(small.result().syntheticTables()).containsExactly("orders");
        assertThat(log.lines).anyMatch(l -> l.endsWith(", 1 raw table (5000 more in the source DDL that no model reads are not created)"));
        // the seed of a table nobody reads is not read (its bad value is no problem) nor loaded
        assertThat(log.lines).contains("INFO Seeds not loaded, no model reads their table: unused_7.csv");
    }
}
