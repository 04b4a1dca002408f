package io.github.specpipeline.core.generate.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.sql.dialect.DuckDbRules;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example project's generated DuckDB SQL, run on embedded DuckDB over its seed CSVs. The expected rows were
 * checked by hand against the seeds (see examples/shop-analytics/src/test/seeds/README.md).
 */
class DuckDbExampleTest {
    private static ValidatedSpec spec;
    private static DuckDbPlan plan;

    @BeforeAll
    static void load() {
        spec = ExampleDb.spec();
        plan = new DuckDbGenerator().plan(spec);
    }

    private static Duck built(String runAt) throws Exception {
        Duck duck = ExampleDb.seeded(spec, plan);
        duck.exec("SET VARIABLE " + DuckDbGenerator.RUN_AT_VARIABLE + " = TIMESTAMPTZ '" + runAt + "'");
        ExampleDb.build(duck, plan);
        return duck;
    }

    private static List<String> lines(String block) {
        return block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void everyModelProducesTheHandCheckedRows() throws Exception {
        try (Duck duck = built("2025-01-01 00:00:00+00")) {
            // LEFT JOIN whose right side is filtered (billing addresses only): 5 (shipping only) and 6 (none) are kept;
            // E.164 phones via REGEXP_CONTAINS/REGEXP_REPLACE; REGEXP_EXTRACT of the email domain; the CASE stage
            assertThat(duck.rows("SELECT * FROM staging.stg_customers ORDER BY customer_id"))
                    .containsExactlyElementsOf(lines("""
                1 | alice.martin@example.com | example.com | Alice Martin | +14155550132 | web | active | US | San Francisco | 94105 | true | 2024-01-05 | 2024-01-05T11:15:00Z | 2024-06-01T12:00:00Z
                2 | bob.schulz@example.de | example.de | Bob Schulz | +493012345678 | app | active | DE | Berlin | 10115 | false | 2024-01-20 | 2024-01-20T10:30:00Z | 2024-03-02T13:00:00Z
                3 | chloe.dubois@example.fr | example.fr | Chloé Dubois | +33142685300 | store | dormant | FR | Paris | 75008 | false | 2024-02-11 | 2024-02-11T12:45:00Z | 2024-02-11T12:45:00Z
                4 | dan.okafor@example.co.uk | example.co.uk | Dan Okafor | NULL | referral | churned | GB | London | SW1A 1AA | true | 2024-02-28 | 2024-02-28T14:00:00Z | 2024-06-20T12:30:00Z
                5 | eva.lindqvist@example.se | example.se | Eva Lindqvist | NULL | unknown | prospect | NULL | NULL | NULL | false | 2024-03-09 | 2024-03-09T09:50:00Z | 2024-03-09T09:50:00Z
                6 | farid.haddad@example.com | example.com | NULL | +12125550199 | unknown | unknown | NULL | NULL | NULL | false | 2024-04-17 | 2024-04-17T13:20:00Z | 2024-04-17T13:20:00Z
                7 | grace.kim@example.com | example.com | Grace Kim | +82234567890 | app | active | KR | Seoul | 04524 | true | 2024-05-02 | 2024-05-02T11:05:00Z | 2024-06-10T10:00:00Z
                8 | henry.ng@example.com | example.com | Henry Ng | +16505550100 | web | dormant | US | Palo Alto | 94301 | true | 2024-05-20 | 2024-05-20T12:10:00Z | 2024-06-22T15:40:00Z
                """));
            // implicit grouping by the plain columns; 1005 has no lines (kept, 0 lines, NULL rate); 1009 (2023)
            // filtered
            // before the join; 'eur' joins fx_rates through UPPER(TRIM(...)); SAFE_DIVIDE
            assertThat(duck.rows("SELECT * FROM staging.stg_orders ORDER BY order_id"))
                    .containsExactlyElementsOf(lines("""
                1001 | 1 | 2024-02-10 | USD | completed | 115 | 115 | 2024-02-14T09:30:00Z | 2 | 3 | 120 | 5 | 0.0417
                1002 | 1 | 2024-05-03 | USD | in_transit | 42.5 | 42.5 | 2024-05-06T11:00:00Z | 1 | 1 | 42.5 | 0 | 0
                1003 | 2 | 2024-03-15 | EUR | completed | 89.9 | 97.09 | 2024-03-19T16:45:00Z | 2 | 5 | 89.9 | 0 | 0
                1004 | 2 | 2024-06-20 | EUR | open | 35.1 | 37.91 | 2024-06-21T08:15:00Z | 1 | 5 | 40 | 4.9 | 0.1225
                1005 | 3 | 2024-04-02 | EUR | cancelled | 0 | 0 | 2024-04-03T10:00:00Z | 0 | 0 | 0 | 0 | NULL
                1006 | 4 | 2024-06-01 | GBP | cancelled | 60 | 76.2 | 2024-06-09T13:20:00Z | 1 | 1 | 60 | 0 | 0
                1007 | 4 | 2024-06-15 | GBP | open | 19.99 | 25.39 | 2024-06-15T18:05:00Z | 1 | 1 | 19.99 | 0 | 0
                1008 | 7 | 2024-06-28 | USD | unknown | 150 | 150 | 2024-06-29T07:40:00Z | 1 | 1 | 160 | 10 | 0.0625
                1010 | 1 | 2024-06-30 | USD | open | 87.5 | 87.5 | 2024-06-30T21:10:00Z | 3 | 6 | 91.5 | 4 | 0.0437
                """));
            // explicit group_by; COUNTIF; COUNT(DISTINCT REGEXP_EXTRACT(...)) ignores query strings and fragments
            assertThat(duck.rows("SELECT * FROM staging.stg_web_activity ORDER BY customer_id"))
                    .containsExactlyElementsOf(lines("""
                1 | 3 | 1 | 0.3333 | 2024-05-01T08:30:00Z | 2024-06-29T09:00:00Z | 2 | 215.8
                2 | 1 | 1 | 1.0 | 2024-06-18T12:00:00Z | 2024-06-18T12:00:00Z | 1 | 180.4
                5 | 2 | 1 | 0.5 | 2024-06-02T07:10:00Z | 2024-06-03T21:05:00Z | 2 | 326.0
                6 | 1 | 0 | 0.0 | 2024-06-10T10:00:00Z | 2024-06-10T10:00:00Z | 1 | NULL
                8 | 1 | 1 | 1.0 | 2024-06-25T16:20:00Z | 2024-06-25T16:20:00Z | 1 | 128.7
                """));
            // a filter on the model itself (cancelled orders out); DATE_DIFF in DuckDB's argument order
            assertThat(duck.rows("SELECT * FROM analytics.fact_orders ORDER BY order_id"))
                    .containsExactlyElementsOf(lines("""
                1001 | 1 | 2024-02-10 | 2024 | completed | 115 | false | US | active | 36
                1002 | 1 | 2024-05-03 | 2024 | in_transit | 42.5 | false | US | active | 119
                1003 | 2 | 2024-03-15 | 2024 | completed | 97.09 | true | DE | active | 55
                1004 | 2 | 2024-06-20 | 2024 | open | 37.91 | true | DE | active | 152
                1007 | 4 | 2024-06-15 | 2024 | open | 25.39 | true | GB | churned | 108
                1008 | 7 | 2024-06-28 | 2024 | unknown | 150 | false | KR | active | 57
                1010 | 1 | 2024-06-30 | 2024 | open | 87.5 | false | US | active | 177
                """));
            // two unjoined sources aggregated apart and FULL OUTER JOINed on customer_id: 3, 4, 7 have orders only,
            // 5, 6, 8 sessions only (their order counts are 0, other order metrics NULL)
            assertThat(duck.rows("SELECT * FROM analytics.fact_customer_value ORDER BY customer_id"))
                    .containsExactlyElementsOf(lines("""
                1 | 3 | 1 | 245 | 81.67 | 2024-02-10 | 2024-06-30 | 3 | 1 | 2024-06-29T09:00:00Z
                2 | 2 | 1 | 135 | 67.5 | 2024-03-15 | 2024-06-20 | 1 | 1 | 2024-06-18T12:00:00Z
                3 | 1 | 0 | 0 | NULL | 2024-04-02 | 2024-04-02 | NULL | NULL | NULL
                4 | 2 | 0 | 25.39 | 25.39 | 2024-06-01 | 2024-06-15 | NULL | NULL | NULL
                5 | 0 | 0 | NULL | NULL | NULL | NULL | 2 | 1 | 2024-06-03T21:05:00Z
                6 | 0 | 0 | NULL | NULL | NULL | NULL | 1 | 0 | 2024-06-10T10:00:00Z
                7 | 1 | 0 | 150 | 150 | 2024-06-28 | 2024-06-28 | NULL | NULL | NULL
                8 | 0 | 0 | NULL | NULL | NULL | NULL | 1 | 1 | 2024-06-25T16:20:00Z
                """));
            assertThat(duck.rows(
                            "SELECT customer_id, email, valid_from, valid_to, is_current FROM analytics.dim_customers"
                                    + " ORDER BY customer_id"))
                    .containsExactlyElementsOf(lines("""
                1 | alice.martin@example.com | 2025-01-01T00:00:00Z | NULL | true
                2 | bob.schulz@example.de | 2025-01-01T00:00:00Z | NULL | true
                3 | chloe.dubois@example.fr | 2025-01-01T00:00:00Z | NULL | true
                4 | dan.okafor@example.co.uk | 2025-01-01T00:00:00Z | NULL | true
                5 | eva.lindqvist@example.se | 2025-01-01T00:00:00Z | NULL | true
                6 | farid.haddad@example.com | 2025-01-01T00:00:00Z | NULL | true
                7 | grace.kim@example.com | 2025-01-01T00:00:00Z | NULL | true
                8 | henry.ng@example.com | 2025-01-01T00:00:00Z | NULL | true
                """));
            assertThat(duck.rows(
                            "SELECT * FROM analytics.dim_customers EXCEPT SELECT *, TIMESTAMPTZ '2025-01-01 00:00:00+00',"
                                    + " NULL, TRUE FROM staging.stg_customers"))
                    .isEmpty();
        }
    }

    @Test
    void everyDataTestPassesOnTheSeeds() throws Exception {
        assertThat(plan.tests()).hasSize(73);
        try (Duck duck = built("2025-01-01 00:00:00+00")) {
            for (DataTestQuery t : plan.tests()) {
                assertThat(duck.rows(t.sql())).as(t.id() + "\n" + t.sql()).isEmpty();
            }
        }
    }

    @Test
    void dataTestsFailOnBrokenData() throws Exception {
        try (Duck duck = built("2025-01-01 00:00:00+00")) {
            duck.exec("INSERT INTO staging.stg_customers SELECT * FROM staging.stg_customers WHERE customer_id = 1");
            duck.exec("UPDATE staging.stg_orders SET order_status = 'lost', amount_usd = NULL WHERE order_id = 1001");
            duck.exec("UPDATE analytics.fact_orders SET amount_usd = -1 WHERE order_id = 1002");
            duck.exec(
                    "INSERT INTO staging.stg_web_activity SELECT 99, session_count, mobile_session_count, mobile_share,"
                            + " first_session_at, last_session_at, distinct_landing_paths, avg_session_seconds FROM staging.stg_web_activity"
                            + " WHERE customer_id = 1");
            duck.exec(
                    "INSERT INTO analytics.dim_customers SELECT * REPLACE (TIMESTAMPTZ '2025-02-01 00:00:00+00' AS valid_from)"
                            + " FROM analytics.dim_customers WHERE customer_id = 2");
            Set<String> failing = new TreeSet<>();
            for (DataTestQuery t : plan.tests()) {
                if (!duck.rows(t.sql()).isEmpty()) {
                    failing.add(t.id());
                }
            }
            assertThat(failing)
                    .containsExactly(
                            "accepted_values__stg_orders__order_status",
                            "expression__fact_orders__amount_usd",
                            "not_null__stg_orders__amount_usd",
                            "primary_key__stg_customers",
                            "relationships__stg_web_activity__customer_id",
                            "scd2_no_overlap__dim_customers",
                            "scd2_one_current__dim_customers",
                            "unique__stg_customers__customer_id");
        }
    }

    @Test
    void scd2KeepsHistoryOverRuns() throws Exception {
        try (Duck duck = built("2025-01-01 00:00:00+00")) {
            // between runs: customer 3 changes email, customer 9 appears, customer 8 disappears from the source
            duck.exec("UPDATE raw.shop_customers SET email = 'chloe.new@example.fr' WHERE customer_id = 3");
            duck.exec("INSERT INTO raw.shop_customers VALUES (9, 'ivy@example.com', 'Ivy', NULL, 'web', 'active',"
                    + " TIMESTAMPTZ '2024-07-02 00:00:00+00', NULL)");
            duck.exec("DELETE FROM raw.shop_customers WHERE customer_id = 8");
            duck.exec("SET VARIABLE " + DuckDbGenerator.RUN_AT_VARIABLE + " = TIMESTAMPTZ '2025-02-01 00:00:00+00'");
            ExampleDb.build(duck, plan);
            // a third run without changes adds nothing
            duck.exec("SET VARIABLE " + DuckDbGenerator.RUN_AT_VARIABLE + " = TIMESTAMPTZ '2025-03-01 00:00:00+00'");
            ExampleDb.build(duck, plan);
            assertThat(duck.rows(
                            "SELECT customer_id, email, valid_from, valid_to, is_current FROM analytics.dim_customers"
                                    + " ORDER BY customer_id, valid_from"))
                    .containsExactlyElementsOf(lines("""
                1 | alice.martin@example.com | 2025-01-01T00:00:00Z | NULL | true
                2 | bob.schulz@example.de | 2025-01-01T00:00:00Z | NULL | true
                3 | chloe.dubois@example.fr | 2025-01-01T00:00:00Z | 2025-02-01T00:00:00Z | false
                3 | chloe.new@example.fr | 2025-02-01T00:00:00Z | NULL | true
                4 | dan.okafor@example.co.uk | 2025-01-01T00:00:00Z | NULL | true
                5 | eva.lindqvist@example.se | 2025-01-01T00:00:00Z | NULL | true
                6 | farid.haddad@example.com | 2025-01-01T00:00:00Z | NULL | true
                7 | grace.kim@example.com | 2025-01-01T00:00:00Z | NULL | true
                8 | henry.ng@example.com | 2025-01-01T00:00:00Z | NULL | true
                9 | ivy@example.com | 2025-02-01T00:00:00Z | NULL | true
                """));
            for (DataTestQuery t : plan.tests()) {
                if (t.model().equals("dim_customers")) {
                    assertThat(duck.rows(t.sql())).as(t.id()).isEmpty();
                }
            }
        }
    }

    @Test
    void scd2WithoutARunTimestampUsesTheCurrentTime() throws Exception {
        try (Duck duck = ExampleDb.seeded(spec, plan)) {
            ExampleDb.build(duck, plan);
            duck.exec("UPDATE raw.shop_customers SET status = 'closed' WHERE customer_id = 1");
            ExampleDb.build(duck, plan);
            assertThat(duck.rows("SELECT lifecycle_stage, is_current, valid_to IS NULL FROM analytics.dim_customers"
                            + " WHERE customer_id = 1 ORDER BY valid_from"))
                    .containsExactly("active | false | false", "churned | true | true");
            assertThat(
                            duck.value(
                                    "SELECT COUNT(*) FROM analytics.dim_customers a JOIN analytics.dim_customers b"
                                            + " ON a.customer_id = b.customer_id AND NOT a.is_current AND b.is_current AND a.valid_to = b.valid_from"))
                    .isEqualTo("1");
        }
    }

    /** The spec's unit tests, run as the test goal runs them: the model alone, its sources replaced by the given rows. */
    @Test
    void theSpecsUnitTestsPassThroughModelSelect() throws Exception {
        int run = 0;
        try (Duck duck = new Duck()) {
            duck.exec("SET TimeZone = 'UTC'");
            for (Model m : spec.spec().models()) {
                for (UnitTest u : m.unitTests()) {
                    Map<String, String> inputs = new LinkedHashMap<>();
                    int n = 0;
                    for (SourceRef s : m.sources()) {
                        String relation = "given_" + m.name() + "_" + (++n);
                        List<Column> columns = columnsOf(s);
                        List<Map<String, Literal>> rows = u.given().stream()
                                .filter(g -> g.input().equals(s.text()))
                                .findFirst()
                                .map(UnitTest.Input::rows)
                                .orElse(List.of());
                        duck.exec("CREATE OR REPLACE TEMP TABLE " + relation + " AS " + values(columns, rows));
                        inputs.put(s.text(), relation);
                    }
                    String select = new DuckDbGenerator().modelSelect(spec, m, inputs);
                    List<String> expectColumns = new ArrayList<>(
                            new LinkedHashSet<>(u.expect().get(0).keySet()));
                    List<Column> outputs = spec.outputColumns(m.name()).stream()
                            .filter(c -> expectColumns.contains(c.name()))
                            .toList();
                    String actual = "SELECT "
                            + String.join(
                                    ", ", outputs.stream().map(Column::name).toList()) + " FROM (" + select + ") AS a";
                    String expected = values(outputs, u.expect());
                    assertThat(duck.rows("(" + actual + ") EXCEPT ALL (" + expected + ")"))
                            .as(u.name() + " unexpected rows")
                            .isEmpty();
                    assertThat(duck.rows("(" + expected + ") EXCEPT ALL (" + actual + ")"))
                            .as(u.name() + " missing rows")
                            .isEmpty();
                    run++;
                }
            }
        }
        assertThat(run).isEqualTo(3);
    }

    private static List<Column> columnsOf(SourceRef s) {
        if (s.isQualified()) {
            return spec.sourceCatalog().orElseThrow().table(s.schema(), s.table()).orElseThrow().columns().stream()
                    .map(c -> new Column(c.name(), c.type()))
                    .toList();
        }
        return spec.outputColumns(s.table());
    }

    /** A SELECT of typed literal rows with exactly {@code columns}; an absent cell is NULL. */
    private static String values(List<Column> columns, List<Map<String, Literal>> rows) {
        List<String> selects = new ArrayList<>();
        for (Map<String, Literal> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Column c : columns) {
                Literal l = row.get(c.name());
                String value = l == null || l.isNull()
                        ? "NULL"
                        : l.kind() == Literal.Kind.STRING ? "'" + l.text().replace("'", "''") + "'" : l.text();
                cells.add("CAST(" + value + " AS " + DuckDbRules.columnType(c.type()) + ") AS " + c.name());
            }
            selects.add("SELECT " + String.join(", ", cells));
        }
        if (selects.isEmpty()) {
            List<String> cells = columns.stream()
                    .map(c -> "CAST(NULL AS " + DuckDbRules.columnType(c.type()) + ") AS " + c.name())
                    .toList();
            return "SELECT " + String.join(", ", cells) + " WHERE FALSE";
        }
        return String.join(" UNION ALL ", selects);
    }
}
