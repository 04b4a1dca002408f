package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test goal end to end on the mini spec, with a hand-written plan in place of the generator. */
class TestTaskTest {
    @TempDir
    Path dir;

    @Test
    void cleanSeedsPassEveryTest() throws IOException {
        MiniProject.Run run = new MiniProject(dir).withCleanSeeds().run();
        assertThat(run.result().failed()).as(run.logText()).isFalse();
        assertThat(run.notPassed()).isEmpty();
        assertThat(run.result().results().total()).isEqualTo(13); // 11 data tests + 2 unit tests
        assertThat(run.result().syntheticTables()).isEmpty();
        assertThat(run.result().summary())
                .startsWith("spec-pipeline test: 13 tests, 13 passed, 0 failed, 0 errors, 0 skipped in ");
        assertThat(run.log()).contains("INFO Seeds: 2 tables, 6 rows from src/test/seeds");
        assertThat(run.log())
                .anyMatch(l -> l.matches("INFO   PASSED  staging\\.stg_customers\\s+6 tests\\s+\\d+\\.\\d{3} s"));
        assertThat(run.log())
                .anyMatch(l -> l.matches("INFO   PASSED  analytics\\.fact_orders\\s+7 tests\\s+\\d+\\.\\d{3} s"));
        assertThat(run.log()).noneMatch(l -> l.startsWith("ERROR"));
        assertThat(run.log())
                .anyMatch(l -> l.startsWith("INFO Time: ") && l.contains("build models") && l.contains("unit tests"));
        Path reports = dir.resolve("target/spec-pipeline/test-reports");
        assertThat(run.result().reports())
                .containsExactly(
                        reports.resolve("TEST-staging.stg_customers.xml"),
                        reports.resolve("TEST-analytics.fact_orders.xml"));
        assertThat(Files.readString(reports.resolve("TEST-staging.stg_customers.xml")))
                .contains("tests=\"6\" errors=\"0\" skipped=\"0\" failures=\"0\"")
                .contains(
                        "<testcase name=\"unit_test__stg_customers__normalises_email\" classname=\"staging.stg_customers\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "duplicate key|customers|2,bob@example.com,churned,2024-02-01T00:00:00Z|unique__stg_customers__customer_id,primary_key__stg_customers",
                "unexpected value|customers|4,dan@example.com,paused,|accepted_values__stg_customers__status",
                "null|customers|5,eve@example.com,,|not_null__stg_customers__status",
                "null foreign key|orders|13,,1.00,|not_null__fact_orders__customer_id",
                "orphan foreign key|orders|14,99,1.00,|relationships__fact_orders__customer_id",
                "failing expression|orders|15,2,-3.50,2024-01-01|expression__fact_orders__amount",
            })
    void aViolatingRowFailsExactlyTheTestItViolates(String what, String table, String row, String expected)
            throws IOException {
        MiniProject p = new MiniProject(dir).withCleanSeeds();
        p.seed(table, (table.equals("customers") ? MiniProject.CUSTOMERS : MiniProject.ORDERS) + row + "\n");
        MiniProject.Run run = p.run();
        assertThat(run.result().failed()).isTrue();
        assertThat(run.notPassed()).containsExactly(expected.split(","));
        assertThat(run.result().summary()).contains(expected.split(",")[0]).contains("did not pass");
        String failure = expected.split(",")[0];
        TestResults.Case c = run.test(failure);
        assertThat(c.status()).isEqualTo(TestResults.Status.FAILED);
        assertThat(c.message()).endsWith(": 1 failing row");
        assertThat(run.log())
                .contains("ERROR FAILED " + failure + " (model " + c.model()
                        + (c.column() == null ? "" : ", column " + c.column()) + ")");
        assertThat(run.logText()).contains(c.sql().strip().split("\n")[0]);
    }

    @Test
    void failingRowsAreSampledAtFiveWithTheirCount() throws IOException {
        StringBuilder orders = new StringBuilder(MiniProject.ORDERS);
        for (int i = 0; i < 8; i++) {
            orders.append(100 + i).append(",1,-").append(i + 1).append(".00,\n");
        }
        MiniProject.Run run = new MiniProject(dir)
                .withCleanSeeds()
                .seed("orders", orders.toString())
                .run();
        TestResults.Case c = run.test("expression__fact_orders__amount");
        assertThat(c.message()).isEqualTo("amount >= 0: 8 failing rows");
        assertThat(c.details())
                .startsWith(
                        "failing rows (first 5 of 8):\n| order_id | customer_id | amount | order_date | customer_email  |\n");
        assertThat(c.details().lines().count()).isEqualTo(1 + 2 + 5);
        assertThat(c.details()).contains("| 100      | 1           | -1     | NULL       | ann@example.com |");
    }

    @Test
    void aWrongUnitTestExpectationFailsWithARowDiff() throws IOException {
        MiniProject.Run run = new MiniProject(dir)
                .withCleanSeeds()
                .editSpec(s ->
                        s.replace("\"email\": \"a@x.com\", \"created_at\"", "\"email\": \"A@X.COM\", \"created_at\""))
                .run();
        assertThat(run.result().failed()).isTrue();
        assertThat(run.notPassed()).containsExactly("unit_test__stg_customers__normalises_email");
        TestResults.Case c = run.test("unit_test__stg_customers__normalises_email");
        assertThat(c.message()).isEqualTo("unit test 'normalises_email': the output differs from the expected rows");
        assertThat(c.details()).isEqualTo("""
                expected 2 rows, got 2 rows; compared columns: customer_id, email, created_at
                1 expected row is missing:
                  - {customer_id=1, email='A@X.COM', created_at='2024-01-01 10:00:00'}
                1 output row was not expected:
                  + {customer_id=1, email='a@x.com', created_at='2024-01-01T10:00:00Z'}
                closest output row for each missing row:
                  row {customer_id=1, created_at='2024-01-01 10:00:00'}: email: expected 'A@X.COM', got 'a@x.com'""");
        assertThat(run.logText())
                .contains("ERROR FAILED unit_test__stg_customers__normalises_email (model stg_customers)");
    }

    @Test
    void withoutSeedsSyntheticRowsSatisfyTheDerivableTests() throws IOException {
        MiniProject.Run run = new MiniProject(dir).run();
        assertThat(run.result().syntheticTables()).containsExactly("customers", "orders");
        assertThat(run.notPassed()).as(run.logText()).isEmpty();
        assertThat(run.log())
                .contains("INFO Seeds: 0 tables, 0 rows from src/test/seeds (not found); "
                        + "synthetic rows (20 each) for customers, orders");
    }

    @Test
    void aSeedForOneTableAndSyntheticRowsForTheOther() throws IOException {
        MiniProject.Run run =
                new MiniProject(dir).seed("customers", MiniProject.CUSTOMERS).run();
        assertThat(run.result().syntheticTables()).containsExactly("orders");
        // the orders' customer ids are drawn from the seeded customers, so the relationship holds
        assertThat(run.notPassed()).as(run.logText()).isEmpty();
    }

    @Test
    void seedProblemsAreLocatedAndNothingRuns() throws IOException {
        MiniProject p =
                new MiniProject(dir).seed("customers", """
                        customer_id,email,status,created_at
                        1,a@x.com,active,2024-01-05T11:15:00Z
                        x2,b@x.com,active,2024-13-01
                        3,c@x.com
                        ,d@x.com,active,
                        """).seed("orders", """
                        order_id,customer,amount,order_date
                        1,1,2,2024-01-01
                        """).seed("custmers", "customer_id\n1\n");
        MiniProject.Run run = p.run();
        assertThat(run.result().failed()).isTrue();
        assertThat(run.result().results()).isNull();
        assertThat(run.result().seedProblems())
                .extracting(SeedProblem::format)
                .containsExactly(
                        "src/test/seeds/custmers.csv: seed for table 'custmers', which is not a raw table of the spec; did you mean 'customers.csv'?",
                        "src/test/seeds/customers.csv:3: column 'customer_id': 'x2' is not a valid INT64 (expected a whole number, e.g. 42)",
                        "src/test/seeds/customers.csv:3: column 'created_at': '2024-13-01' is not a valid TIMESTAMP "
                                + "(expected a timestamp YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+HH:MM], e.g. 2024-06-01T10:00:00Z)",
                        "src/test/seeds/customers.csv:4: 2 values, but the header has 4 columns",
                        "src/test/seeds/customers.csv:5: column 'customer_id': empty (NULL), but the DDL declares customer_id NOT NULL",
                        "src/test/seeds/orders.csv:1: the header does not match the DDL of orders: 'customer' is not a column of orders; "
                                + "missing: customer_id (expected: order_id,customer_id,amount,order_date)");
        assertThat(run.log())
                .contains("ERROR " + run.result().seedProblems().get(1).format());
        assertThat(run.result().summary()).isEqualTo("6 problems in the seed files under src/test/seeds; no test ran");
        assertThat(dir.resolve("target/spec-pipeline/test-reports")).doesNotExist();
    }

    @Test
    void anInvalidSpecFailsLikeValidateAndRunsNothing() throws IOException {
        MiniProject.Run run = new MiniProject(dir)
                .withCleanSeeds()
                .editSpec(s -> s.replace("\"not_null\", \"unique\"", "\"not_nul\", \"unique\""))
                .run();
        assertThat(run.result().failed()).isTrue();
        assertThat(run.result().results()).isNull();
        assertThat(run.result().summary())
                .isEqualTo(
                        "spec src/main/spec/spec.json has 1 error; no test ran; see target/spec-pipeline/validation/report.json for every finding");
        assertThat(run.log())
                .anyMatch(l -> l.startsWith("ERROR src/main/spec/spec.json:")
                        && l.contains("error[SP210] unknown test 'not_nul'"));
    }

    @Test
    void aModelThatDoesNotBuildIsAnErrorAndItsTestsAndDownstreamModelsAreSkipped() throws IOException {
        MiniProject p = new MiniProject(dir).withCleanSeeds();
        DuckDbPlanner broken = new DuckDbPlanner() {
            public DuckDbPlan plan(ValidatedSpec spec) {
                DuckDbPlan plan = new MiniPlanner().plan(spec);
                List<DuckDbPlan.ModelBuild> models = new java.util.ArrayList<>(plan.models());
                models.set(
                        0,
                        new DuckDbPlan.ModelBuild(
                                "stg_customers",
                                MiniPlanner.CUSTOMERS,
                                List.of("CREATE OR REPLACE TABLE " + MiniPlanner.CUSTOMERS
                                        + " AS SELECT no_such_column FROM raw.customers")));
                List<io.github.specpipeline.core.plan.DataTestQuery> tests = new java.util.ArrayList<>(plan.tests());
                return new DuckDbPlan(plan.setupStatements(), plan.rawTables(), models, tests);
            }

            public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
                return new MiniPlanner().modelSelect(spec, model, inputs);
            }
        };
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(p.options(), broken, log);
        assertThat(r.failed()).isTrue();
        TestResults.Suite stg = r.results().suites().get(0);
        assertThat(stg.buildError())
                .startsWith(
                        "model 'stg_customers' could not be built: Binder Error: Referenced column \"no_such_column\" not found");
        assertThat(stg.cases().get(0).name()).isEqualTo("build__stg_customers");
        assertThat(stg.cases().get(0).status()).isEqualTo(TestResults.Status.ERROR);
        assertThat(stg.cases().get(0).sql()).contains("no_such_column");
        assertThat(stg.cases().subList(1, 6)).allMatch(c -> c.status() == TestResults.Status.SKIPPED);
        // unit tests do not need the built tables
        assertThat(stg.cases().get(6).status()).isEqualTo(TestResults.Status.PASSED);
        TestResults.Suite fact = r.results().suites().get(1);
        assertThat(fact.cases().get(0).status()).isEqualTo(TestResults.Status.SKIPPED);
        assertThat(fact.cases().get(0).message())
                .isEqualTo("not built: upstream model 'stg_customers' could not be built");
        assertThat(r.summary())
                .startsWith("1 of 15 spec tests did not pass: build__stg_customers (2 models not built)");
        assertThat(log.lines)
                .anyMatch(l -> l.matches("INFO   ERROR   staging\\.stg_customers\\s+1 of 7 failed, 5 skipped.*"));
    }

    @Test
    void aTestQueryThatFailsIsAnError() throws IOException {
        MiniProject p = new MiniProject(dir).withCleanSeeds();
        DuckDbPlanner bad = new DuckDbPlanner() {
            public DuckDbPlan plan(ValidatedSpec spec) {
                DuckDbPlan plan = new MiniPlanner().plan(spec);
                List<io.github.specpipeline.core.plan.DataTestQuery> tests = new java.util.ArrayList<>(plan.tests());
                var t = tests.get(0);
                tests.set(
                        0,
                        new io.github.specpipeline.core.plan.DataTestQuery(
                                t.id(),
                                t.model(),
                                t.column(),
                                t.kind(),
                                t.description(),
                                t.pointer(),
                                "SELECT * FROM nowhere"));
                return new DuckDbPlan(plan.setupStatements(), plan.rawTables(), plan.models(), tests);
            }

            public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
                return new MiniPlanner().modelSelect(spec, model, inputs);
            }
        };
        TestTask.Result r = TestTask.run(p.options(), bad, new RecordingLog());
        TestResults.Case c = r.results().suites().get(0).cases().get(0);
        assertThat(c.status()).isEqualTo(TestResults.Status.ERROR);
        assertThat(c.message())
                .startsWith("the test query failed: Catalog Error: Table with name nowhere does not exist");
        // the next test still runs on the same session
        assertThat(r.results().suites().get(0).cases().get(1).status()).isEqualTo(TestResults.Status.PASSED);
        assertThat(r.failed()).isTrue();
    }

    @Test
    void failIfNoTestsFailsASpecWithoutTests() throws IOException {
        MiniProject p = new MiniProject(dir).withCleanSeeds();
        p.write("src/main/spec/spec.json", """
                {"schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
                 "models": [{"name": "stg_customers", "layer": "staging", "sources": ["raw.customers"],
                   "column_mapping": [{"target_column": "customer_id", "type": "INT64", "from_table": "customers",
                                       "from_column": "customer_id", "transform": null, "nullable": true, "tests": []}]}]}
                """);
        RecordingLog log = new RecordingLog();
        TestTask.Options o = p.options();
        TestTask.Result lenient = TestTask.run(o, new NoTestsPlanner(), log);
        assertThat(lenient.load().diagnostics()).noneMatch(d -> d.isError());
        assertThat(lenient.failed()).as(lenient.summary()).isFalse();
        assertThat(lenient.results().total()).isZero();
        assertThat(log.lines)
                .contains("WARN The spec declares no data test and no unit test; the models were built on DuckDB only");
        TestTask.Result strict = TestTask.run(
                new TestTask.Options(o.input(), o.seeds(), o.outputDirectory(), true), new NoTestsPlanner(), log);
        assertThat(strict.failed()).isTrue();
        assertThat(strict.summary())
                .isEqualTo("the spec declares no data test and no unit test (failIfNoTests is set)");
    }

    /** A plan for a one-model spec without tests. */
    static final class NoTestsPlanner implements DuckDbPlanner {
        public DuckDbPlan plan(ValidatedSpec spec) {
            return new DuckDbPlan(
                    List.of("CREATE SCHEMA raw", "CREATE SCHEMA staging"),
                    Map.of("customers", "raw.customers", "orders", "raw.orders"),
                    List.of(new DuckDbPlan.ModelBuild(
                            "stg_customers",
                            "staging.stg_customers",
                            List.of("CREATE TABLE staging.stg_customers AS SELECT customer_id FROM raw.customers"))),
                    List.of());
        }

        public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
            return "SELECT customer_id FROM " + inputs.get("raw.customers");
        }
    }
}
