package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return new TestTask.Options(
                new SpecInput(dir.resolve("spec.json"), dir.resolve("ddl"), dir),
                dir.resolve("seeds"),
                dir.resolve("out"),
                false);
    }

    private record Run(TestTask.Result result, RecordingLog log) {
        List<String> notPassed() {
            return result.results().suites().stream()
                    .flatMap(s -> s.cases().stream())
                    .filter(c -> c.status() != TestResults.Status.PASSED)
                    .map(c -> c.name() + ":" + c.status() + ":" + c.message())
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
                tests.add(new DataTestQuery(
                        "raw_tables__stg_orders",
                        "stg_orders",
                        null,
                        "expression",
                        "only the raw tables the models read exist",
                        "/models/0",
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
        assertThat(large.syntheticTables())
                .isEqualTo(small.result().syntheticTables())
                .containsExactly("orders");
        assertThat(log.lines)
                .anyMatch(l ->
                        l.endsWith(", 1 raw table (5000 more in the source DDL that no model reads are not created)"));
        // the seed of a table nobody reads is not read (its bad value is no problem) nor loaded
        assertThat(log.lines).contains("INFO Seeds not loaded, no model reads their table: unused_7.csv");
    }

    /** The generator's plan with one more data test on stg_orders. */
    private static DuckDbPlanner withTest(String id, String sql) {
        DuckDbGenerator generator = new DuckDbGenerator();
        return new DuckDbPlanner() {
            public DuckDbPlan plan(ValidatedSpec spec) {
                DuckDbPlan plan = generator.plan(spec);
                List<DataTestQuery> tests = new ArrayList<>(plan.tests());
                tests.add(new DataTestQuery(id, "stg_orders", null, "expression", id, "/models/0", sql));
                return new DuckDbPlan(plan.setupStatements(), plan.rawTables(), plan.models(), tests);
            }

            public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
                return generator.modelSelect(spec, model, inputs);
            }
        };
    }

    @Test
    void aStatementDuckDbCannotInterruptFailsAtTheTimeoutWithItsSql() throws IOException {
        // DuckDB binds 16 nested NULLIFs for half a minute without checking for an interrupt
        String nested = "{from}";
        for (int i = 0; i < 16; i++) {
            nested = "NULLIF(" + nested + ", 'v" + i + "')";
        }
        spec("""
                {"target_column": "order_id", "type": "INT64", "from_column": "order_id", "nullable": false,
                 "tests": ["unique"]},
                {"target_column": "status", "type": "STRING", "from_column": "status", "transform": "%s"}
                """.formatted(nested));
        long t0 = System.nanoTime();
        Run run = run(options().withTestTimeout(TestTimeout.parse("2s")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        TestResults.Case build = run.result().results().suites().get(0).cases().get(0);
        assertThat(build.name()).isEqualTo("build__stg_orders");
        assertThat(build.status()).isEqualTo(TestResults.Status.ERROR);
        assertThat(build.message())
                .isEqualTo(
                        "model 'stg_orders' could not be built: timed out after 2 s; raise specpipeline.testTimeout");
        assertThat(build.sql()).contains("NULLIF(NULLIF(");
        assertThat(run.result().failed()).isTrue();
        assertThat(run.result().summary()).startsWith("1 of 3 spec tests did not pass: build__stg_orders");
        assertThat(Files.readString(dir.resolve("out/test-reports/TEST-staging.stg_orders.xml")))
                .contains("timed out after 2 s; raise specpipeline.testTimeout")
                .contains("NULLIF(NULLIF(");
        // not a timing test: the statement alone runs far longer than this bound; the goal must not wait for it
        assertThat(seconds).as("seconds").isLessThan(12);
    }

    @Test
    void aQueryDuckDbInterruptsFailsAtTheTimeoutAndTheRestStillRuns() throws IOException {
        spec("""
                {"target_column": "order_id", "type": "INT64", "from_column": "order_id", "nullable": false,
                 "tests": ["unique"]}
                """);
        DuckDbPlanner slow = withTest(
                "slow__stg_orders",
                "SELECT COUNT(*) AS n FROM range(100000000) AS a, range(100000) AS b HAVING COUNT(*) < 0");
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options().withTestTimeout(TestTimeout.parse("1")), slow, log);
        Run run = new Run(r, log);
        assertThat(run.notPassed())
                .containsExactly(
                        "slow__stg_orders:ERROR:the test query failed: timed out after 1 s; raise specpipeline.testTimeout");
        assertThat(r.results().total()).isEqualTo(3);
        assertThat(log.lines).noneMatch(l -> l.contains("could not interrupt"));
    }

    @Test
    void theTimeoutIsWholeSecondsOrMinutes() {
        assertThat(TestTimeout.parse("60")).hasSeconds(60);
        assertThat(TestTimeout.parse(" 45s ")).hasSeconds(45);
        assertThat(TestTimeout.parse("2m")).hasMinutes(2);
        assertThat(TestTimeout.parse("0")).isZero();
        assertThat(TestTimeout.seconds(TestTimeout.parse("2m"))).isEqualTo("120");
        for (String bad : List.of("", "1.5s", "-1", "10h", "PT1S", "sixty")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestTimeout.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "specpipeline.testTimeout must be whole seconds or minutes, such as 60s, 2m");
        }
    }

    /** stg_orders with tests on every kind of column, and big_orders, which a filter leaves without rows. */
    private void edgeSpec() throws IOException {
        write("spec.json", """
                {"schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
                 "models": [
                  {"name": "stg_orders", "layer": "staging", "sources": ["raw.orders"],
                   "column_mapping": [
                    {"target_column": "order_id", "type": "INT64", "from_column": "order_id", "nullable": false, "tests": ["unique"]},
                    {"target_column": "amount", "type": "NUMERIC", "from_column": "amount", "tests": [{"expression": "amount >= 0"}]},
                    {"target_column": "status", "type": "STRING", "from_column": "status",
                     "tests": [{"accepted_values": {"values": ["open", "shipped"]}}]}],
                   "unit_tests": [{"name": "no_rows_in_no_rows_out", "given": [{"input": "raw.orders", "rows": []}],
                                   "expect": {"rows": []}}]},
                  {"name": "big_orders", "layer": "final", "sources": ["stg_orders"],
                   "filters": [{"applies_to": "stg_orders", "predicate": "amount > 1000"}],
                   "column_mapping": [
                    {"target_column": "order_id", "type": "INT64", "from_column": "order_id", "nullable": false, "tests": ["unique"]},
                    {"target_column": "status", "type": "STRING", "from_column": "status", "tests": ["not_null"]}],
                   "constraints": {"primary_key": "order_id"}}]}
                """);
        write("ddl/orders.sql", ORDERS_DDL);
    }

    @Test
    void modelsWithoutRowsAndColumnsOfNullsPassTheirTestsAndWriteTheirHeaders() throws IOException {
        edgeSpec();
        // amount and status are NULL in every row: NULLs pass expression and accepted_values, as in dbt
        write("seeds/orders.csv", "order_id,customer_id,amount,status\n1,,,\n2,,,\n");
        Run run = run(options().withWriteRows(true));
        assertThat(run.notPassed()).as(String.join("\n", run.log().lines)).isEmpty();
        assertThat(run.result().results().total())
                .isEqualTo(4 + 1 + 4); // data tests and a unit test of stg_orders, data tests of big_orders
        assertThat(Files.readString(dir.resolve("out/rows/duckdb/stg_orders.csv")))
                .isEqualTo("order_id,amount,status\n1,,\n2,,\n");
        assertThat(Files.readString(dir.resolve("out/rows/duckdb/big_orders.csv")))
                .isEqualTo("order_id,status\n");

        // an empty seed (header only): every model is empty and still passes
        write("seeds/orders.csv", "order_id,customer_id,amount,status\n");
        run = run(options().withWriteRows(true));
        assertThat(run.notPassed()).isEmpty();
        assertThat(run.result().syntheticTables()).isEmpty();
        assertThat(run.log().lines).contains("INFO Seeds: 1 table, 0 rows from seeds");
        assertThat(Files.readString(dir.resolve("out/rows/duckdb/stg_orders.csv")))
                .isEqualTo("order_id,amount,status\n");
    }

    @Test
    void aNullOnlyFailureShowsNullInItsFailingRows() throws IOException {
        edgeSpec();
        // status is not_null in big_orders; a big order without status fails it and the sample shows NULL
        write("seeds/orders.csv", "order_id,customer_id,amount,status\n1,,5000,\n");
        Run run = run(options());
        assertThat(run.notPassed())
                .containsExactly("not_null__big_orders__status:FAILED:status is never null: 1 failing row");
        assertThat(run.log().lines).contains("ERROR   | 1        | NULL   |");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "1.5|order_id|'1.5' is not a valid INT64 (expected a whole number, e.g. 42)",
                "99999999999999999999|order_id|'99999999999999999999' is not a valid INT64 (expected a whole number between -2^63 and 2^63-1)",
                "1,,12;5,|amount|'12,5' is not a valid NUMERIC (expected a decimal number, e.g. 12.50)",
                "1,,123456789012345678901234567890,|amount|'123456789012345678901234567890' is not a valid NUMERIC",
                "1,,NaN,|amount|'NaN' is not a valid NUMERIC",
            })
    void aBadSeedValueIsLocatedAndNothingRuns(String row, String column, String message) throws IOException {
        edgeSpec();
        String line =
                row.contains(",") ? row.replace(';', ',').replaceFirst("^1,,12,5,$", "1,,\"12,5\",") : row + ",,,";
        write("seeds/orders.csv", "order_id,customer_id,amount,status\n" + line + "\n");
        Run run = run(options());
        assertThat(run.result().failed()).isTrue();
        assertThat(run.result().results()).isNull();
        assertThat(run.result().seedProblems()).hasSize(1);
        assertThat(run.result().seedProblems().get(0).format())
                .startsWith("seeds/orders.csv:2: column '" + column + "': " + message);
        assertThat(run.result().summary()).isEqualTo("1 problem in the seed files under seeds; no test ran");
        assertThat(run.log().lines).noneMatch(l -> l.contains("Exception") || l.contains("\tat "));
        assertThat(dir.resolve("out/test-reports")).doesNotExist();
    }
}
