package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid but odd variants of the hostile and example specs generate every target without an exception (issue 17:
 * the fuzzer's crash families): no tests or empty test lists, every test declared twice, no column types at all,
 * no descriptions, and a leaf model named like a folder or file of a target ({@code tests}, {@code schema},
 * {@code sources}, {@code a__b}, another model's dbt snapshot name).
 */
class OddSpecsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static void columns(JsonNode spec, Consumer<ObjectNode> f) {
        for (JsonNode m : spec.get("models")) {
            for (String list : new String[] {"column_mapping", "aggregations"}) {
                if (m.has(list)) {
                    m.get(list).forEach(c -> f.accept((ObjectNode) c));
                }
            }
        }
    }

    static void mutate(String mutation, JsonNode spec) {
        switch (mutation) {
            case "empty tests" -> columns(spec, c -> c.set("tests", JSON.createArrayNode()));
            case "no tests" -> columns(spec, c -> c.remove("tests"));
            case "tests twice" ->
                columns(spec, c -> {
                    if (c.has("tests")) {
                        ((ArrayNode) c.get("tests"))
                                .addAll((ArrayNode) c.get("tests").deepCopy());
                    }
                });
            case "no types" -> columns(spec, c -> c.remove("type"));
            case "no descriptions" -> {
                ((ObjectNode) spec).remove("description");
                spec.get("models").forEach(m -> ((ObjectNode) m).remove("description"));
                columns(spec, c -> c.remove("description"));
            }
            default -> throw new IllegalArgumentException(mutation);
        }
    }

    @Test
    void aDbtSnapshotIsNotNamedLikeAModel(@TempDir Path work) throws IOException {
        // the SCD2 model dim_customers gets the snapshot dim_customers_history, which dbt would refuse next to a model
        // of that name ("two resources with the name"): the snapshot takes the next free name
        Path dir = GenerateGoldenTest.ROOT.resolve("shop-analytics");
        Files.writeString(
                work.resolve("spec.json"),
                Files.readString(dir.resolve("spec.json")).replaceAll("\\bfact_orders\\b", "dim_customers_history"));
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        new SpecInput(work.resolve("spec.json"), dir.resolve("source_ddl"), work),
                        work.resolve("out"),
                        EnumSet.of(Target.DBT)),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary()).isFalse();
        Path dbt = work.resolve("out/dbt");
        assertThat(dbt.resolve("models/final/dim_customers_history.sql")).isRegularFile();
        assertThat(dbt.resolve("snapshots/dim_customers_history.sql")).doesNotExist();
        assertThat(Files.readString(dbt.resolve("snapshots/dim_customers_history_2.sql")))
                .contains("{% snapshot dim_customers_history_2 %}");
        assertThat(Files.readString(dbt.resolve("models/final/dim_customers.sql")))
                .contains("FROM {{ ref('dim_customers_history_2') }}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "hostile: empty tests",
                "hostile: no tests",
                "hostile: tests twice",
                "hostile: no types",
                "hostile: no descriptions",
                "shop-analytics: empty tests",
                "shop-analytics: tests twice",
                "shop-analytics: no types",
                "shop-analytics: rename dim_customers tests",
                "shop-analytics: rename dim_customers schema",
                "shop-analytics: rename dim_customers sources",
                "shop-analytics: rename dim_customers a__b",
                "shop-analytics: rename fact_orders dim_customers_history"
            })
    void generatesEveryTarget(String variant, @TempDir Path work) throws IOException {
        String name = variant.substring(0, variant.indexOf(':'));
        String mutation = variant.substring(variant.indexOf(':') + 2);
        Path dir = GenerateGoldenTest.ROOT.resolve(name);
        String text = Files.readString(dir.resolve("spec.json"));
        if (mutation.startsWith("rename ")) {
            String[] parts = mutation.split(" ");
            text = text.replaceAll("\\b" + parts[1] + "\\b", parts[2]);
        } else {
            JsonNode spec = JSON.readTree(text);
            mutate(mutation, spec);
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
        }
        Files.writeString(work.resolve("spec.json"), text);
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        new SpecInput(work.resolve("spec.json"), dir.resolve("source_ddl"), work),
                        work.resolve("out"),
                        EnumSet.allOf(Target.class)),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        assertThat(r.files()).containsOnlyKeys(EnumSet.allOf(Target.class));
    }
}
