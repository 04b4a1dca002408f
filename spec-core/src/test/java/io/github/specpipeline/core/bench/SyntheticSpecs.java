package io.github.specpipeline.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic specs for benchmarks, in the reference format (the customer-360 spec's shape): N models, 10 to 40
 * columns each, with their raw-table DDL. Everything is derived from the seed, so a given {@code (models, seed)}
 * always gives the same bytes. The specs are valid (no errors) so that benchmarks measure the normal path.
 *
 * <p>Shape: about 60% staging models, each reading one main raw table and LEFT-joining zero to two more on
 * {@code key_id}, with column transforms (string clean-up, CASE buckets with {@code accepted_values(...)}, FX-style
 * arithmetic over a joined table, casts), filters, tests and descriptions; the rest are final models over one or
 * two staging models, either aggregates ({@code group_by} + {@code aggregations}) or joined column mappings.
 * Every raw table has {@code key_id} and {@code group_id}; every staging model outputs both.
 *
 * <p>The JSON has one model per line (10,000 models make about 45 MB).
 *
 * <pre>
 * SyntheticSpecs.Generated g = SyntheticSpecs.generate(1_000, 42L);
 * g.writeTo(dir);   // dir/spec.json, dir/source_ddl/raw_NNNN.sql
 * </pre>
 */
public final class SyntheticSpecs {

    private static final String[] RAW_TYPES = {
        "STRING", "STRING", "STRING", "INT64", "NUMERIC", "TIMESTAMP", "DATE", "BOOL"
    };
    private static final String[] WORDS = {
        "customer",
        "order",
        "payment",
        "session",
        "ticket",
        "invoice",
        "product",
        "account",
        "region",
        "channel",
        "campaign",
        "refund",
        "shipment",
        "supplier",
        "contract",
        "device"
    };

    private SyntheticSpecs() {}

    /** A generated spec and its DDL files (file name to content). */
    public record Generated(String specJson, Map<String, String> ddlFiles, int models, int columns) {
        /** Writes {@code spec.json} and {@code source_ddl/*.sql} into {@code dir}; returns the spec file. */
        public Path writeTo(Path dir) {
            try {
                Path ddl = dir.resolve("source_ddl");
                Files.createDirectories(ddl);
                for (Map.Entry<String, String> e : ddlFiles.entrySet()) {
                    Files.writeString(ddl.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                }
                Path spec = dir.resolve("spec.json");
                Files.writeString(spec, specJson, StandardCharsets.UTF_8);
                return spec;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record RawColumn(String name, String type) {}

    private record RawTable(String name, List<RawColumn> columns) {}

    /** A staging model's outputs, for final models to read. */
    private record StagingOutput(String name, List<RawColumn> columns) {}

    /** Generates a spec with {@code models} models from {@code seed}. */
    public static Generated generate(int models, long seed) {
        if (models < 1) {
            throw new IllegalArgumentException("models must be >= 1");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int stagingCount = Math.max(1, (int) Math.round(models * 0.6));
        int finalCount = models - stagingCount;
        int rawCount = Math.max(1, stagingCount * 2 / 3);

        List<RawTable> raws = new ArrayList<>();
        Map<String, String> ddl = new LinkedHashMap<>();
        for (int i = 0; i < rawCount; i++) {
            String name = String.format("src_%04d", i);
            List<RawColumn> cols = new ArrayList<>();
            cols.add(new RawColumn("key_id", "INT64"));
            cols.add(new RawColumn("group_id", "INT64"));
            int n = 12 + rnd.nextInt(30);
            for (int c = 0; c < n; c++) {
                cols.add(new RawColumn(
                        WORDS[rnd.nextInt(WORDS.length)] + "_" + c, RAW_TYPES[rnd.nextInt(RAW_TYPES.length)]));
            }
            raws.add(new RawTable(name, cols));
            StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS `raw." + name + "` (\n");
            for (int c = 0; c < cols.size(); c++) {
                RawColumn col = cols.get(c);
                sb.append("  ")
                        .append(col.name())
                        .append(' ')
                        .append(col.type())
                        .append(c < 2 ? " NOT NULL" : "")
                        .append(c + 1 < cols.size() ? ",\n" : "\n");
            }
            sb.append(");\n");
            ddl.put(name + ".sql", sb.toString());
        }

        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode schema = root.putObject("schema");
        schema.put("raw_schema", "raw");
        schema.put("staging_schema", "staging");
        schema.put("final_schema", "analytics");
        ArrayNode modelArray = root.putArray("models");

        List<StagingOutput> staging = new ArrayList<>();
        int columns = 0;
        for (int i = 0; i < stagingCount; i++) {
            StagingOutput out = stagingModel(modelArray.addObject(), String.format("stg_%04d", i), raws, rnd);
            staging.add(out);
            columns += out.columns().size();
        }
        for (int i = 0; i < finalCount; i++) {
            columns += finalModel(modelArray.addObject(), String.format("fct_%04d", i), staging, rnd);
        }
        try {
            // one model per line: readable in a diff, and compact enough that 10,000 models stay well under the
            // spec reader's 64 MiB file limit (pretty-printed they would not)
            ObjectMapper mapper = new ObjectMapper();
            StringBuilder json = new StringBuilder("{\n  \"schema\": ")
                    .append(mapper.writeValueAsString(schema))
                    .append(",\n  \"models\": [\n");
            for (int i = 0; i < modelArray.size(); i++) {
                json.append("    ")
                        .append(mapper.writeValueAsString(modelArray.get(i)))
                        .append(i + 1 < modelArray.size() ? ",\n" : "\n");
            }
            json.append("  ]\n}\n");
            return new Generated(json.toString(), ddl, models, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StagingOutput stagingModel(ObjectNode m, String name, List<RawTable> raws, SplittableRandom rnd) {
        int joins = Math.min(raws.size() - 1, rnd.nextInt(3));
        List<RawTable> sources = new ArrayList<>();
        int first = rnd.nextInt(raws.size());
        for (int j = 0; j <= joins; j++) {
            sources.add(raws.get((first + j * 7) % raws.size()));
        }
        m.put("name", name);
        m.put("layer", "staging");
        m.put(
                "description",
                "Staging model " + name + ": cleans " + sources.get(0).name() + " and enriches it.");
        ArrayNode src = m.putArray("sources");
        sources.forEach(s -> src.add("raw." + s.name()));

        RawTable main = sources.get(0);
        List<RawColumn> outputs = new ArrayList<>();
        ArrayNode mapping = m.putArray("column_mapping");
        mapping.add(column(
                "key_id", "INT64", main.name(), "key_id", null, false, List.of("not_null", "unique"), "Business key"));
        outputs.add(new RawColumn("key_id", "INT64"));
        mapping.add(
                column("group_id", "INT64", main.name(), "group_id", null, false, List.of("not_null"), "Grouping key"));
        outputs.add(new RawColumn("group_id", "INT64"));
        int target = 10 + rnd.nextInt(31) - 2;
        for (int c = 0; c < target; c++) {
            RawTable t = sources.get(rnd.nextInt(sources.size()));
            RawColumn col = t.columns().get(2 + rnd.nextInt(t.columns().size() - 2));
            String out = col.name() + "_" + c;
            Transform x = transform(col, t, sources, rnd);
            List<String> tests = new ArrayList<>();
            if (x.caseValues) {
                tests.add("accepted_values(...)");
            } else if (rnd.nextInt(6) == 0) {
                tests.add("not_null");
            }
            mapping.add(column(
                    out,
                    x.type,
                    t.name(),
                    col.name(),
                    x.sql,
                    rnd.nextInt(3) != 0,
                    tests,
                    rnd.nextInt(5) == 0
                            ? null
                            : "Column " + out + " derived from " + t.name() + "." + col.name()
                                    + (x.sql == null ? "" : " with a transform")));
            outputs.add(new RawColumn(out, x.type));
        }
        ArrayNode joinArray = m.putArray("joins");
        for (int j = 1; j < sources.size(); j++) {
            ObjectNode join = joinArray.addObject();
            join.put("left_table", main.name());
            join.put("right_table", sources.get(j).name());
            join.put("type", j == 1 ? "LEFT" : "INNER");
            join.put("condition", main.name() + ".key_id = " + sources.get(j).name() + ".key_id");
        }
        ArrayNode filters = m.putArray("filters");
        if (rnd.nextInt(3) == 0) {
            ObjectNode filter = filters.addObject();
            RawTable t = sources.get(sources.size() - 1);
            filter.put("applies_to", t.name());
            filter.put("predicate", "key_id IS NOT NULL AND group_id >= 0");
            filter.put("rationale", "drop rows without a key");
        }
        m.putNull("aggregations");
        m.putNull("group_by");
        ObjectNode constraints = m.putObject("constraints");
        constraints.put("primary_key", "key_id");
        constraints.putNull("partition_by");
        constraints.putNull("cluster_by");
        return new StagingOutput(name, outputs);
    }

    private record Transform(String sql, String type, boolean caseValues) {}

    private static Transform transform(RawColumn col, RawTable t, List<RawTable> sources, SplittableRandom rnd) {
        int pick = rnd.nextInt(10);
        if (pick < 4) {
            return new Transform(null, col.type(), false);
        }
        switch (col.type()) {
            case "STRING":
                if (pick < 7) {
                    return new Transform("LOWER(TRIM({from}))", "STRING", false);
                }
                return new Transform(
                        "CASE WHEN {from} IS NULL THEN 'unknown' WHEN LENGTH({from}) > 20 THEN 'long'"
                                + " ELSE 'short' END",
                        "STRING",
                        true);
            case "INT64":
            case "NUMERIC":
                if (pick < 7 && sources.size() > 1) {
                    RawTable other = sources.get(sources.size() - 1);
                    return new Transform("{from} * COALESCE(" + other.name() + ".group_id, 1)", "NUMERIC", false);
                }
                return new Transform(
                        "CASE WHEN {from} > 1000 THEN 'high' WHEN {from} > 10 THEN 'mid' ELSE 'low' END",
                        "STRING",
                        true);
            case "TIMESTAMP":
                return new Transform("TIMESTAMP_TRUNC({from}, DAY)", "TIMESTAMP", false);
            case "DATE":
                return new Transform("DATE_ADD({from}, INTERVAL 1 DAY)", "DATE", false);
            default:
                return new Transform("COALESCE({from}, FALSE)", "BOOL", false);
        }
    }

    private static int finalModel(ObjectNode m, String name, List<StagingOutput> staging, SplittableRandom rnd) {
        StagingOutput a = staging.get(rnd.nextInt(staging.size()));
        StagingOutput b = staging.size() > 1 && rnd.nextBoolean() ? staging.get(rnd.nextInt(staging.size())) : null;
        if (b != null && b.name().equals(a.name())) {
            b = null;
        }
        m.put("name", name);
        m.put("layer", "final");
        m.put("description", "Final model " + name + " over " + a.name() + (b == null ? "" : " and " + b.name()) + ".");
        ArrayNode src = m.putArray("sources");
        src.add(a.name());
        if (b != null) {
            src.add(b.name());
        }
        ArrayNode joinArray = m.putArray("joins");
        if (b != null) {
            ObjectNode join = joinArray.addObject();
            join.put("left_table", a.name());
            join.put("right_table", b.name());
            join.put("type", "LEFT");
            join.put("condition", a.name() + ".key_id = " + b.name() + ".key_id");
        }
        m.putArray("filters");
        int target = 10 + rnd.nextInt(31);
        ObjectNode constraints = m.putObject("constraints");
        if (rnd.nextInt(2) == 0) {
            // aggregate model
            m.putArray("column_mapping");
            ArrayNode aggs = m.putArray("aggregations");
            for (int c = 0; c < target - 1; c++) {
                StagingOutput s = b != null && rnd.nextBoolean() ? b : a;
                RawColumn col = s.columns().get(rnd.nextInt(s.columns().size()));
                String fn = switch (rnd.nextInt(4)) {
                    case 0 -> "COUNT(DISTINCT " + s.name() + "." + col.name() + ")";
                    case 1 -> "MAX(" + s.name() + "." + col.name() + ")";
                    case 2 -> "COUNTIF(" + s.name() + "." + col.name() + " IS NOT NULL)";
                    default -> "COUNT(*)";
                };
                ObjectNode agg = aggs.addObject();
                agg.put("metric_column", "m_" + c + "_" + col.name());
                // MAX keeps its column's type; declared INT64, a DATE or STRING column would not convert (SP235)
                agg.put("type", fn.startsWith("MAX(") ? col.type() : "INT64");
                agg.put("formula", fn);
                ArrayNode tests = agg.putArray("tests");
                if (rnd.nextInt(4) == 0) {
                    tests.add("not_null");
                }
                agg.put("description", "Metric " + c + " of " + name);
            }
            m.putArray("group_by").add("group_id");
            constraints.put("primary_key", "group_id");
        } else {
            ArrayNode mapping = m.putArray("column_mapping");
            mapping.add(column(
                    "key_id", "INT64", a.name(), "key_id", null, false, List.of("not_null", "unique"), "Business key"));
            for (int c = 0; c < target - 1; c++) {
                StagingOutput s = b != null && rnd.nextBoolean() ? b : a;
                RawColumn col = s.columns().get(rnd.nextInt(s.columns().size()));
                boolean upper = "STRING".equals(col.type()) && rnd.nextBoolean();
                mapping.add(column(
                        col.name() + "_f" + c,
                        col.type(),
                        s.name(),
                        col.name(),
                        upper ? "UPPER({from})" : null,
                        true,
                        List.of(),
                        "From " + s.name() + "." + col.name()));
            }
            m.putNull("aggregations");
            m.putNull("group_by");
            constraints.put("primary_key", "key_id");
        }
        constraints.putNull("partition_by");
        constraints.put(
                "cluster_by", b == null ? null : constraints.get("primary_key").asText());
        return target;
    }

    private static ObjectNode column(
            String target,
            String type,
            String fromTable,
            String fromColumn,
            String transform,
            boolean nullable,
            List<String> tests,
            String description) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("target_column", target);
        c.put("type", type);
        c.put("from_table", fromTable);
        c.put("from_column", fromColumn);
        c.put("transform", transform);
        c.put("nullable", nullable);
        ArrayNode t = c.putArray("tests");
        tests.forEach(t::add);
        c.put("description", description);
        return c;
    }
}
