package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.mermaid.Diagram;
import io.github.specpipeline.core.export.mermaid.MermaidRenderer;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagrams of specs too big for one Mermaid diagram are split into parts that each render with Mermaid's defaults. */
class MermaidLimitsTest {
    @TempDir
    Path tmp;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern EDGE =
            Pattern.compile("^\\s*(\\w+) -->(?:\\|\"[^\"]*\"\\|)? (\\w+)$", Pattern.MULTILINE);

    private SpecReview review(Consumer<ArrayNode> models, String ddl) throws IOException {
        ObjectNode root = F.objectNode();
        ObjectNode schema = root.putObject("schema");
        schema.put("raw_schema", "raw");
        schema.put("staging_schema", "staging");
        schema.put("final_schema", "analytics");
        models.accept(root.putArray("models"));
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, new ObjectMapper().writeValueAsString(root));
        Path ddlDir = tmp.resolve("ddl");
        Files.createDirectories(ddlDir);
        Files.writeString(ddlDir.resolve("t.sql"), ddl);
        return ExportFixtures.review(new SpecInput(spec, ddlDir, tmp));
    }

    private static void within(List<Diagram> diagrams) {
        for (Diagram d : diagrams) {
            HostileExportTest.assertDiagramIsSafe(d.name(), d.text());
            assertThat(d.text().length()).as(d.name()).isLessThanOrEqualTo(MermaidRenderer.MAX_CHARS);
            assertThat(d.edges()).as(d.name()).isLessThanOrEqualTo(MermaidRenderer.MAX_EDGES);
        }
    }

    private static ObjectNode column(ArrayNode mapping, String target, String table, String column) {
        ObjectNode c = mapping.addObject();
        c.put("target_column", target);
        c.put("type", "STRING");
        c.put("from_table", table);
        c.put("from_column", column);
        return c;
    }

    @Test
    void aPipelineOfThousandsOfModelsIsSplitByLayerAndSizeAndShowsEveryEdgeOnce() throws IOException {
        int n = 1_500;
        SpecReview r = review(
                models -> {
                    for (int i = 0; i < n; i++) {
                        ObjectNode m = models.addObject();
                        m.put("name", (i < n / 2 ? "stg_" : "fct_") + i);
                        m.put("layer", i < n / 2 ? "staging" : "final");
                        ArrayNode sources = m.putArray("sources");
                        if (i < n / 2) {
                            sources.add("raw.t");
                        } else {
                            sources.add("stg_" + (i - n / 2));
                            sources.add("stg_" + ((i * 7) % (n / 2)));
                        }
                        column(m.putArray("column_mapping"), "id", i < n / 2 ? "t" : "stg_" + (i - n / 2), "id");
                    }
                },
                "CREATE TABLE raw.t (id STRING);\n");
        List<Diagram> pipeline = MermaidRenderer.pipeline(r);
        within(pipeline);
        assertThat(pipeline.size()).isGreaterThan(3);
        assertThat(pipeline.get(0).name()).isEqualTo("pipeline.mmd");
        assertThat(pipeline.get(1).name()).isEqualTo("pipeline-2.mmd");
        assertThat(pipeline.get(0).title())
                .startsWith("Pipeline, part 1 of " + pipeline.size() + ": staging models stg_0 to stg_");
        Set<String> edges = new HashSet<>();
        int total = 0;
        for (Diagram d : pipeline) {
            Matcher m = EDGE.matcher(d.text());
            while (m.find()) {
                edges.add(m.group(1) + ">" + m.group(2));
                total++;
            }
            // a part holds models of one layer only
            assertThat(d.text().contains("[[\"fct_")
                            && d.text().contains("(\"stg_")
                            && d.text().contains("--> m_stg_"))
                    .isFalse();
        }
        int expected = 0;
        int distinct = 0;
        for (ModelReview m : r.models()) {
            expected += m.sources().size();
            distinct += new HashSet<>(m.sources()).size();
        }
        assertThat(total).isEqualTo(expected);
        assertThat(edges)
                .hasSize(distinct)
                .contains("r_t>m_stg_0", "m_stg_0>m_fct_750", "m_stg_" + (750 * 7 % 750) + ">m_fct_750");
    }

    @Test
    void aModelWithAThousandColumnsGetsItsLineageInPartsOf30() throws IOException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE raw.wide (");
        for (int c = 0; c < 1_000; c++) {
            ddl.append(c == 0 ? "" : ", ").append("c").append(c).append(" STRING");
        }
        SpecReview r = review(
                models -> {
                    ObjectNode m = models.addObject();
                    m.put("name", "wide");
                    m.put("layer", "staging");
                    m.putArray("sources").add("raw.wide");
                    ArrayNode mapping = m.putArray("column_mapping");
                    for (int c = 0; c < 1_000; c++) {
                        column(mapping, "out_" + c, "wide", "c" + c).put("description", "x".repeat(200));
                    }
                },
                ddl + ");\n");
        ModelReview wide = r.models().get(0);
        MermaidRenderer.ModelDiagrams d = MermaidRenderer.render(r).of(wide);
        within(d.lineage());
        within(d.flow());
        assertThat(d.lineage()).hasSize(34);
        assertThat(d.lineage().get(1).name()).isEqualTo("model_wide.lineage-2.mmd");
        assertThat(d.lineage().get(33).title()).isEqualTo("Column lineage of wide, part 34 of 34");
        String all = String.join("", d.lineage().stream().map(Diagram::text).toList());
        for (int c = 0; c < 1_000; c++) {
            assertThat(all).contains("c0_c" + c + " --> t_out_" + c + "\n");
        }
        String flows = String.join("", d.flow().stream().map(Diagram::text).toList());
        assertThat(flows).contains("out_999 STRING");
    }

    @Test
    void aModelWithHundredsOfSourcesAndJoinsGetsACompactFlow() throws IOException {
        int n = 700;
        StringBuilder ddl = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ddl.append("CREATE TABLE raw.s").append(i).append(" (id STRING);\n");
        }
        SpecReview r = review(
                models -> {
                    ObjectNode m = models.addObject();
                    m.put("name", "many");
                    m.put("layer", "staging");
                    ArrayNode sources = m.putArray("sources");
                    ArrayNode joins = m.putArray("joins");
                    for (int i = 0; i < n; i++) {
                        sources.add("raw.s" + i);
                        if (i > 0) {
                            ObjectNode j = joins.addObject();
                            j.put("left_table", "s0");
                            j.put("right_table", "s" + i);
                            j.put("type", "CROSS");
                        }
                    }
                    column(m.putArray("column_mapping"), "id", "s0", "id");
                },
                ddl.toString());
        List<Diagram> flow = MermaidRenderer.render(r).of(r.models().get(0)).flow();
        within(flow);
        String all = String.join("", flow.stream().map(Diagram::text).toList());
        assertThat(all)
                .contains("Sources 1 to 15 of 700")
                .contains("raw.s699")
                .contains("Joins 1 to 15 of 699")
                .contains("CROSS JOIN s699");
        List<Diagram> pipeline = MermaidRenderer.pipeline(r);
        within(pipeline);
        assertThat(pipeline).hasSizeGreaterThan(1);
    }

    @Test
    void aSmallSpecIsOneDiagramPerKind() {
        SpecReview r = ExportFixtures.review(ExportFixtures.example());
        MermaidRenderer.Diagrams d = MermaidRenderer.render(r);
        assertThat(d.pipeline()).extracting(Diagram::name).containsExactly("pipeline.mmd");
        List<String> names = new ArrayList<>();
        for (ModelReview m : r.models()) {
            d.of(m).flow().forEach(x -> names.add(x.name()));
            d.of(m).lineage().forEach(x -> names.add(x.name()));
        }
        assertThat(names).hasSize(12).contains("model_stg_orders.flow.mmd", "model_dim_customers.lineage.mmd");
    }
}
