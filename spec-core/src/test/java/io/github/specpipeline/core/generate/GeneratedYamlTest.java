package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The YAML the generators write by hand ({@link Yaml}) read back by a real YAML parser (Jackson's, on SnakeYAML):
 * every {@code .yml}/{@code .yaml} file parses, and the strings in it are exactly those of the spec, read here from
 * the spec's JSON on its own (not through the product's model), so an escaping mistake of the emitter shows as a
 * wrong value or a parse error. dbt renders these strings with Jinja, so a string is compared after undoing the
 * Jinja escape of {@link Text#jinja}, which is what dbt shows.
 */
class GeneratedYamlTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Strings a YAML emitter must get right: indicators, plain-scalar look-alikes, breaks and invisible chars. */
    static final List<String> HOSTILE = List.of(
            "\u0001\u0007\b\u000b\f\u001b\u007f controls",
            "nel \u0085 ls \u2028 ps \u2029 bom \ufeff end",
            "- item",
            "? key",
            ": colon",
            "key: value # not a comment",
            "&anchor *alias !tag !!str",
            "|\n  literal block",
            "> folded",
            "%YAML 1.2",
            "@at `back`",
            "'single' \"double\" \\\" \\n",
            "null",
            "~",
            "true",
            "1e3",
            "0x1f",
            "  leading and trailing  ",
            "tab\tinside",
            "{{ x }} {% y %} {# z #} {{ '{{' }}",
            "\ud83d\ude00 emoji \ud834\udd1e clef",
            "line\nbreak\r\ncrlf\rcr",
            "[flow, seq]",
            "{flow: map}",
            "---",
            "...",
            "# hash first");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shop-analytics", "hostile"})
    void yamlHoldsTheSpecsStrings(String name, @TempDir Path tmp) throws IOException {
        Path dir = GenerateGoldenTest.ROOT.resolve(name);
        check((ObjectNode) JSON.readTree(dir.resolve("spec.json").toFile()), dir, tmp);
    }

    /** One run per hostile string: run {@code start} gives the first text field that string, the next the next one. */
    static Stream<Integer> starts() {
        return java.util.stream.IntStream.range(0, HOSTILE.size()).boxed();
    }

    @ParameterizedTest(name = "first string {0}")
    @MethodSource("starts")
    void yamlHoldsHostileStringsInEveryTextField(int start, @TempDir Path tmp) throws IOException {
        Path dir = GenerateGoldenTest.ROOT.resolve("hostile");
        ObjectNode spec = (ObjectNode) JSON.readTree(dir.resolve("spec.json").toFile());
        assertThat(hostile(spec, new int[] {start})).isGreaterThan(10);
        check(spec, dir, tmp);
    }

    /** Generates {@code spec} (with the DDL of {@code dir}) and checks every YAML file against it. */
    private static void check(ObjectNode spec, Path dir, Path tmp) throws IOException {
        Path specDir = Files.createDirectories(tmp.resolve("spec"));
        Path specFile = specDir.resolve("spec.json");
        JSON.writeValue(specFile.toFile(), spec);
        Path ddl = dir.resolve("source_ddl");
        Path seeds = dir.resolve("seeds");
        Path out = tmp.resolve("out");
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        new SpecInput(specFile, Files.isDirectory(ddl) ? ddl : null, specDir),
                        out,
                        EnumSet.allOf(Target.class),
                        Files.isDirectory(seeds) ? seeds : null),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        Map<String, JsonNode> yaml = yamlFiles(out);
        assertThat(yaml)
                .containsKeys("dbt/dbt_project.yml", "dbt/models/sources.yml", "dataform/workflow_settings.yaml");

        JsonNode schema = spec.get("schema");
        JsonNode project = yaml.get("dbt/dbt_project.yml").get("models").get("spec_pipeline");
        assertThat(project.get("staging").get("+schema").textValue())
                .isEqualTo(schema.get("staging_schema").textValue());
        assertThat(project.get("final").get("+schema").textValue())
                .isEqualTo(schema.get("final_schema").textValue());
        assertThat(yaml.get("dbt/models/sources.yml")
                        .get("sources")
                        .get(0)
                        .get("name")
                        .textValue())
                .isEqualTo(schema.get("raw_schema").textValue());
        JsonNode dataform = yaml.get("dataform/workflow_settings.yaml");
        assertThat(dataform.get("defaultDataset").textValue())
                .isEqualTo(schema.get("final_schema").textValue());
        assertThat(dataform.get("defaultAssertionDataset").textValue())
                .isEqualTo(schema.get("final_schema").textValue() + "_assertions");

        int models = 0;
        int units = 0;
        for (JsonNode m : spec.get("models")) {
            String layer = m.get("layer").textValue();
            JsonNode schemaYml = yaml.get("dbt/models/" + layer + "/schema.yml");
            assertThat(schemaYml).as(layer).isNotNull();
            JsonNode model = byName(schemaYml.get("models"), m.get("name").textValue());
            assertThat(model).as(m.get("name").textValue()).isNotNull();
            models++;
            assertThat(rendered(model.path("description"))).isEqualTo(text(m.path("description")));
            assertThat(rendered(model.get("config").path("meta").path("owner"))).isEqualTo(text(m.path("owner")));
            assertThat(strings(model.get("config").path("tags"))).isEqualTo(specStrings(m.path("tags")));
            assertThat(columnDescriptions(model)).isEqualTo(expectedDescriptions(m));
            assertThat(acceptedValues(model)).containsAllEntriesOf(expectedAcceptedValues(m));
            for (JsonNode u : m.path("unit_tests")) {
                if (m.path("constraints").path("scd_type").asInt() == 2) {
                    continue; // a snapshot: dbt unit tests do not apply
                }
                JsonNode unit =
                        byName(schemaYml.get("unit_tests"), u.get("name").textValue());
                assertThat(unit).as(u.get("name").textValue()).isNotNull();
                units++;
                assertThat(unit.get("model").textValue())
                        .isEqualTo(m.get("name").textValue());
                assertThat(rendered(unit.path("description"))).isEqualTo(text(u.path("description")));
                List<JsonNode> given = new ArrayList<>();
                unit.get("given").forEach(given::add);
                for (JsonNode g : u.path("given")) {
                    String table = g.get("input").textValue().replaceFirst("^.*\\.", "");
                    JsonNode input = given.stream()
                            .filter(x -> x.get("input").textValue().contains("'" + table + "'"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(rows(input.get("rows"), true)).isEqualTo(rows(g.get("rows"), false));
                }
                assertThat(rows(unit.get("expect").get("rows"), true))
                        .isEqualTo(rows(u.get("expect").get("rows"), false));
            }
        }
        assertThat(models).isGreaterThan(0);
        if (spec.toString().contains("unit_tests")) {
            assertThat(units).isGreaterThan(0);
        }
    }

    /** Replaces every free-text string of the spec (descriptions, owners, rationales, tags, values) in turn. */
    private static int hostile(JsonNode node, int[] next) {
        int n = 0;
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                if (v.isTextual()
                        && List.of("description", "owner", "rationale").contains(key)) {
                    e.setValue(new TextNode(HOSTILE.get(next[0]++ % HOSTILE.size())));
                    n++;
                } else if (v instanceof ArrayNode a && List.of("tags", "values").contains(key)) {
                    n += replaceStrings(a, next);
                } else if (v instanceof ArrayNode a && key.equals("rows")) {
                    for (JsonNode row : a) {
                        for (Iterator<Map.Entry<String, JsonNode>> cells = row.fields(); cells.hasNext(); ) {
                            Map.Entry<String, JsonNode> c = cells.next();
                            if (c.getValue().isTextual()) {
                                c.setValue(new TextNode(HOSTILE.get(next[0]++ % HOSTILE.size())));
                                n++;
                            }
                        }
                    }
                } else {
                    n += hostile(v, next);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode x : a) {
                n += hostile(x, next);
            }
        }
        return n;
    }

    private static int replaceStrings(ArrayNode a, int[] next) {
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isTextual()) {
                a.set(i, new TextNode(HOSTILE.get(next[0]++ % HOSTILE.size())));
                n++;
            }
        }
        return n;
    }

    private static Map<String, JsonNode> yamlFiles(Path root) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    String text = Files.readString(p, StandardCharsets.UTF_8).replace(Version.get(), "@VERSION@");
                    out.put(name, YAML.readTree(text));
                }
            }
        }
        return out;
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode x : list) {
            if (name.equals(x.path("name").textValue())) {
                return x;
            }
        }
        return null;
    }

    private static final Pattern JINJA_ESCAPE = Pattern.compile("\\{\\{ '(\\{[{%#])' \\}\\}");

    /** What dbt shows for a YAML string: the Jinja escape of a {@code {{}, {@code {%} or {@code {#} undone. */
    /**
     * A unit test string of the dbt-bigquery project read as BigQuery reads the fixture dbt makes of it: the generator
     * writes a backslash doubled and a carriage return as its escape (see {@code DbtBigQueryFixtureTest}, which
     * evaluates the fixtures on GoogleSQL); no other escape may appear.
     */
    private static String bigQueryFixture(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            assertThat(i + 1).as("an escape at the end of " + text).isLessThan(text.length());
            char next = text.charAt(++i);
            assertThat(next).as("the escape in " + text).isIn('\\', 'r');
            sb.append(next == 'r' ? '\r' : '\\');
        }
        return sb.toString();
    }

    private static String rendered(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        assertThat(node.isTextual()).as("a string: " + node).isTrue();
        Matcher m = JINJA_ESCAPE.matcher(node.textValue());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1)));
        }
        return m.appendTail(sb).toString();
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : list) {
            out.add(rendered(x));
        }
        return out;
    }

    private static List<String> specStrings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.textValue()));
        return out;
    }

    private static Map<String, String> columnDescriptions(JsonNode model) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode c : model.path("columns")) {
            if (c.has("description")) {
                out.put(c.get("name").textValue().toLowerCase(java.util.Locale.ROOT), rendered(c.get("description")));
            }
        }
        return out;
    }

    private static Map<String, String> expectedDescriptions(JsonNode m) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode c : m.path("column_mapping")) {
            if (c.path("description").isTextual()) {
                out.put(
                        c.get("target_column").textValue().toLowerCase(java.util.Locale.ROOT),
                        c.get("description").textValue());
            }
        }
        for (JsonNode a : m.path("aggregations")) {
            if (a.path("description").isTextual()) {
                out.put(
                        a.get("metric_column").textValue().toLowerCase(java.util.Locale.ROOT),
                        a.get("description").textValue());
            }
        }
        return out;
    }

    private static Map<String, List<String>> acceptedValues(JsonNode model) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode c : model.path("columns")) {
            for (JsonNode t : c.path("data_tests")) {
                if (t.has("accepted_values")) {
                    JsonNode a = t.get("accepted_values");
                    List<String> values = strings(a.get("values"));
                    if (a.path("quote").isBoolean() && !a.get("quote").booleanValue()) {
                        // quote: false: dbt splices each value into the SQL as it is, so a string is a SQL literal
                        values = values.stream()
                                .map(GeneratedYamlTest::sqlLiteralValue)
                                .toList();
                    }
                    out.put(c.get("name").textValue(), values);
                }
            }
        }
        return out;
    }

    /**
     * The text a BigQuery string literal written by {@code QuotedString.SQL} holds ({@code 'a\\'b'} is a'b); a number
     * stays as it is, NULL is null. Decoded here, apart from the writer, so that a writer bug shows.
     */
    private static String sqlLiteralValue(String literal) {
        if (literal == null || literal.equals("NULL")) {
            return null;
        }
        if (!literal.startsWith("'")) {
            return literal;
        }
        assertThat(literal).as("a SQL string literal").endsWith("'").hasSizeGreaterThan(1);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char ch = literal.charAt(i);
            if (ch != '\\') {
                assertThat(ch).as("unescaped quote inside " + literal).isNotEqualTo('\'');
                sb.append(ch);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    /** The explicit {@code accepted_values} lists of the spec (the implied ones come from CASE outputs). */
    private static Map<String, List<String>> expectedAcceptedValues(JsonNode m) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode c : m.path("column_mapping")) {
            for (JsonNode t : c.path("tests")) {
                JsonNode values = t.path("accepted_values").path("values");
                if (values.isArray()) {
                    List<String> v = new ArrayList<>();
                    values.forEach(x -> v.add(x.isNull() ? null : x.asText()));
                    out.put(c.get("target_column").textValue(), v);
                }
            }
        }
        return out;
    }

    /** Rows as column to value, numbers by value, strings as dbt shows them when {@code yaml}. */
    private static List<Map<String, Object>> rows(JsonNode rows, boolean yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            row.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                r.put(
                        e.getKey(),
                        v.isTextual()
                                ? yaml ? bigQueryFixture(rendered(v)) : v.textValue()
                                : v.isNumber()
                                        ? v.decimalValue().stripTrailingZeros()
                                        : v.isNull() ? null : v.asText());
            });
            out.add(r);
        }
        return out;
    }
}
