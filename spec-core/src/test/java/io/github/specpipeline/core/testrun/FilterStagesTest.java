package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filters by what they contain (issue 14), executed: the {@code filter-stages} spec's window filters (QUALIFY, on a
 * model and on one source before a join) and aggregate filter (HAVING) built on DuckDB and on GoogleSQL from the same
 * seeds. Each engine's rows equal rows worked out by hand from the seeds, its unit tests (hand-written expected rows)
 * pass, and {@code compareEngines} finds no difference.
 */
class FilterStagesTest {
    static final Path SPEC = Path.of("src/test/resources/generate/filter-stages");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The seeds' rows as each model must hold them, in any order. Worked out by hand: customers 1 and 3 have several
     * versions (the latest is kept); order 17's customer 4 has no row (kept by the LEFT JOIN, email NULL); customers 1
     * and 3 have two paid orders each (2 has one, 4 has one); the largest order of customer 1 is the cancelled 12.
     */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "stg_customers",
            List.of(
                    "customer_id,email,updated_at",
                    "1,new1@example.com,2024-03-01 00:00:00+00",
                    "2,only2@example.com,2024-02-01 00:00:00+00",
                    "3,new3@example.com,2024-04-15 00:00:00+00"),
            "stg_orders",
            List.of(
                    "order_id,customer_id,amount,status,email",
                    "10,1,20.5,paid,new1@example.com",
                    "11,1,30,paid,new1@example.com",
                    "12,1,99,cancelled,new1@example.com",
                    "13,2,15,paid,only2@example.com",
                    "14,3,40,paid,new3@example.com",
                    "15,3,60,paid,new3@example.com",
                    "16,3,5,cancelled,new3@example.com",
                    "17,4,70,paid,"),
            "fact_repeat_customers",
            List.of("customer_id,paid_orders,paid_amount", "1,2,50.5", "3,2,100"),
            "fact_top_order",
            List.of("customer_id,order_id,amount", "1,12,99", "2,13,15", "3,15,60", "4,17,70"));

    @TempDir
    Path dir;

    private TestTask.Options options() {
        return new TestTask.Options(
                        new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), dir),
                        SPEC.resolve("seeds"),
                        dir.resolve("target"),
                        false)
                .withRunAt(RUN_AT)
                .withWriteRows(true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "bigquery"})
    void rowsEqualTheHandCheckedRowsAndUnitTestsPass(String engine) throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options().withEngine(engine), log);
        assertThat(r.failed()).as(r.summary() + "\n" + log.lines).isFalse();
        assertThat(r.results().count(TestResults.Status.PASSED))
                .isEqualTo(r.results().total());
        String unitTests = Files.readString(
                        dir.resolve("target/test-reports/TEST-staging.stg_customers.xml"), StandardCharsets.UTF_8)
                + Files.readString(
                        dir.resolve("target/test-reports/TEST-analytics.fact_repeat_customers.xml"),
                        StandardCharsets.UTF_8);
        assertThat(unitTests)
                .contains("latest_version_per_customer", "two_paid_orders_make_a_repeat_customer")
                .doesNotContain("<failure");
        for (Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
            Path csv = dir.resolve("target/rows/" + engine + "/" + e.getKey() + ".csv");
            List<String> lines =
                    Arrays.asList(Files.readString(csv, StandardCharsets.UTF_8).split("\n"));
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue().get(0));
            assertThat(lines.subList(1, lines.size()))
                    .as(engine + " rows of " + e.getKey())
                    .containsExactlyInAnyOrderElementsOf(
                            e.getValue().subList(1, e.getValue().size()));
        }
    }

    /** The seeds of {@code named-expressions}, expanded by hand: contact 2's phone has no digit, so it is dropped. */
    static final List<String> CONTACTS = List.of(
            "contact_id,email,email_domain,phone_digits,phone_last4,score_doubled,score_nested",
            "1,ann@example.com,example.com,4155550132,0132,10,8",
            "3,bob@x.org,x.org,12125550147,0147,2,0");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "bigquery"})
    void namedExpressionsExpandAlikeOnBothEngines(String engine) throws Exception {
        Path spec = Path.of("src/test/resources/generate/named-expressions");
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(
                new TestTask.Options(
                                new SpecInput(spec.resolve("spec.json"), spec.resolve("source_ddl"), dir),
                                spec.resolve("seeds"),
                                dir.resolve("target"),
                                false)
                        .withRunAt(RUN_AT)
                        .withWriteRows(true)
                        .withEngine(engine),
                log);
        assertThat(r.failed()).as(r.summary() + "\n" + log.lines).isFalse();
        assertThat(r.results().count(TestResults.Status.PASSED))
                .isEqualTo(r.results().total());
        List<String> lines = Arrays.asList(
                Files.readString(dir.resolve("target/rows/" + engine + "/stg_contacts.csv"), StandardCharsets.UTF_8)
                        .split("\n"));
        assertThat(lines.get(0)).isEqualTo(CONTACTS.get(0));
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(CONTACTS.subList(1, 3));
    }

    @org.junit.jupiter.api.Test
    void duckDbAndGoogleSqlAgree() throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options().withCompareEngines("duckdb,bigquery"), log);
        assertThat(r.failed()).as(r.summary() + "\n" + log.lines).isFalse();
    }
}
