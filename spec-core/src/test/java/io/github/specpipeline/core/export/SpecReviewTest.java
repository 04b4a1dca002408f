package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.SpecReview.ColumnKind;
import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.SpecReview.SourceColumnRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecReviewTest {
    private static final SpecReview EXAMPLE = ExportFixtures.review(ExportFixtures.example());

    private static ColumnRow column(String model, String column) {
        return EXAMPLE.model(model).orElseThrow().columns().stream()
                .filter(c -> c.name().equals(column))
                .findFirst()
                .orElseThrow(() -> new AssertionError(model + "." + column));
    }

    private static SourceColumnRef ref(String table, String column) {
        return new SourceColumnRef(table, column);
    }

    @Test
    void modelsAreInSpecOrderWithTheirPlaceInThePipeline() {
        assertThat(EXAMPLE.models())
                .extracting(ModelReview::name)
                .containsExactly(
                        "stg_customers",
                        "stg_orders",
                        "stg_web_activity",
                        "fact_orders",
                        "fact_customer_value",
                        "dim_customers");
        ModelReview orders = EXAMPLE.model("stg_orders").orElseThrow();
        assertThat(orders.sources()).containsExactly("raw.shop_orders", "raw.shop_order_lines", "raw.fx_rates");
        assertThat(orders.downstream()).containsExactly("fact_customer_value", "fact_orders");
        assertThat(EXAMPLE.model("fact_orders").orElseThrow().upstream())
                .containsExactly("stg_orders", "stg_customers");
        // SP403, the layout finding (SP218), the NUMERIC quotient of discount_rate on DuckDB (SP241) and Spark
        // (SP244) and the incremental filter on order_date (SP410) of stg_orders; the view stg_web_activity is
        // clustered (SP218) and rounds two FLOAT64s (SP245)
        assertThat(orders.status()).isEqualTo("5 warnings");
        assertThat(EXAMPLE.model("stg_web_activity").orElseThrow().status()).isEqualTo("3 warnings");
    }

    @Test
    void aMappedColumnWithoutTransformReadsItsFromColumn() {
        assertThat(column("stg_orders", "order_id").lineage()).containsExactly(ref("shop_orders", "order_id"));
        assertThat(column("stg_orders", "order_id").transform()).isNull();
        assertThat(column("stg_orders", "order_id").nullable()).isEqualTo("No");
    }

    @Test
    void aTransformReadsItsFromColumnAndEveryOtherColumnItNames() {
        assertThat(column("stg_orders", "amount_usd").lineage())
                .containsExactly(ref("shop_orders", "total_amount"), ref("fx_rates", "rate_to_usd"));
        assertThat(column("stg_orders", "gross_amount").lineage())
                .containsExactly(ref("shop_order_lines", "quantity"), ref("shop_order_lines", "unit_price"));
        assertThat(column("fact_orders", "days_since_signup").lineage())
                .containsExactly(ref("stg_orders", "order_date"), ref("stg_customers", "signup_date"));
    }

    @Test
    void unqualifiedColumnsOfAFormulaAreFoundInTheSourceThatHasThem() {
        assertThat(column("fact_customer_value", "total_sessions").lineage())
                .containsExactly(ref("stg_web_activity", "session_count"));
        assertThat(column("fact_customer_value", "order_count").lineage())
                .containsExactly(ref("stg_orders", "order_id"));
        assertThat(column("stg_web_activity", "session_count").lineage()).isEmpty();
        assertThat(column("stg_web_activity", "first_session_at").lineage())
                .containsExactly(ref("web_sessions", "started_at"));
        assertThat(column("stg_web_activity", "first_session_at").kind()).isEqualTo(ColumnKind.METRIC);
    }

    @Test
    void aMetricsFromTableIsTheSourceItReadsAndAnImpliedFromTableIsShown() {
        assertThat(column("stg_web_activity", "first_session_at").sourceTable()).isEqualTo("web_sessions");
        assertThat(column("stg_web_activity", "session_count").sourceTable())
                .as("COUNT(*) of the only source")
                .isEqualTo("web_sessions");
        assertThat(column("fact_customer_value", "total_sessions").sourceTable())
                .isEqualTo("stg_web_activity");
        assertThat(column("fact_customer_value", "order_count").sourceTable()).isEqualTo("stg_orders");
        assertThat(EXAMPLE.models())
                .flatExtracting(ModelReview::columns)
                .extracting(ColumnRow::sourceTable)
                .doesNotContain("AGGREGATION");
        assertThat(EXAMPLE.models())
                .flatExtracting(ModelReview::columns)
                .filteredOn(c -> c.kind() == ColumnKind.MAPPED && c.sourceColumn() != null)
                .allSatisfy(c -> assertThat(c.sourceTable()).as(c.name()).isNotBlank());
    }

    @Test
    void aFilterSaysWhatItAppliesToInTheSameWordsEverywhere() {
        ModelReview customers = EXAMPLE.model("stg_customers").orElseThrow();
        assertThat(customers.model().filters())
                .extracting(f -> SpecReview.filterScope(customers.model(), f))
                .containsExactly("shop_addresses (before joining)");
    }

    @Test
    void anScd2PassThroughModelListsItsSourceColumnsThenTheValidityColumns() {
        List<ColumnRow> dim = EXAMPLE.model("dim_customers").orElseThrow().columns();
        List<ColumnRow> stg = EXAMPLE.model("stg_customers").orElseThrow().columns();
        assertThat(dim).hasSize(stg.size() + 3);
        assertThat(dim.get(0).kind()).isEqualTo(ColumnKind.PASS_THROUGH);
        assertThat(dim.get(0).lineage())
                .containsExactly(ref("stg_customers", stg.get(0).name()));
        assertThat(dim.subList(stg.size(), dim.size()))
                .extracting(ColumnRow::kind)
                .containsOnly(ColumnKind.SCD2);
    }

    @Test
    void testsAreListedPerColumnWithTheirTextAndUnitTestsByName() {
        ModelReview customers = EXAMPLE.model("stg_customers").orElseThrow();
        assertThat(customers.tests()).anySatisfy(t -> {
            assertThat(t.column()).isEqualTo("customer_id");
            assertThat(t.testType()).isEqualTo("unique");
        });
        assertThat(customers.tests())
                .anySatisfy(t -> assertThat(t.testType())
                        .isEqualTo("accepted_values('web', 'app', 'store', 'referral', 'unknown')"));
        assertThat(customers.tests())
                .as("accepted_values(...) with the values of its CASE")
                .anySatisfy(t -> assertThat(t.testType())
                        .isEqualTo("accepted_values('active', 'dormant', 'churned', 'unknown', 'prospect')"));
        assertThat(column("stg_customers", "customer_id").tests()).isEqualTo("not_null, unique");
        assertThat(column("stg_orders", "discount_rate").tests()).doesNotContain("not_null");
        assertThat(customers.tests()).anySatisfy(t -> {
            assertThat(t.column()).isEmpty();
            assertThat(t.testType()).isEqualTo("unit_test(billing_address_and_contact_normalisation)");
        });
    }

    @Test
    void invalidAndDuplicateModelNamesGetSafeUniqueKeys() {
        SpecReview hostile = ExportFixtures.review(ExportFixtures.hostile());
        assertThat(hostile.models())
                .extracting(ModelReview::key)
                .containsExactly(
                        "end",
                        "Overview",
                        "History",
                        "a_model_name_that_is_longer_than_thirty_one_characters_one",
                        "a_model_name_that_is_longer_than_thirty_one_characters_two",
                        "model_5",
                        "model_6",
                        "dup",
                        "DUP_2");
        assertThat(hostile.models()).allSatisfy(m -> assertThat(m.key()).matches("[A-Za-z0-9_]+"));
        assertThat(hostile.models().get(5).displayName()).isEqualTo("../../../etc/passwd");
        assertThat(hostile.models().get(5).errors()).isEqualTo(1);
    }

    @Test
    void findingsBelongToTheirModelByTheIndexInTheSpecEvenWhenAnEarlierEntryWasDropped(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        String model = "{\"name\": \"%s\", \"layer\": \"staging\", \"sources\": [\"raw.t\"], \"column_mapping\": ["
                + "{\"target_column\": \"id\", \"type\": \"%s\", \"from_table\": \"t\", \"from_column\": \"id\"}]}";
        java.nio.file.Path spec = dir.resolve("spec.json");
        java.nio.file.Files.writeString(
                spec,
                "{\"models\": [42, " + model.formatted("stg_a", "INT64") + ", " + model.formatted("stg_b", "NOT_A_TYPE")
                        + "]}");
        SpecReview review = ExportFixtures.review(new io.github.specpipeline.core.task.SpecInput(spec, null, dir));
        assertThat(review.models()).extracting(ModelReview::name).containsExactly("stg_a", "stg_b");
        List<io.github.specpipeline.core.diag.Diagnostic> typeErrors = review.diagnostics().stream()
                .filter(d -> d.pointer().startsWith("/models/2/"))
                .toList();
        assertThat(typeErrors).isNotEmpty();
        for (io.github.specpipeline.core.diag.Diagnostic d : typeErrors) {
            assertThat(review.modelOf(d)).map(ModelReview::name).contains("stg_b");
        }
        assertThat(review.model("stg_a").orElseThrow().status()).isEqualTo("OK");
        assertThat(review.model("stg_b").orElseThrow().errors()).isPositive();
    }
}
