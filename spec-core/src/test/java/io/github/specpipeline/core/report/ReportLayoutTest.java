package io.github.specpipeline.core.report;

import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportLayoutTest {
    static Model model(int index, String name) {
        return new Model(index, name, Layer.STAGING, null, null, List.of(), null, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), Constraints.NONE, List.of());
    }

    @Test
    void relativeLinksBetweenTheOverviewTheModelPagesAndTheAssets() {
        assertThat(ReportLayout.pageHref("spec-pipeline", "spec-pipeline/model-a")).isEqualTo("spec-pipeline/model-a.html");
        assertThat(ReportLayout.pageHref("spec-pipeline/model-a", "spec-pipeline/model-b")).isEqualTo("model-b.html");
        assertThat(ReportLayout.pageHref("spec-pipeline/model-a", "spec-pipeline")).isEqualTo("../spec-pipeline.html");
        assertThat(ReportLayout.href("spec-pipeline", ReportLayout.MERMAID_SCRIPT)).isEqualTo("spec-pipeline/assets/mermaid.min.js");
        assertThat(ReportLayout.href("spec-pipeline/diagnostics", ReportLayout.MERMAID_SCRIPT)).isEqualTo("assets/mermaid.min.js");
        assertThat(ReportLayout.href("a/b/c", "a/x/y.html")).isEqualTo("../x/y.html");
    }

    @Test
    void aModelPageIsNamedAfterTheModelWhenTheNameIsASafeFileName() {
        ReportLayout layout = ReportLayout.of(List.of(model(0, "stg_orders"), model(1, "../../etc/passwd"), model(2, "con"),
                model(3, "Stg_Orders"), model(4, "stg_orders")));
        assertThat(layout.modelPage(model(0, "stg_orders"))).isEqualTo("spec-pipeline/model-stg_orders");
        assertThat(layout.modelPage(model(1, "../../etc/passwd"))).isEqualTo("spec-pipeline/model-invalid-1");
        assertThat(layout.modelPage(model(2, "con"))).isEqualTo("spec-pipeline/model-invalid-2");
        // same name but for case, or a duplicate: a distinct file on every file system
        assertThat(layout.modelPage(model(3, "Stg_Orders"))).isEqualTo("spec-pipeline/model-Stg_Orders-3");
        assertThat(layout.modelPage(model(4, "stg_orders"))).isEqualTo("spec-pipeline/model-stg_orders-4");
    }

    @Test
    void aModelOutsideTheLayoutHasNoPage() {
        ReportLayout layout = ReportLayout.of(List.of(model(0, "a")));
        assertThatThrownBy(() -> layout.modelPage(model(7, "b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
