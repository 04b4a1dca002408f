package io.github.specpipeline.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic specs of any size for the test-goal benchmark: raw tables {@code src_k}, staging models over them,
 * join models over two staging models, aggregate models and final models, each with data tests (not_null,
 * unique, accepted_values, relationships, expressions, primary keys) and every tenth staging model with a unit
 * test. The same size gives the same spec.
 */
public final class TestRunSpecs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TestRunSpecs() {}

    /** Writes {@code spec.json} and {@code source_ddl/*.sql} for a spec of {@code models} models into {@code dir}. */
    public static void write(Path dir, int models) throws IOException {
        int rawTables = Math.max(1, models / 5);
        Path ddl = dir.resolve("source_ddl");
        Files.createDirectories(ddl);
        for (int k = 0; k < rawTables; k++) {
            Files.writeString(
                    ddl.resolve("src_" + k + ".sql"),
                    "CREATE TABLE `raw.src_" + k + "` (\n"
                            + "  id INT64 NOT NULL,\n  parent_id INT64,\n  name STRING,\n  status STRING,\n  amount NUMERIC,\n"
                            + "  created_at TIMESTAMP,\n  updated_at TIMESTAMP\n);\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(
                dir.resolve("spec.json"), JSON.writeValueAsString(spec(models, rawTables)), StandardCharsets.UTF_8);
    }

    static ObjectNode spec(int count, int rawTables) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1");
        ObjectNode schema = root.putObject("schema");
        schema.put("raw_schema", "raw").put("staging_schema", "staging").put("final_schema", "analytics");
        ArrayNode models = root.putArray("models");
        List<String> staging = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = i % 5;
            if (kind <= 1 || staging.size() < 2) {
                String name = "stg_" + i;
                models.add(staging(name, "src_" + (staging.size() % rawTables), staging.size() % 10 == 0));
                staging.add(name);
            } else if (kind == 2 || joins.isEmpty()) {
                String name = "int_" + i;
                String a = staging.get(staging.size() - 1);
                String b = staging.get((i * 7) % (staging.size() - 1));
                models.add(join(name, a, b));
                joins.add(name);
            } else if (kind == 3) {
                String source =
                        (i % 2 == 0 ? staging : joins).get((i * 3) % (i % 2 == 0 ? staging.size() : joins.size()));
                models.add(aggregate("agg_" + i, source));
            } else {
                models.add(fact("fct_" + i, joins.get((i * 5) % joins.size())));
            }
        }
        return root;
    }

    private static ObjectNode model(String name, String layer, String... sources) {
        ObjectNode m = JSON.createObjectNode();
        m.put("name", name).put("layer", layer).put("description", "Synthetic model " + name);
        ArrayNode s = m.putArray("sources");
        for (String source : sources) {
            s.add(source);
        }
        return m;
    }

    private static ObjectNode column(
            ArrayNode columns,
            String target,
            String type,
            String table,
            String column,
            String transform,
            boolean nullable,
            Object... tests) {
        ObjectNode c = columns.addObject();
        c.put("target_column", target)
                .put("type", type)
                .put("from_table", table)
                .put("from_column", column);
        if (transform == null) {
            c.putNull("transform");
        } else {
            c.put("transform", transform);
        }
        c.put("nullable", nullable);
        ArrayNode t = c.putArray("tests");
        for (Object test : tests) {
            if (test instanceof String s) {
                t.add(s);
            } else {
                t.add((ObjectNode) test);
            }
        }
        return c;
    }

    private static ObjectNode expression(String sql) {
        ObjectNode e = JSON.createObjectNode();
        e.put("expression", sql);
        return e;
    }

    private static ObjectNode accepted(String... values) {
        ObjectNode a = JSON.createObjectNode();
        ArrayNode v = a.putObject("accepted_values").putArray("values");
        for (String value : values) {
            v.add(value);
        }
        return a;
    }

    private static ObjectNode relationship(String to, String field) {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("relationships").put("to", to).put("field", field);
        return r;
    }

    static ObjectNode staging(String name, String raw, boolean unitTest) {
        ObjectNode m = model(name, "staging", "raw." + raw);
        ArrayNode c = m.putArray("column_mapping");
        column(c, "id", "INT64", raw, "id", null, false, "not_null", "unique");
        column(c, "parent_id", "INT64", raw, "parent_id", null, true);
        column(c, "name", "STRING", raw, "name", "LOWER(TRIM({from}))", true);
        column(c, "status", "STRING", raw, "status", null, true, accepted("new", "active", "closed"));
        column(c, "amount", "NUMERIC", raw, "amount", null, true, expression("amount >= 0"));
        column(c, "created_at", "TIMESTAMP", raw, "created_at", null, true);
        column(
                c,
                "updated_at",
                "TIMESTAMP",
                raw,
                "updated_at",
                "COALESCE({from}, " + raw + ".created_at)",
                true,
                expression("updated_at IS NULL OR updated_at >= created_at"));
        m.putObject("constraints").put("primary_key", "id");
        if (unitTest) {
            ObjectNode t = m.putArray("unit_tests").addObject();
            t.put("name", "normalises_" + name);
            ObjectNode in = t.putArray("given").addObject();
            in.put("input", "raw." + raw);
            ArrayNode rows = in.putArray("rows");
            rows.addObject()
                    .put("id", 1)
                    .put("name", " Ann ")
                    .put("status", "new")
                    .put("amount", 1.5)
                    .put("created_at", "2024-01-01T00:00:00Z");
            rows.addObject()
                    .put("id", 2)
                    .put("name", "BOB")
                    .put("created_at", "2024-01-02T00:00:00Z")
                    .put("updated_at", "2024-02-01T00:00:00Z");
            ArrayNode expect = t.putObject("expect").putArray("rows");
            expect.addObject()
                    .put("id", 1)
                    .put("name", "ann")
                    .put("status", "new")
                    .put("amount", 1.5)
                    .put("updated_at", "2024-01-01T00:00:00Z");
            expect.addObject()
                    .put("id", 2)
                    .put("name", "bob")
                    .putNull("status")
                    .putNull("amount")
                    .put("updated_at", "2024-02-01T00:00:00Z");
        }
        return m;
    }

    static ObjectNode join(String name, String a, String b) {
        ObjectNode m = model(name, "staging", a, b);
        ArrayNode c = m.putArray("column_mapping");
        column(c, "id", "INT64", a, "id", null, false, "unique");
        column(c, "parent_id", "INT64", a, "parent_id", null, true, relationship(b, "id"));
        column(c, "parent_name", "STRING", b, "name", null, true);
        column(c, "status", "STRING", a, "status", null, true);
        column(
                c,
                "amount",
                "NUMERIC",
                a,
                "amount",
                "ROUND({from}, 2)",
                true,
                expression("amount IS NULL OR amount >= 0"));
        ObjectNode j = m.putArray("joins").addObject();
        j.put("left_table", a)
                .put("right_table", b)
                .put("type", "LEFT")
                .put("condition", a + ".parent_id = " + b + ".id");
        m.putObject("constraints").put("primary_key", "id");
        return m;
    }

    static ObjectNode aggregate(String name, String source) {
        ObjectNode m = model(name, "final", source);
        m.putArray("column_mapping");
        ArrayNode aggs = m.putArray("aggregations");
        ObjectNode n = aggs.addObject();
        n.put("metric_column", "row_count")
                .put("type", "INT64")
                .put("formula", "COUNT(*)")
                .putArray("tests")
                .add("not_null");
        ObjectNode total = aggs.addObject();
        total.put("metric_column", "total_amount")
                .put("type", "NUMERIC")
                .put("formula", "SUM(amount)")
                .putArray("tests")
                .add(expression("total_amount IS NULL OR total_amount >= 0"));
        m.putArray("group_by").add("status");
        return m;
    }

    static ObjectNode fact(String name, String source) {
        ObjectNode m = model(name, "final", source);
        ArrayNode c = m.putArray("column_mapping");
        column(c, "id", "INT64", source, "id", null, false, "not_null", "unique");
        column(
                c,
                "status",
                "STRING",
                source,
                "status",
                "COALESCE({from}, 'new')",
                false,
                accepted("new", "active", "closed"));
        column(c, "amount", "NUMERIC", source, "amount", null, true);
        column(c, "is_large", "BOOL", source, "amount", "{from} > 100", true);
        ObjectNode f = m.putArray("filters").addObject();
        f.put("applies_to", name).put("predicate", "status <> 'closed'").put("rationale", "open records only");
        m.putObject("constraints").put("primary_key", "id");
        return m;
    }

    /** Writes a spec: {@code TestRunSpecs <dir> <models>}. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }
}
