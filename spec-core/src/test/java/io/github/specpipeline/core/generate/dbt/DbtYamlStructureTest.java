package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.specpipeline.core.generate.GenerateGoldenTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated dbt YAML keeps to the structure of dbt's published JSON schemas (dbt-labs/dbt-jsonschema,
 * {@code dbt_project-latest.json} and {@code dbt_yml_files-latest.json}): only the properties those schemas allow
 * where they allow no others, and the value types they require. (The schemas themselves are not bundled.)
 */
class DbtYamlStructureTest {
    static final YAMLMapper YAML = new YAMLMapper();

    static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shop-analytics", "hostile"})
    void yamlFollowsDbtsSchemas(String name, @TempDir Path out) throws Exception {
        Map<String, String> files = GenerateGoldenTest.generate(name, out);
        JsonNode project = YAML.readTree(files.get("dbt/dbt_project.yml"));
        assertThat(keys(project))
                .isSubsetOf(
                        "name",
                        "version",
                        "config-version",
                        "require-dbt-version",
                        "profile",
                        "model-paths",
                        "snapshot-paths",
                        "test-paths",
                        "macro-paths",
                        "models");
        assertThat(project.get("version").isTextual()).isTrue();
        assertThat(project.get("config-version").isInt()).isTrue();
        project.get("models")
                .get(DbtGenerator.PROJECT)
                .properties()
                .forEach(
                        e -> assertThat(e.getValue().get("+schema").isTextual()).isTrue());

        JsonNode sources = YAML.readTree(files.get("dbt/models/sources.yml"));
        assertThat(sources.get("version").asInt()).isEqualTo(2);
        for (JsonNode source : sources.get("sources")) {
            assertThat(keys(source)).isSubsetOf("name", "schema", "tables");
            for (JsonNode table : source.get("tables")) {
                assertThat(keys(table)).isSubsetOf("name", "columns");
                for (JsonNode column : table.path("columns")) {
                    assertThat(keys(column)).isSubsetOf("name", "data_type");
                }
            }
        }
        int schemaFiles = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getKey().startsWith("dbt/models/") || !f.getKey().endsWith("/schema.yml")) {
                continue;
            }
            schemaFiles++;
            JsonNode yml = YAML.readTree(f.getValue());
            assertThat(keys(yml)).isSubsetOf("version", "models", "unit_tests");
            assertThat(yml.get("version").isNumber()).isTrue();
            for (JsonNode model : yml.get("models")) {
                assertThat(keys(model)).isSubsetOf("name", "description", "config", "columns");
                JsonNode enforced = model.get("config").path("contract").path("enforced");
                assertThat(enforced.isMissingNode() || enforced.isBoolean()).isTrue();
                for (JsonNode column : model.path("columns")) {
                    assertThat(keys(column)).isSubsetOf("name", "quote", "description", "data_type", "data_tests");
                    assertThat(column.path("quote").isMissingNode()
                                    || column.get("quote").isBoolean())
                            .isTrue();
                    for (JsonNode test : column.path("data_tests")) {
                        if (test.isTextual()) {
                            assertThat(test.asText()).isIn("not_null", "unique");
                            continue;
                        }
                        assertThat(keys(test)).hasSize(1);
                        String kind = keys(test).get(0);
                        assertThat(kind).isIn("accepted_values", "relationships");
                        JsonNode args = test.get(kind);
                        if (kind.equals("accepted_values")) {
                            assertThat(keys(args)).isSubsetOf("values", "quote");
                            args.get("values")
                                    .forEach(v -> assertThat(v.isTextual()).isTrue());
                        } else {
                            assertThat(keys(args)).containsExactlyInAnyOrder("to", "field");
                            assertThat(args.get("to").asText()).matches("(ref|source)\\('.*'\\)");
                        }
                    }
                }
            }
            for (JsonNode unit : yml.path("unit_tests")) {
                assertThat(keys(unit))
                        .isSubsetOf("name", "description", "model", "given", "expect", "overrides")
                        .contains("name", "model", "expect");
                if (unit.has("overrides")) {
                    // dbt's unit-test overrides: the generator only ever fixes is_incremental() to the first run
                    assertThat(keys(unit.get("overrides"))).containsExactly("macros");
                    assertThat(keys(unit.get("overrides").get("macros"))).containsExactly("is_incremental");
                }
                for (JsonNode given : unit.get("given")) {
                    assertThat(keys(given)).containsExactlyInAnyOrder("input", "rows");
                    assertThat(given.get("rows").isArray()).isTrue();
                    given.get("rows").forEach(r -> assertThat(r.isObject()).isTrue());
                }
                assertThat(keys(unit.get("expect"))).containsExactly("rows");
            }
        }
        assertThat(schemaFiles).isEqualTo(2);
        assertThat(files)
                .containsKey(
                        "dbt/snapshots/" + (name.equals("hostile") ? "history" : "dim_customers") + "_history.sql");
    }
}
