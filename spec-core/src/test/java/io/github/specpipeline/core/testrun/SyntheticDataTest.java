package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    static final ValidatedSpec SPEC = SpecLoader.load(new SpecInput(
                    MiniProject.SOURCE.resolve("spec.json"),
                    MiniProject.SOURCE.resolve("source_ddl"),
                    MiniProject.SOURCE))
            .spec()
            .orElseThrow();
    static final Map<String, RawTable> TABLES = RawTable.resolve(SPEC, new MiniPlanner().plan(SPEC));

    private static Map<String, List<String[]>> generate(int rows) throws SQLException {
        return new SyntheticData(SPEC, TABLES, rows, 10).generate(Set.of("customers", "orders"), null);
    }

    private static List<String> column(List<String[]> rows, RawTable t, String column) {
        int i = t.columns().indexOf(t.column(column).orElseThrow());
        return rows.stream().map(r -> r[i]).toList();
    }

    @Test
    void theSameSpecGivesTheSameRows() throws SQLException {
        Map<String, List<String[]>> a = generate(20);
        Map<String, List<String[]>> b = generate(20);
        assertThat(a.keySet()).containsExactly("customers", "orders");
        for (String t : a.keySet()) {
            assertThat(a.get(t)).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(a.get(t).get(i)).containsExactly(b.get(t).get(i));
            }
        }
    }

    @Test
    void rowsFollowTheTestsOfTheModelsThatReadThem() throws SQLException {
        Map<String, List<String[]>> rows = generate(20);
        RawTable customers = TABLES.get("customers");
        RawTable orders = TABLES.get("orders");
        List<String> ids = column(rows.get("customers"), customers, "customer_id");
        // stg_customers.customer_id is unique and the primary key: distinct and filled
        assertThat(new HashSet<>(ids)).hasSize(20).doesNotContainNull();
        // status is not null with accepted values active, churned
        assertThat(column(rows.get("customers"), customers, "status")).containsOnly("active", "churned");
        // email has no rule: every 10th row is NULL
        List<String> emails = column(rows.get("customers"), customers, "email");
        assertThat(emails.get(9)).isNull();
        assertThat(emails.get(19)).isNull();
        assertThat(emails).filteredOn(e -> e != null).hasSize(18).allMatch(e -> e.matches("user\\d+@example\\.com"));
        // fact_orders.customer_id -> stg_customers.customer_id -> customers.customer_id
        assertThat(column(rows.get("orders"), orders, "customer_id")).isSubsetOf(ids);
        assertThat(new HashSet<>(column(rows.get("orders"), orders, "order_id")))
                .hasSize(20);
        assertThat(column(rows.get("orders"), orders, "amount"))
                .filteredOn(a -> a != null)
                .allMatch(a -> new java.math.BigDecimal(a).signum() > 0);
    }

    /**
     * The union spec (issue 14): the union model's tests and join are traced to every member, so each member's order
     * ids are distinct and do not repeat another member's (the union's {@code unique} test), and each member's
     * customer ids are ids of the joined customers.
     */
    @Test
    void aUnionsTestsAndJoinReachEveryMember() throws SQLException {
        ValidatedSpec spec = SpecLoader.load(new SpecInput(
                        UnionTest.SPEC.resolve("spec.json"), UnionTest.SPEC.resolve("source_ddl"), UnionTest.SPEC))
                .spec()
                .orElseThrow();
        Map<String, RawTable> tables = RawTable.resolve(spec, new DuckDbGenerator().plan(spec));
        Map<String, List<String[]>> rows = new SyntheticData(spec, tables, 20, 10).generate(tables.keySet(), null);
        List<String> customers = column(rows.get("customers"), tables.get("customers"), "customer_id");
        assertThat(new HashSet<>(customers)).hasSize(20).doesNotContainNull();
        List<String> orderIds = new java.util.ArrayList<>();
        for (String member : List.of("orders_eu", "orders_us")) {
            orderIds.addAll(column(rows.get(member), tables.get(member), "order_id"));
            assertThat(column(rows.get(member), tables.get(member), "customer_id"))
                    .as(member)
                    .isSubsetOf(customers);
        }
        assertThat(new HashSet<>(orderIds)).hasSize(40).doesNotContainNull();
        List<String> refundIds = new java.util.ArrayList<>();
        for (String member : List.of("refunds_eu", "refunds_us")) {
            refundIds.addAll(column(rows.get(member), tables.get(member), "refund_id"));
        }
        assertThat(new HashSet<>(refundIds)).hasSize(40).doesNotContainNull();
    }

    /**
     * The {@code union-synthetic} spec: a {@code relationships} test into a union model takes the values of every
     * member, and a referencing union column that is also unique gives each of its members its own slice of them. The
     * payments (two members of 20 rows) need 40 distinct order ids: the first orders member alone has 20.
     */
    @Test
    void aRelationshipsTestIntoAUnionTakesTheValuesOfEveryMember() throws SQLException {
        Path dir = UnionSyntheticDataTest.SPEC;
        ValidatedSpec spec = SpecLoader.load(new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir))
                .spec()
                .orElseThrow();
        Map<String, RawTable> tables = RawTable.resolve(spec, new DuckDbGenerator().plan(spec));
        Map<String, List<String[]>> rows = new SyntheticData(spec, tables, 20, 10).generate(tables.keySet(), null);
        Map<String, List<String>> orderIds = new java.util.LinkedHashMap<>();
        for (String member : List.of("orders_eu", "orders_us", "orders_apac")) {
            orderIds.put(member, column(rows.get(member), tables.get(member), "order_id"));
        }
        List<String> allOrders =
                orderIds.values().stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(allOrders)).hasSize(60);
        List<String> paid = new java.util.ArrayList<>();
        for (String member : List.of("payments_eu", "payments_us")) {
            paid.addAll(column(rows.get(member), tables.get(member), "order_id"));
        }
        assertThat(paid).doesNotHaveDuplicates().hasSize(40).isSubsetOf(allOrders);
        assertThat(paid).anyMatch(id -> !orderIds.get("orders_eu").contains(id));
        // a plain table's relationships into a union's STRING column: codes of both customer members
        List<String> codes = column(rows.get("shipments"), tables.get("shipments"), "customer_code");
        for (String member : List.of("customers_de", "customers_fr")) {
            assertThat(codes)
                    .as(member)
                    .containsAnyElementsOf(column(rows.get(member), tables.get(member), "customer_code"));
        }
        // a unique DATE column: the yearly members' days do not repeat each other's
        List<String> days = new java.util.ArrayList<>();
        for (String member : List.of("daily_2023", "daily_2024")) {
            days.addAll(column(rows.get(member), tables.get(member), "day"));
        }
        assertThat(days).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void everyValueIsValidForItsType() throws SQLException {
        for (Map.Entry<String, List<String[]>> e : generate(50).entrySet()) {
            RawTable t = TABLES.get(e.getKey());
            for (String[] row : e.getValue()) {
                for (int c = 0; c < row.length; c++) {
                    if (row[c] != null) {
                        String value = row[c];
                        RawTable.Column col = t.columns().get(c);
                        assertThat(Arrays.asList(value))
                                .as(t.name() + "." + col.name())
                                .allSatisfy(v -> {
                                    try {
                                        Values.canonical(v, col.type());
                                    } catch (ValueException ex) {
                                        throw new AssertionError(ex.getMessage());
                                    }
                                });
                    }
                }
            }
        }
    }

    @Test
    void acceptedValuesPassThroughCleaningTransformsOnly() {
        assertThat(SyntheticData.keepsValues("COALESCE(NULLIF(LOWER(TRIM({from})), ''), 'unknown')"))
                .isTrue();
        assertThat(SyntheticData.keepsValues("UPPER({from})")).isTrue();
        assertThat(SyntheticData.keepsValues("CONCAT({from}, 'x')")).isFalse();
        assertThat(SyntheticData.keepsValues("{from} * 2")).isFalse();
        assertThat(SyntheticData.survives("web", "LOWER(TRIM({from}))")).isTrue();
        assertThat(SyntheticData.survives("Web", "LOWER(TRIM({from}))")).isFalse();
        assertThat(SyntheticData.survives("EUR", "UPPER({from})")).isTrue();
        assertThat(SyntheticData.survives(" a", "TRIM({from})")).isFalse();
    }

    /** Read from the parsed fragment, not the text: operators and names inside strings and comments do not count. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = ';',
            value = {
                "COALESCE({from}, 'n/a')                 ; true",
                "LOWER({from}) -- lower-cased            ; true",
                "{from} || 'x'                           ; false",
                "-{from}                                 ; false",
                "LOWER({from}) IN ('a', 'b')             ; false",
                "CONCAT('UPPER(', {from})                ; false",
                "lower ({from})                          ; true",
                "LOWER(                                  ; false"
            })
    void whetherATransformKeepsValuesIsReadFromItsParsedFragment(String transform, boolean keeps) {
        assertThat(SyntheticData.keepsValues(transform.strip())).isEqualTo(keeps);
    }

    @Test
    void whatSurvivesIsReadFromTheFunctionsCalledNotFromTheText() {
        assertThat(SyntheticData.survives("Web", "lower ({from})")).isFalse();
        assertThat(SyntheticData.survives("Web", "COALESCE({from}, 'LOWER(')")).isTrue();
        assertThat(SyntheticData.survives(" a", "LTRIM({from})")).isFalse();
    }
}
