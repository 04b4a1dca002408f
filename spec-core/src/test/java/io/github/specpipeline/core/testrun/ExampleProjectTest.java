package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example project (examples/shop-analytics) through the test goal with the real DuckDB generator: its seeds
 * pass every test, and a seed row that breaks one rule fails exactly the tests that rule is checked by.
 */
class ExampleProjectTest {
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
        return dir;
    }

    private TestTask.Result run() throws IOException {
        return TestTask.run(
                new TestTask.Options(
                        new SpecInput(
                                dir.resolve("src/main/spec/spec.json"), dir.resolve("src/main/spec/source_ddl"), dir),
                        dir.resolve("src/test/seeds"),
                        dir.resolve("target"),
                        false),
                new DuckDbGenerator(),
                new RecordingLog());
    }

    private static List<String> notPassed(TestTask.Result r) {
        return r.results().suites().stream()
                .flatMap(s -> s.cases().stream())
                .filter(c -> c.status() != TestResults.Status.PASSED)
                .map(c -> c.name() + ":" + c.status())
                .toList();
    }

    @Test
    void theExampleSeedsPassEveryDataTestAndUnitTest() throws IOException {
        copyExample();
        TestTask.Result r = run();
        assertThat(notPassed(r)).isEmpty();
        assertThat(r.failed()).isFalse();
        assertThat(r.syntheticTables()).isEmpty();
        assertThat(r.results().suites())
                .extracting(TestResults.Suite::name)
                .containsExactly(
                        "staging.stg_customers",
                        "staging.stg_orders",
                        "staging.stg_web_activity",
                        "analytics.fact_orders",
                        "analytics.fact_customer_value",
                        "analytics.dim_customers");
        List<String> kinds = r.results().suites().stream()
                .flatMap(s -> s.cases().stream())
                .map(TestResults.Case::kind)
                .distinct()
                .sorted()
                .toList();
        assertThat(kinds)
                .containsExactly(
                        "accepted_values",
                        "expression",
                        "group_key_unique",
                        "not_null",
                        "primary_key",
                        "relationships",
                        "scd2_no_overlap",
                        "scd2_one_current",
                        "unique",
                        "unit_test");
        assertThat(r.results().count(TestResults.Status.PASSED))
                .isEqualTo(r.results().total());
        assertThat(r.results().suites().stream()
                        .flatMap(s -> s.cases().stream())
                        .filter(c -> c.kind().equals("unit_test")))
                .hasSize(5);
    }

    @Test
    void withoutSeedsSyntheticRowsPassEveryTestThatCanBeDerivedFromTheSpec() throws IOException {
        copyExample();
        try (Stream<Path> seeds = Files.list(dir.resolve("src/test/seeds"))) {
            for (Path p : seeds.toList()) {
                Files.delete(p);
            }
        }
        TestTask.Result r = run();
        assertThat(r.syntheticTables()).hasSize(6);
        // keys, not-null columns, accepted values, relationships and joins follow from the spec; these four
        // expressions relate amounts of different tables or dates of different models, which synthetic rows cannot know
        assertThat(notPassed(r))
                .containsExactlyInAnyOrder(
                        "expression__stg_orders__total_amount:FAILED",
                        "expression__stg_orders__discount_amount:FAILED",
                        "expression__stg_orders__discount_rate:FAILED",
                        "expression__fact_orders__days_since_signup:FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "duplicate key|shop_customers.csv|8,henry.second@example.com,Henry Two,650.555.0101,web,active,2024-03-10T12:00:00Z,"
                        + "2024-03-11T12:00:00Z|unique__stg_customers__customer_id primary_key__stg_customers "
                        + "scd2_one_current__dim_customers scd2_no_overlap__dim_customers",
                "unexpected value|shop_customers.csv|9,ivy@example.com,Ivy,,tiktok,active,2024-04-10T12:00:00Z,2024-04-11T12:00:00Z"
                        + "|accepted_values__stg_customers__signup_channel",
                "null|shop_customers.csv|10,jo@example.com,Jo,,web,active,,|not_null__stg_customers__signup_date "
                        + "not_null__stg_customers__created_at not_null__stg_customers__updated_at",
                "orphan foreign key|shop_orders.csv|1011,99,2024-07-01,USD,paid,10.00,2024-07-01T10:00:00Z;shop_order_lines.csv=1011,1,SKU-CAP,1,10.00,0.00"
                        + "|relationships__stg_orders__customer_id "
                        + "relationships__fact_orders__customer_id not_null__fact_orders__customer_lifecycle_stage",
                "failing expression|shop_orders.csv|1011,1,2024-07-01,USD,paid,10.00,2024-07-01T10:00:00Z;shop_order_lines.csv=1011,1,SKU-CAP,1,12.00,0.00"
                        + "|expression__stg_orders__total_amount",
            })
    void aSeedRowBreakingOneRuleFailsExactlyItsTests(String what, String file, String rows, String failing)
            throws IOException {
        copyExample();
        // rows: "row" for the file, then ";other.csv=row" for more files
        String[] parts = (file + "=" + rows).split(";");
        for (String part : parts) {
            String[] fr = part.split("=", 2);
            Files.writeString(
                    dir.resolve("src/test/seeds").resolve(fr[0]),
                    fr[1] + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        TestTask.Result r = run();
        assertThat(r.failed()).isTrue();
        assertThat(notPassed(r))
                .containsExactlyInAnyOrder(
                        Stream.of(failing.split(" ")).map(n -> n + ":FAILED").toArray(String[]::new));
        assertThat(r.summary()).contains(failing.split(" ")[0]);
    }

    @Test
    void aWrongUnitTestExpectationFailsThatUnitTestOnly() throws IOException {
        copyExample();
        Path spec = dir.resolve("src/main/spec/spec.json");
        String text = Files.readString(spec);
        assertThat(text).contains("\"lifetime_value_usd\": 69.5");
        Files.writeString(spec, text.replace("\"lifetime_value_usd\": 69.5", "\"lifetime_value_usd\": 70.5"));
        TestTask.Result r = run();
        assertThat(notPassed(r))
                .containsExactly("unit_test__fact_customer_value__orders_and_sessions_per_customer:FAILED");
        TestResults.Case c = r.results().suites().get(4).cases().stream()
                .filter(x -> x.kind().equals("unit_test"))
                .findFirst()
                .orElseThrow();
        assertThat(c.details())
                .contains("1 expected row is missing:")
                .contains("lifetime_value_usd: expected 70.5, got 69.5");
    }

    static final Path ROWS_GOLDEN = Path.of("src/test/resources/testing/golden/rows");

    @Test
    void writeRowsWritesEachBuiltModelsRowsAsCsv() throws IOException {
        copyExample();
        TestTask.Options o = new TestTask.Options(
                        new SpecInput(
                                dir.resolve("src/main/spec/spec.json"), dir.resolve("src/main/spec/source_ddl"), dir),
                        dir.resolve("src/test/seeds"),
                        dir.resolve("target"),
                        false)
                .withWriteRows(true);
        Files.createDirectories(dir.resolve("target/rows/duckdb"));
        Files.writeString(dir.resolve("target/rows/duckdb/dropped_model.csv"), "stale\n");
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(o, new DuckDbGenerator(), log);
        assertThat(r.failed()).isFalse();
        Path rows = dir.resolve("target/rows/duckdb");
        try (Stream<Path> files = Files.list(rows)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(
                            "dim_customers.csv",
                            "fact_customer_value.csv",
                            "fact_orders.csv",
                            "stg_customers.csv",
                            "stg_orders.csv",
                            "stg_web_activity.csv");
        }
        assertThat(log.lines).contains("INFO Model rows: target/rows/duckdb (6 CSV files)");
        // dim_customers holds the run's time (SCD2 validity), so it has no golden file
        for (String model : List.of("fact_orders", "fact_customer_value", "stg_customers")) {
            String actual = Files.readString(rows.resolve(model + ".csv"));
            Path golden = ROWS_GOLDEN.resolve(model + ".csv");
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as(model).isEqualTo(Files.readString(golden));
        }
    }
}
