package io.github.specpipeline.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SchemaNames;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.validate.ModelGraph;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportLayoutTest {
    static Model model(int index, String name) {
        return new Model(
                index,
                name,
                Layer.STAGING,
                null,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Constraints.NONE,
                List.of());
    }

    @Test
    void relativeLinksBetweenTheOverviewTheModelPagesAndTheAssets() {
        assertThat(ReportLayout.pageHref("spec-pipeline", "spec-pipeline/model-a"))
                .isEqualTo("spec-pipeline/model-a.html");
        assertThat(ReportLayout.pageHref("spec-pipeline/model-a", "spec-pipeline/model-b"))
                .isEqualTo("model-b.html");
        assertThat(ReportLayout.pageHref("spec-pipeline/model-a", "spec-pipeline"))
                .isEqualTo("../spec-pipeline.html");
        assertThat(ReportLayout.href("spec-pipeline", ReportLayout.MERMAID_SCRIPT))
                .isEqualTo("spec-pipeline/assets/mermaid.min.js");
        assertThat(ReportLayout.href("spec-pipeline/diagnostics", ReportLayout.MERMAID_SCRIPT))
                .isEqualTo("assets/mermaid.min.js");
        assertThat(ReportLayout.href("a/b/c", "a/x/y.html")).isEqualTo("../x/y.html");
    }

    @Test
    void aModelPageIsNamedWithTheReviewKeyOfTheModel() {
        List<Model> models =
                List.of(model(0, "stg_orders"), model(1, "../../etc/passwd"), model(2, "con"), model(3, "Stg_Orders"));
        ReportLayout layout = ReportLayout.of(review(models));
        assertThat(layout.modelPage(models.get(0))).isEqualTo("spec-pipeline/model-stg_orders");
        // not a safe file name: a made-up key; same name but for case: a distinct file on every file system
        for (Model m : models.subList(1, 4)) {
            assertThat(layout.modelPage(m))
                    .matches("spec-pipeline/model-[A-Za-z0-9_]+")
                    .isNotEqualTo("spec-pipeline/model-stg_orders");
        }
        assertThat(layout.modelPage(models.get(3)).toLowerCase())
                .isNotEqualTo(layout.modelPage(models.get(0)).toLowerCase());
    }

    static SpecReview review(List<Model> models) {
        Spec spec = new Spec("1", SchemaNames.DEFAULT, models);
        return SpecReview.of(
                new ValidatedSpec("spec.json", spec, new ModelGraph(spec), Optional.empty(), Map.of(), List.of()),
                Map.of());
    }

    @Test
    void aModelOutsideTheLayoutHasNoPage() {
        ReportLayout layout = ReportLayout.of(review(List.of(model(0, "a"))));
        assertThatThrownBy(() -> layout.modelPage(model(7, "b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
