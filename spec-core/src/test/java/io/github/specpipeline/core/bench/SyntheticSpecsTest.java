package io.github.specpipeline.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's spec generator is deterministic, has the promised shape and produces valid specs. */
class SyntheticSpecsTest {
    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSameSpecAndAnotherSeedAnotherOne() {
        SyntheticSpecs.Generated a = SyntheticSpecs.generate(40, 7L);
        assertThat(SyntheticSpecs.generate(40, 7L).specJson()).isEqualTo(a.specJson());
        assertThat(SyntheticSpecs.generate(40, 7L).ddlFiles()).isEqualTo(a.ddlFiles());
        assertThat(SyntheticSpecs.generate(40, 8L).specJson()).isNotEqualTo(a.specJson());
    }

    @Test
    void modelsHaveTenToFortyColumnsInTheReferenceFormat() throws IOException {
        SyntheticSpecs.Generated g = SyntheticSpecs.generate(60, 42L);
        JsonNode models = new ObjectMapper().readTree(g.specJson()).get("models");
        assertThat(models).hasSize(60);
        int columns = 0;
        for (JsonNode m : models) {
            int n = m.get("column_mapping").size()
                    + (m.get("aggregations").isArray() ? m.get("aggregations").size() : 0)
                    + (m.get("group_by").isArray() ? m.get("group_by").size() : 0);
            assertThat(n).as(m.get("name").asText()).isBetween(10, 40);
            assertThat(m.get("layer").asText()).isIn("staging", "final");
            assertThat(m.has("constraints")).isTrue();
            columns += n;
        }
        assertThat(columns).isEqualTo(g.columns());
    }

    @Test
    void theSpecIsValidAgainstItsDdl() {
        SyntheticSpecs.Generated g = SyntheticSpecs.generate(50, 42L);
        Path spec = g.writeTo(tmp);
        SpecLoader.Result r = SpecLoader.load(new SpecInput(spec, tmp.resolve("source_ddl"), tmp));
        assertThat(r.diagnostics()).filteredOn(d -> d.isError()).isEmpty();
        assertThat(r.spec().orElseThrow().spec().models()).hasSize(50);
    }
}
