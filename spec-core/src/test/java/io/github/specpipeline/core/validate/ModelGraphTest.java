package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SchemaNames;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.Spec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelGraphTest {
    static Model model(int index, String name, String... sources) {
        List<SourceRef> refs = new ArrayList<>();
        for (String s : sources) {
            refs.add(SourceRef.parse(s));
        }
        return new Model(
                index,
                name,
                Layer.STAGING,
                null,
                null,
                List.of(),
                null,
                refs,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Constraints.NONE,
                List.of());
    }

    @Test
    void ordersUpstreamFirstAndKeepsSpecOrderOtherwise() {
        Spec spec = new Spec(
                "1",
                SchemaNames.DEFAULT,
                List.of(model(0, "fct", "b", "a"), model(1, "a", "raw.x"), model(2, "b", "a"), model(3, "c", "raw.y")));
        ModelGraph graph = new ModelGraph(spec);
        assertThat(graph.order()).extracting(Model::name).containsExactly("a", "b", "fct", "c");
        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.downstream("a")).containsExactly("b", "fct");
        assertThat(graph.ancestors("fct")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void reportsEachCycleAsAClosedPathAndStillOrdersEveryModelOnce() {
        Spec spec = new Spec(
                "1",
                SchemaNames.DEFAULT,
                List.of(model(0, "a", "c"), model(1, "b", "a"), model(2, "c", "b"), model(3, "d", "d")));
        ModelGraph graph = new ModelGraph(spec);
        assertThat(graph.cycles()).containsExactly(List.of("a", "c", "b", "a"), List.of("d", "d"));
        assertThat(graph.order()).extracting(Model::name).containsExactlyInAnyOrder("a", "b", "c", "d");
    }
}
