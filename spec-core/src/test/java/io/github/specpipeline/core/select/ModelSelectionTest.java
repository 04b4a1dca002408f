package io.github.specpipeline.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dbt's selection grammar on the example (stg_customers, stg_orders, stg_web_activity -> fact_orders (stg_orders,
 * stg_customers), fact_customer_value (stg_orders, stg_web_activity), dim_customers (stg_customers)).
 */
class ModelSelectionTest {
    static ValidatedSpec spec;

    @BeforeAll
    static void load() {
        Path dir = Path.of("src/test/resources/generate/shop-analytics");
        spec = SpecLoader.load(
                        new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir).withGoogleSql(false))
                .spec()
                .orElseThrow();
    }

    static List<String> select(String text, Set<String> changed) throws SelectionException {
        return ModelSelection.select(text, spec.spec().models(), spec.graph(), () -> changed)
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "stg_orders|stg_orders",
                "stg_orders+|stg_orders fact_orders fact_customer_value",
                "+fact_orders|stg_customers stg_orders fact_orders",
                "+fact_orders+|stg_customers stg_orders fact_orders",
                "+dim_customers,stg_web_activity|stg_customers stg_web_activity dim_customers",
                "dim_customers   stg_web_activity|stg_web_activity dim_customers",
                "tag:finance|stg_orders fact_orders fact_customer_value",
                "tag:pii|stg_customers dim_customers",
                "+tag:mart|stg_customers stg_orders stg_web_activity fact_orders fact_customer_value",
                "changed|stg_customers",
                "changed+|stg_customers fact_orders dim_customers",
            })
    void selectsAsDbtDoesInSpecOrder(String text, String expected) throws SelectionException {
        assertThat(select(text, Set.of("stg_customers"))).containsExactly(expected.split(" "));
    }

    @Test
    void blankSelectsEveryModel() throws SelectionException {
        assertThat(ModelSelection.select(" , ", spec.spec().models(), spec.graph(), ChangedModels.NONE))
                .isEmpty();
        assertThat(ModelSelection.select(null, spec.spec().models(), spec.graph(), ChangedModels.NONE))
                .isEmpty();
    }

    @Test
    void nothingChangedSelectsNothing() throws SelectionException {
        assertThat(select("changed+", Set.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "stg_ordrs|1|no model 'stg_ordrs' (did you mean 'stg_orders'?)",
                "stg_orders,+fact_ordes+|12|no model 'fact_ordes' (did you mean 'fact_orders'?)",
                "tag:financ|1|no model has tag 'financ' (did you mean 'finance'?)",
                "zzzzzzzz|1|no model 'zzzzzzzz'",
                "a++|1|'a++' is not a selector",
                "tag:|1|'tag:' names no tag",
                "+changed|1|+changed is not offered",
                "path:models/x|1|uses a selection method this plugin does not have",
            })
    void badSelectionsAreClearErrorsAtTheirColumn(String text, int column, String message) {
        assertThatThrownBy(() -> select(text, Set.of()))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SelectionException) e).column()).isEqualTo(column));
    }

    @Test
    void changedWithoutABaseSaysWhatToSet() {
        assertThatThrownBy(
                        () -> ModelSelection.select("changed+", spec.spec().models(), spec.graph(), ChangedModels.NONE))
                .hasMessageContaining("-Dspecpipeline.base=");
    }

    @Test
    void upstreamOnlyIsWhatTheSelectionReadsButDoesNotSelect() {
        assertThat(ModelSelection.upstreamOnly(
                        List.of("fact_orders", "stg_orders"), spec.spec().models(), spec.graph()))
                .containsExactly("stg_customers");
    }
}
