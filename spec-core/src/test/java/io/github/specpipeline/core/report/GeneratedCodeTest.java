package io.github.specpipeline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.Target;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedCodeTest {
    @Test
    void aModelsFilesAreThoseNamedAfterItOutsideTestAndSourceFolders() {
        var m = ReportLayoutTest.model(0, "orders");
        Set<String> names = Set.of("orders", "orders_daily");
        assertThat(GeneratedCode.belongsTo("orders.sql", m, Target.DUCKDB, names))
                .isTrue();
        assertThat(GeneratedCode.belongsTo("definitions/final/orders.sqlx", m, Target.DATAFORM, names))
                .isTrue();
        assertThat(GeneratedCode.belongsTo("models/final/orders.sql", m, Target.DBT, names))
                .isTrue();
        assertThat(GeneratedCode.belongsTo("orders.py", m, Target.PYSPARK, names))
                .isTrue();
        assertThat(GeneratedCode.belongsTo("snapshots/orders_history.sql", m, Target.DBT, names))
                .isTrue();
        assertThat(GeneratedCode.belongsTo("tests/orders.sql", m, Target.DUCKDB, names))
                .isFalse();
        assertThat(GeneratedCode.belongsTo("definitions/assertions/orders.sqlx", m, Target.DATAFORM, names))
                .isFalse();
        assertThat(GeneratedCode.belongsTo("definitions/sources/orders.sqlx", m, Target.DATAFORM, names))
                .isFalse();
        assertThat(GeneratedCode.belongsTo("orders_daily.sql", m, Target.DUCKDB, names))
                .isFalse();
        assertThat(GeneratedCode.belongsTo("run.sql", m, Target.DUCKDB, names)).isFalse();
        // a model really named orders_history keeps its own file
        assertThat(GeneratedCode.belongsTo(
                        "snapshots/orders_history.sql", m, Target.DBT, Set.of("orders", "orders_history")))
                .isFalse();
    }

    @Test
    void languageHints() {
        assertThat(GeneratedCode.language("a/b.py")).isEqualTo("python");
        assertThat(GeneratedCode.language("schema.yml")).isEqualTo("yaml");
        assertThat(GeneratedCode.language("x.sqlx")).isEqualTo("sql");
    }
}
