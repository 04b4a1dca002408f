package io.github.specpipeline.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.json.SourceMap;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Environment;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Incremental;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SchemaNames;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.model.Union;
import io.github.specpipeline.core.model.UnitTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Binds a JSON tree to the spec model, reporting every type error, missing field and unknown field instead
 * of stopping at the first. A null and a missing optional field mean the same. Whatever cannot be bound is
 * left out, so that later checks see a partial but consistent model.
 */
public final class SpecBinder {
    private static final Set<String> TEST_NAMES =
            new TreeSet<>(List.of("not_null", "unique", "accepted_values", "relationships", "expression"));

    private final Reporter reporter;
    /**
     * One instance of each equal string value (names, types, transforms, test names, literals), so that a large
     * spec, whose columns repeat the same few, holds each once. Descriptions are nearly always unique; not kept.
     */
    private final Map<String, String> strings = new HashMap<>();

    public SpecBinder(Reporter reporter) {
        this.reporter = reporter;
    }

    private String canonical(String text) {
        if (text == null) {
            return null;
        }
        String known = strings.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    private SourceRef sourceRef(String text) {
        SourceRef ref = SourceRef.parse(canonical(text));
        return new SourceRef(ref.text(), canonical(ref.schema()), canonical(ref.table()));
    }

    /** Binds the document; empty only when the root is not an object. */
    public Optional<Spec> bind(JsonNode root) {
        return bind(root, null);
    }

    /**
     * Binds the element at {@code index} of the spec's {@code models} array on its own, for a reader that streams
     * the models; null when it cannot be bound (reported).
     */
    public Model bindModel(JsonNode node, int index) {
        return model(node, "/models/" + index);
    }

    /**
     * Binds the document whose {@code models} were already bound one by one with {@link #bindModel}: {@code root}
     * holds an empty array in their place. Reports exactly what {@link #bind(JsonNode)} reports for the whole.
     * With {@code streamedModels} null, the models are bound from {@code root} like {@link #bind(JsonNode)} does.
     */
    public Optional<Spec> bind(JsonNode root, List<Model> streamedModels) {
        if (!root.isObject()) {
            reporter.error(
                    DiagnosticCode.SP101,
                    "",
                    "a spec must be a JSON object, found " + kind(root),
                    "write {\"schema\": {...}, \"models\": [...]}");
            return Optional.empty();
        }
        Obj spec = new Obj(
                root,
                "",
                "spec",
                "$schema",
                "version",
                "description",
                "schema",
                "expressions",
                "models",
                "environments");
        String version = spec.scalarText("version", false).orElse(Spec.CURRENT_VERSION);
        if (!Spec.CURRENT_VERSION.equals(version) && !"1.0".equals(version)) {
            reporter.error(
                    DiagnosticCode.SP105,
                    "/version",
                    "unsupported spec version " + Names.show(version),
                    "this plugin reads version \"1\"");
        }
        spec.string("$schema", false);
        spec.string("description", false);
        SchemaNames schema = spec.object("schema", true).map(this::schemaNames).orElse(SchemaNames.DEFAULT);
        List<Model> models = streamedModels != null ? streamedModels : spec.array("models", true, this::model);
        Map<String, Environment> environments =
                spec.object("environments", false).map(this::environments).orElse(Map.of());
        Map<String, String> expressions = expressions(spec);
        spec.reportUnknown();
        return Optional.of(new Spec(Spec.CURRENT_VERSION, schema, models, List.of(), environments, expressions));
    }

    /** The {@code environments} block: each entry a schema suffix and/or explicit staging and final names. */
    private Map<String, Environment> environments(Obj block) {
        Map<String, Environment> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            block.known(e.getKey());
            String pointer = block.p(e.getKey());
            asObject(e.getValue(), pointer, "environment '" + e.getKey() + "'").ifPresent(o -> {
                o.known("description", "schema_suffix", "staging_schema", "final_schema");
                o.string("description", false);
                String suffix = o.string("schema_suffix", false).orElse("");
                String staging = o.string("staging_schema", false).orElse(null);
                String fin = o.string("final_schema", false).orElse(null);
                o.reportUnknown();
                if (suffix.isEmpty() && staging == null && fin == null) {
                    reporter.error(
                            DiagnosticCode.SP108,
                            pointer,
                            "environment " + Names.show(e.getKey()) + " changes no schema name",
                            DiagnosticCode.SP108.fix());
                }
                out.put(canonical(e.getKey()), new Environment(canonical(e.getKey()), suffix, staging, fin));
            });
        }
        return out;
    }

    /** The {@code expressions} map of a spec or model: name to SQL text; checked when validated. */
    private Map<String, String> expressions(Obj o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!o.has("expressions")) {
            return out;
        }
        JsonNode node = o.node("expressions");
        String pointer = o.p("expressions");
        if (!node.isObject()) {
            typeError(pointer, "an object of named expressions {\"name\": \"SQL with {0}, {1}\"}", node);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            text(e.getValue(), pointer + "/" + SourceMap.token(e.getKey()))
                    .ifPresent(body -> out.put(canonical(e.getKey()), body));
        }
        return out;
    }

    private SchemaNames schemaNames(Obj o) {
        o.known("raw_schema", "staging_schema", "final_schema");
        String raw = o.string("raw_schema", true).orElse(SchemaNames.DEFAULT.raw());
        String staging = o.string("staging_schema", true).orElse(SchemaNames.DEFAULT.staging());
        String fin = o.string("final_schema", true).orElse(SchemaNames.DEFAULT.finalSchema());
        o.reportUnknown();
        return new SchemaNames(raw, staging, fin);
    }

    private Model model(JsonNode node, String pointer) {
        Optional<Obj> maybe = asObject(node, pointer, "a model");
        if (maybe.isEmpty()) {
            return null;
        }
        Obj o = maybe.get()
                .known(
                        "name",
                        "layer",
                        "description",
                        "owner",
                        "tags",
                        "materialization",
                        "sources",
                        "column_mapping",
                        "joins",
                        "filters",
                        "aggregations",
                        "group_by",
                        "constraints",
                        "unit_tests",
                        "expressions",
                        "incremental",
                        "union");
        int index = Integer.parseInt(pointer.substring(pointer.lastIndexOf('/') + 1));
        String name = o.string("name", true).orElse("");
        Layer layer = o.string("layer", true)
                .flatMap(text -> {
                    Optional<Layer> parsed = Layer.parse(text);
                    if (parsed.isEmpty()) {
                        invalid(
                                pointer + "/layer",
                                text,
                                Arrays.stream(Layer.values()).map(Layer::id).toList());
                    }
                    return parsed;
                })
                .orElse(Layer.STAGING);
        Materialization materialization = o.string("materialization", false)
                .flatMap(text -> {
                    Optional<Materialization> parsed = Materialization.parse(text);
                    if (parsed.isEmpty()) {
                        invalid(
                                pointer + "/materialization",
                                text,
                                Arrays.stream(Materialization.values())
                                        .map(Materialization::id)
                                        .toList());
                    }
                    return parsed;
                })
                .orElse(null);
        Union union = o.present("union") ? union(o.node("union"), o.p("union")) : null;
        // a model with a union reads it as its primary source: further sources (for joins) are optional
        List<SourceRef> sources = o.array(
                "sources",
                !o.present("union"),
                (n, p) -> text(n, p).map(this::sourceRef).orElse(null));
        if (o.has("sources") && sources.isEmpty() && o.node("sources").isArray()) {
            reporter.error(
                    DiagnosticCode.SP102,
                    pointer + "/sources",
                    "model '" + name + "' has no sources",
                    "list the raw tables (raw.<table>) or models it reads");
        }
        Model model = new Model(
                index,
                name,
                layer,
                o.string("description", false).orElse(null),
                o.string("owner", false).orElse(null),
                o.array("tags", false, this::requiredText),
                materialization,
                sources,
                o.array("column_mapping", false, this::column),
                o.array("joins", false, this::join),
                o.array("filters", false, this::filter),
                o.array("aggregations", false, this::aggregation),
                o.array("group_by", false, this::requiredText),
                o.object("constraints", false).map(this::constraints).orElse(Constraints.NONE),
                o.array("unit_tests", false, this::unitTest),
                expressions(o),
                o.object("incremental", false).map(this::incremental).orElse(Incremental.NONE),
                union);
        o.reportUnknown();
        return model;
    }

    private Incremental incremental(Obj o) {
        o.known("unique_key", "updated_at", "lookback");
        Incremental i = new Incremental(
                o.nameList("unique_key"),
                o.string("updated_at", false).orElse(null),
                o.string("lookback", false).orElse(null));
        o.reportUnknown();
        return i;
    }

    /**
     * The {@code union} of a model: {@code ["raw.a", "raw.b"]}, or {@code {"sources": [...], "source_column": "c",
     * "as": "name"}}; null when it cannot be bound (reported). Whether the members exist and agree is validation's.
     */
    private Union union(JsonNode node, String pointer) {
        if (node.isArray()) {
            return new Union(unionMembers(node, pointer), null, null, true);
        }
        if (!node.isObject()) {
            typeError(pointer, "an array of sources or a union object {\"sources\": [...]}", node);
            return null;
        }
        Obj o = new Obj(node, pointer, "'union'", "sources", "source_column", "as");
        List<SourceRef> members = List.of();
        if (o.present("sources")) {
            if (o.node("sources").isArray()) {
                members = unionMembers(o.node("sources"), o.p("sources"));
            } else {
                typeError(o.p("sources"), "an array", o.node("sources"));
            }
        } else {
            o.missing("sources", true);
        }
        Union union = new Union(
                members,
                o.string("source_column", false).orElse(null),
                o.string("as", false).orElse(null),
                false);
        o.reportUnknown();
        return union;
    }

    private List<SourceRef> unionMembers(JsonNode array, String pointer) {
        List<SourceRef> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            text(array.get(i), pointer + "/" + i).map(this::sourceRef).ifPresent(out::add);
        }
        if (array.size() < 2) {
            reporter.error(
                    DiagnosticCode.SP225,
                    pointer,
                    "a union needs at least two sources, found " + array.size(),
                    "list the sources to append, or read a single table with 'sources'");
        }
        return out;
    }

    private ColumnMapping column(JsonNode node, String pointer) {
        return asObject(node, pointer, "a column mapping")
                .map(o -> {
                    o.known(
                            "target_column",
                            "type",
                            "from_table",
                            "from_column",
                            "transform",
                            "nullable",
                            "tests",
                            "description");
                    ColumnMapping c = new ColumnMapping(
                            o.string("target_column", true).orElse(""),
                            o.string("type", false).orElse(null),
                            o.string("from_table", false).orElse(null),
                            o.string("from_column", false).orElse(null),
                            o.string("transform", false)
                                    .filter(t -> !t.isBlank())
                                    .orElse(null),
                            o.bool("nullable").orElse(true),
                            o.array("tests", false, this::test),
                            o.string("description", false).orElse(null));
                    o.reportUnknown();
                    return c;
                })
                .orElse(null);
    }

    private Join join(JsonNode node, String pointer) {
        return asObject(node, pointer, "a join")
                .map(o -> {
                    o.known("left_table", "right_table", "type", "condition");
                    String left = o.string("left_table", true).orElse("");
                    String right = o.string("right_table", true).orElse("");
                    JoinType type = o.string("type", false)
                            .flatMap(text -> {
                                Optional<JoinType> parsed = JoinType.parse(text);
                                if (parsed.isEmpty()) {
                                    invalid(
                                            pointer + "/type",
                                            text,
                                            Arrays.stream(JoinType.values())
                                                    .map(Enum::name)
                                                    .toList());
                                }
                                return parsed;
                            })
                            .orElse(JoinType.INNER);
                    String condition =
                            o.string("condition", type != JoinType.CROSS).orElse(null);
                    o.reportUnknown();
                    return new Join(left, right, type, condition);
                })
                .orElse(null);
    }

    private Filter filter(JsonNode node, String pointer) {
        return asObject(node, pointer, "a filter")
                .map(o -> {
                    o.known("applies_to", "predicate", "rationale");
                    Filter f = new Filter(
                            o.string("applies_to", false).orElse(null),
                            o.string("predicate", true).orElse(""),
                            o.string("rationale", false).orElse(null));
                    o.reportUnknown();
                    return f;
                })
                .orElse(null);
    }

    private Aggregation aggregation(JsonNode node, String pointer) {
        return asObject(node, pointer, "an aggregation")
                .map(o -> {
                    o.known("metric_column", "type", "formula", "tests", "description");
                    Aggregation a = new Aggregation(
                            o.string("metric_column", true).orElse(""),
                            o.string("type", false).orElse(null),
                            o.string("formula", true).orElse(""),
                            o.array("tests", false, this::test),
                            o.string("description", false).orElse(null));
                    o.reportUnknown();
                    return a;
                })
                .orElse(null);
    }

    private Constraints constraints(Obj o) {
        o.known(
                "primary_key",
                "partition_by",
                "cluster_by",
                "scd_type",
                "natural_key",
                "effective_at",
                "expiry_at",
                "current_flag");
        Integer scdType = null;
        if (o.present("scd_type")) {
            JsonNode n = o.node("scd_type");
            String p = o.pointer + "/scd_type";
            if (n.isIntegralNumber() || n.isTextual()) {
                String t = n.asText().trim();
                if (t.equals("1") || t.equals("2")) {
                    scdType = Integer.parseInt(t);
                } else {
                    invalid(p, t, List.of("1", "2"));
                }
            } else {
                typeError(p, "an integer (1 or 2)", n);
            }
        }
        Constraints c = new Constraints(
                o.nameList("primary_key"),
                o.string("partition_by", false).orElse(null),
                o.nameList("cluster_by"),
                scdType,
                o.nameList("natural_key"),
                o.string("effective_at", false).orElse(null),
                o.string("expiry_at", false).orElse(null),
                o.string("current_flag", false).orElse(null));
        o.reportUnknown();
        return c;
    }

    /** A test: a name string ({@code not_null}, {@code accepted_values(...)}) or a one-key object. */
    private DataTest test(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return namedTest(node.asText().trim(), pointer);
        }
        if (!node.isObject()) {
            typeError(pointer, "a test name or a test object", node);
            return null;
        }
        if (node.size() != 1) {
            reporter.error(
                    DiagnosticCode.SP101,
                    pointer,
                    "a test object must have exactly one key, the test name, found " + node.size(),
                    "write {\"accepted_values\": {\"values\": [...]}}");
            return null;
        }
        String name = node.fieldNames().next();
        String p = pointer + "/" + SourceMap.token(name);
        JsonNode arg = node.get(name);
        switch (name) {
            case "not_null":
            case "unique":
                return namedTest(name, pointer);
            case "accepted_values": {
                Optional<Obj> o = asObject(arg, p, "the accepted_values arguments");
                if (o.isEmpty()) {
                    return null;
                }
                Obj args = o.get().known("values");
                List<Literal> values = args.array("values", true, this::literal);
                args.reportUnknown();
                return new DataTest.AcceptedValues(values, false);
            }
            case "relationships": {
                Optional<Obj> o = asObject(arg, p, "the relationships arguments");
                if (o.isEmpty()) {
                    return null;
                }
                Obj args = o.get().known("to", "field");
                DataTest t = new DataTest.Relationships(
                        args.string("to", true).orElse(""),
                        args.string("field", true).orElse(""));
                args.reportUnknown();
                return t;
            }
            case "expression":
                if (arg.isTextual()) {
                    return new DataTest.Expression(arg.asText());
                }
                if (arg.isObject() && arg.has("expression")) {
                    return asObject(arg, p, "the expression arguments")
                            .flatMap(a -> a.known("expression").string("expression", true))
                            .map(DataTest.Expression::new)
                            .orElse(null);
                }
                typeError(p, "a SQL expression string", arg);
                return null;
            default:
                unknownTest(name, pointer + "/" + SourceMap.token(name), true);
                return null;
        }
    }

    private DataTest namedTest(String text, String pointer) {
        String name = text.contains("(") ? text.substring(0, text.indexOf('(')).trim() : text;
        String args = text.contains("(") ? text.substring(text.indexOf('(') + 1).trim() : null;
        if (args != null && !args.endsWith(")")) {
            reporter.error(
                    DiagnosticCode.SP101,
                    pointer,
                    "unbalanced parentheses in test " + Names.show(text),
                    "write accepted_values(...) or {\"accepted_values\": {\"values\": [...]}}");
            return null;
        }
        if (args != null) {
            args = args.substring(0, args.length() - 1).trim();
        }
        switch (name) {
            case "not_null":
                return new DataTest.NotNull();
            case "unique":
                return new DataTest.Unique();
            case "accepted_values":
                if (args == null || args.equals("...") || args.isEmpty()) {
                    return new DataTest.AcceptedValues(List.of(), true);
                }
                return new DataTest.AcceptedValues(splitLiterals(args), false);
            case "relationships":
            case "expression":
                reporter.error(
                        DiagnosticCode.SP210,
                        pointer,
                        "test '" + name + "' needs arguments",
                        name.equals("relationships")
                                ? "write {\"relationships\": {\"to\": \"model\", \"field\": \"column\"}}"
                                : "write {\"expression\": \"amount >= 0\"}");
                return null;
            default:
                unknownTest(name, pointer, false);
                return null;
        }
    }

    /** Splits {@code 'a', 'b', 3} into literals; quotes are SQL single quotes with '' as escape. */
    private static List<Literal> splitLiterals(String args) {
        List<Literal> out = new ArrayList<>();
        int i = 0;
        while (i < args.length()) {
            char c = args.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < args.length()) {
                    if (args.charAt(j) == c) {
                        if (j + 1 < args.length() && args.charAt(j + 1) == c) {
                            sb.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(args.charAt(j++));
                }
                out.add(Literal.string(sb.toString()));
                i = j + 1;
            } else {
                int j = args.indexOf(',', i);
                String token = (j < 0 ? args.substring(i) : args.substring(i, j)).trim();
                out.add(
                        token.matches("-?\\d+(\\.\\d+)?")
                                ? Literal.number(token)
                                : token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")
                                        ? Literal.bool(Boolean.parseBoolean(token))
                                        : Literal.string(token));
                i = j < 0 ? args.length() : j + 1;
            }
        }
        return out;
    }

    private void unknownTest(String name, String pointer, boolean atKey) {
        String hint = Names.closest(name, TEST_NAMES)
                .map(c -> "did you mean '" + c + "'?")
                .orElse("known tests: " + String.join(", ", TEST_NAMES));
        reporter.report(Severity.ERROR, DiagnosticCode.SP210, pointer, atKey, "unknown test " + Names.show(name), hint);
    }

    private UnitTest unitTest(JsonNode node, String pointer) {
        return asObject(node, pointer, "a unit test")
                .map(o -> {
                    o.known("name", "description", "given", "expect");
                    String name = o.string("name", true).orElse("");
                    List<UnitTest.Input> given = o.array(
                            "given",
                            true,
                            (n, p) -> asObject(n, p, "a unit test input")
                                    .map(g -> {
                                        g.known("input", "rows");
                                        UnitTest.Input in = new UnitTest.Input(
                                                g.string("input", true).orElse(""), g.array("rows", true, this::row));
                                        g.reportUnknown();
                                        return in;
                                    })
                                    .orElse(null));
                    List<Map<String, Literal>> expect = o.object("expect", true)
                            .map(e -> {
                                e.known("rows");
                                List<Map<String, Literal>> rows = e.array("rows", true, this::row);
                                e.reportUnknown();
                                return rows;
                            })
                            .orElse(List.of());
                    UnitTest t =
                            new UnitTest(name, o.string("description", false).orElse(null), given, expect);
                    o.reportUnknown();
                    return t;
                })
                .orElse(null);
    }

    private Map<String, Literal> row(JsonNode node, String pointer) {
        if (!node.isObject()) {
            typeError(pointer, "a row object {\"column\": value, ...}", node);
            return null;
        }
        Map<String, Literal> row = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Literal value = literal(e.getValue(), pointer + "/" + SourceMap.token(e.getKey()));
            if (value != null) {
                row.put(e.getKey(), value);
            }
        }
        return row;
    }

    private Literal literal(JsonNode node, String pointer) {
        if (node.isNull()) {
            return Literal.NULL;
        }
        if (node.isTextual()) {
            return Literal.string(canonical(node.asText()));
        }
        if (node.isNumber()) {
            return Literal.number(canonical(node.decimalValue().toPlainString()));
        }
        if (node.isBoolean()) {
            return Literal.bool(node.booleanValue());
        }
        typeError(pointer, "a string, number, boolean or null", node);
        return null;
    }

    private String requiredText(JsonNode node, String pointer) {
        return text(node, pointer).orElse(null);
    }

    private Optional<String> text(JsonNode node, String pointer) {
        if (!node.isTextual()) {
            typeError(pointer, "a string", node);
            return Optional.empty();
        }
        return Optional.of(canonical(node.asText()));
    }

    private Optional<Obj> asObject(JsonNode node, String pointer, String what) {
        if (!node.isObject()) {
            typeError(pointer, what + " (a JSON object)", node);
            return Optional.empty();
        }
        return Optional.of(new Obj(node, pointer, what));
    }

    private void typeError(String pointer, String expected, JsonNode found) {
        reporter.error(DiagnosticCode.SP101, pointer, "expected " + expected + ", found " + kind(found), "");
    }

    private void invalid(String pointer, String value, List<String> allowed) {
        String hint = Names.closest(value, allowed)
                .map(c -> "did you mean '" + c + "'?")
                .orElse("allowed: " + String.join(", ", allowed));
        reporter.error(
                DiagnosticCode.SP104,
                pointer,
                "invalid value " + Names.show(value) + " (allowed: " + String.join(", ", allowed) + ")",
                hint);
    }

    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** A JSON object being bound: typed accessors that report, and a record of which fields were expected. */
    private final class Obj {
        final JsonNode node;
        final String pointer;
        final String what;
        final Set<String> known = new TreeSet<>();

        Obj(JsonNode node, String pointer, String what, String... known) {
            this.node = node;
            this.pointer = pointer;
            this.what = what;
            this.known.addAll(List.of(known));
        }

        Obj known(String... names) {
            known.addAll(List.of(names));
            return this;
        }

        boolean has(String name) {
            return node.has(name);
        }

        boolean present(String name) {
            return node.has(name) && !node.get(name).isNull();
        }

        JsonNode node(String name) {
            return node.get(name);
        }

        private String p(String name) {
            return pointer + "/" + SourceMap.token(name);
        }

        private boolean missing(String name, boolean required) {
            if (present(name)) {
                return false;
            }
            if (required) {
                reporter.report(
                        Severity.ERROR,
                        DiagnosticCode.SP102,
                        node.has(name) ? p(name) : pointer,
                        node.has(name),
                        "missing required field '" + name + "' in " + what,
                        "");
            }
            return true;
        }

        Optional<String> string(String name, boolean required) {
            if (missing(name, required)) {
                return Optional.empty();
            }
            JsonNode v = node.get(name);
            if (!v.isTextual()) {
                typeError(p(name), "a string", v);
                return Optional.empty();
            }
            if (required && v.asText().isBlank()) {
                reporter.error(DiagnosticCode.SP102, p(name), "field '" + name + "' is empty", "");
                return Optional.empty();
            }
            return Optional.of(name.equals("description") ? v.asText() : canonical(v.asText()));
        }

        /** A string or a number, as text (for version-like fields). */
        Optional<String> scalarText(String name, boolean required) {
            if (missing(name, required)) {
                return Optional.empty();
            }
            JsonNode v = node.get(name);
            if (!v.isTextual() && !v.isNumber()) {
                typeError(p(name), "a string", v);
                return Optional.empty();
            }
            return Optional.of(
                    v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText());
        }

        Optional<Boolean> bool(String name) {
            if (missing(name, false)) {
                return Optional.empty();
            }
            JsonNode v = node.get(name);
            if (v.isBoolean()) {
                return Optional.of(v.booleanValue());
            }
            if (v.isTextual()
                    && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                reporter.warning(
                        DiagnosticCode.SP101,
                        p(name),
                        "expected a boolean, found the string " + Names.show(v.asText()),
                        "write " + v.asText().toLowerCase(java.util.Locale.ROOT) + " without quotes");
                return Optional.of(Boolean.parseBoolean(v.asText()));
            }
            typeError(p(name), "a boolean", v);
            return Optional.empty();
        }

        Optional<Obj> object(String name, boolean required) {
            if (missing(name, required)) {
                return Optional.empty();
            }
            return asObject(node.get(name), p(name), "'" + name + "'");
        }

        /** Binds each element; elements that fail to bind are reported and left out. */
        <T> List<T> array(String name, boolean required, BiFunction<JsonNode, String, T> element) {
            if (missing(name, required)) {
                return List.of();
            }
            JsonNode v = node.get(name);
            if (!v.isArray()) {
                typeError(p(name), "an array", v);
                return List.of();
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                T t = element.apply(v.get(i), p(name) + "/" + i);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }

        /** Column names written as {@code "a, b"} or {@code ["a", "b"]}. */
        List<String> nameList(String name) {
            if (missing(name, false)) {
                return List.of();
            }
            JsonNode v = node.get(name);
            if (v.isTextual()) {
                return Arrays.stream(v.asText().split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(SpecBinder.this::canonical)
                        .toList();
            }
            if (v.isArray()) {
                return array(name, false, SpecBinder.this::requiredText);
            }
            typeError(p(name), "a column name, comma-separated names or an array of names", v);
            return List.of();
        }

        void reportUnknown() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    String suggestion = Names.didYouMean(name, known);
                    reporter.atKey(
                            Severity.WARNING,
                            DiagnosticCode.SP103,
                            p(name),
                            "unknown field " + Names.show(name) + " in " + what + " (ignored)",
                            suggestion.isEmpty()
                                    ? "known fields: " + known.stream().collect(Collectors.joining(", "))
                                    : suggestion);
                }
            }
        }
    }
}
