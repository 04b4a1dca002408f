package io.github.specpipeline.core.engine.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The SQL dbt (dbt-core 1.8+ with dbt-bigquery) makes of the generated project, without dbt: what the project's
 * tests analyze on GoogleSQL. It renders the Jinja forms the generator writes ({@code {{ ref('..') }}},
 * {@code {{ source('..', '..') }}}, the escapes {@code {{ '{{' }}}, {@code {% if is_incremental() %}}) and fails on
 * any other.
 *
 * <p>The statement shapes are dbt's own macros: the generic tests {@code not_null}, {@code unique},
 * {@code accepted_values} and {@code relationships} ({@code column_name} is the column's name, quoted only when the
 * column says {@code quote: true}; {@code field} and the values are spliced in as written, values in single quotes
 * unless {@code quote: false}), the merge of an incremental model ({@code on DBT_INTERNAL_SOURCE.<key> =
 * DBT_INTERNAL_DEST.<key>}, keys as written), dbt-bigquery's {@code partition by} and {@code cluster by} (columns
 * as written), and a snapshot's staging ({@code <unique_key> as dbt_unique_key}, the check strategy's
 * {@code snapshotted_data.<col> != source_data.<col>}).
 */
public final class DbtAsCompiled {
    static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern REF = Pattern.compile("ref\\('([^']*)'\\)");
    private static final Pattern SOURCE = Pattern.compile("source\\('([^']*)', '([^']*)'\\)");
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'");
    private static final Pattern SNAPSHOT =
            Pattern.compile("(?s)\\{% snapshot (\\w+) %}\\n\\{\\{ config\\((.*?)\\) }}\\n(.*)\\{% endsnapshot %}");

    /** A model as the schema files describe it. */
    record ModelYaml(String name, JsonNode node) {
        String materialized() {
            return node.path("config").path("materialized").asText("view");
        }
    }

    /** A snapshot: its name, the schema it writes to, its config and its select. */
    record Snapshot(
            String file, String name, String schema, List<String> uniqueKey, List<String> checkCols, String select) {}

    private final Map<String, String> files;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, ModelYaml> models = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();

    /** {@code modelTables}: each model's {@code dataset.table}, as the project's {@code +schema} settings make it. */
    public DbtAsCompiled(Map<String, String> files, Map<String, String> modelTables) throws Exception {
        this.files = files;
        tables.putAll(modelTables);
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith("models/") && f.getKey().endsWith("/schema.yml")) {
                for (JsonNode m : YAML.readTree(f.getValue()).path("models")) {
                    models.put(
                            m.path("name").asText(),
                            new ModelYaml(m.path("name").asText(), m));
                }
            }
            if (f.getKey().startsWith("snapshots/")) {
                Matcher s = SNAPSHOT.matcher(f.getValue());
                if (!s.find()) {
                    throw new AssertionError(f.getKey() + ": not a snapshot block");
                }
                String config = s.group(2);
                Snapshot snap = new Snapshot(
                        f.getKey(),
                        s.group(1),
                        setting(config, "target_schema").get(0),
                        setting(config, "unique_key"),
                        setting(config, "check_cols"),
                        s.group(3));
                snapshots.put(snap.name(), snap);
                tables.put(snap.name(), snap.schema() + "." + snap.name());
            }
        }
    }

    /** A string or list-of-strings setting of a Jinja {@code config(...)} call. */
    private static List<String> setting(String config, String key) {
        Matcher m = Pattern.compile(key + "=(\\[[^]]*]|'[^']*')").matcher(config);
        if (!m.find()) {
            throw new AssertionError("config() has no " + key + ": " + config);
        }
        List<String> out = new ArrayList<>();
        Matcher v = LITERAL.matcher(m.group(1));
        while (v.find()) {
            out.add(v.group(1));
        }
        return out;
    }

    ModelYaml model(String name) {
        ModelYaml m = models.get(name);
        if (m == null) {
            throw new AssertionError("no schema.yml entry for model " + name);
        }
        return m;
    }

    public String file(String path) {
        String text = files.get(path);
        if (text == null) {
            throw new AssertionError("no file " + path);
        }
        return text;
    }

    /** The snapshots a model's SQL reads. */
    List<Snapshot> snapshotsReadBy(String sql) {
        List<Snapshot> out = new ArrayList<>();
        Matcher m = REF.matcher(sql);
        while (m.find()) {
            if (snapshots.containsKey(m.group(1))) {
                out.add(snapshots.get(m.group(1)));
            }
        }
        return out;
    }

    List<String> singularTests() {
        return files.keySet().stream().filter(f -> f.startsWith("tests/")).toList();
    }

    /** {@code text} rendered as dbt renders it, {@code is_incremental()} as given. */
    public String render(String file, String text, boolean incremental) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (true) {
            int t = indexOfJinja(text, i);
            if (t < 0) {
                return sb.append(text.substring(i)).toString();
            }
            sb.append(text, i, t);
            if (text.startsWith("{{", t)) {
                int end = text.indexOf("}}", t + 2);
                String expr = text.substring(t + 2, end).strip();
                Matcher ref = REF.matcher(expr);
                Matcher source = SOURCE.matcher(expr);
                Matcher literal = LITERAL.matcher(expr);
                if (ref.matches()) {
                    String table = tables.get(ref.group(1));
                    if (table == null) {
                        throw new AssertionError(file + ": ref to an unknown model " + ref.group(1));
                    }
                    sb.append('`').append(table).append('`');
                } else if (source.matches()) {
                    sb.append('`')
                            .append(source.group(1))
                            .append('.')
                            .append(source.group(2))
                            .append('`');
                } else if (literal.matches()) {
                    sb.append(literal.group(1));
                } else if (expr.equals("this")) {
                    // the model's own table, as dbt compiles {{ this }} inside an is_incremental() block
                    String model = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.sql$", "");
                    String table = tables.get(model);
                    if (table == null) {
                        throw new AssertionError(file + ": {{ this }} outside a model file");
                    }
                    sb.append('`').append(table).append('`');
                } else {
                    throw new AssertionError(file + ": a Jinja expression the analysis does not know: " + expr);
                }
                i = end + 2;
            } else if (text.startsWith("{% if is_incremental() %}", t)) {
                int body = t + "{% if is_incremental() %}".length();
                int end = text.indexOf("{% endif %}", body);
                if (incremental) {
                    sb.append(render(file, text.substring(body, end), true));
                }
                i = end + "{% endif %}".length();
            } else {
                throw new AssertionError(file + ": a Jinja tag the analysis does not know: "
                        + text.substring(t, Math.min(text.length(), t + 40)));
            }
        }
    }

    private static int indexOfJinja(String text, int from) {
        int best = -1;
        for (String opener : List.of("{{", "{%", "{#")) {
            int i = text.indexOf(opener, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** dbt-bigquery's {@code create or replace table|view}, with partitioning and clustering. */
    static String create(String target, ModelYaml m, String sql) {
        JsonNode config = m.node().path("config");
        if (m.materialized().equals("view")) {
            return "create or replace view `" + target + "`\nas (\n" + sql + "\n)";
        }
        String partition = "";
        JsonNode p = config.path("partition_by");
        if (!p.isMissingNode()) {
            String field = p.path("field").asText();
            String type = p.path("data_type").asText("date");
            String granularity = p.path("granularity").asText("day");
            partition = "partition by "
                    + (type.equals("int64") || (type.equals("date") && granularity.equalsIgnoreCase("day"))
                            ? field
                            : type + "_trunc(" + field + ", " + granularity + ")")
                    + "\n";
        }
        List<String> cluster = GeneratedStatementsTest.texts(config.path("cluster_by"));
        return "create or replace table `" + target + "`\n" + partition
                + (cluster.isEmpty() ? "" : "cluster by " + String.join(", ", cluster) + "\n") + "as (\n" + sql
                + "\n)";
    }

    /** dbt's merge of an incremental model with a {@code unique_key}, or its insert without one. */
    static String merge(String target, List<String> columns, String sql, List<String> uniqueKey) {
        List<String> quoted = columns.stream().map(c -> "`" + c + "`").toList();
        if (uniqueKey.isEmpty()) {
            return "insert into `" + target + "` (" + String.join(", ", quoted) + ")\n(\n    select "
                    + String.join(", ", quoted) + "\n    from (\n" + sql + "\n    ) as DBT_INTERNAL_SOURCE\n)";
        }
        return "merge into `" + target + "` as DBT_INTERNAL_DEST\n    using (\n" + sql
                + "\n    ) as DBT_INTERNAL_SOURCE\n    on ("
                + String.join(
                        " and ",
                        uniqueKey.stream()
                                .map(k -> "(DBT_INTERNAL_SOURCE." + k + " = DBT_INTERNAL_DEST." + k + ")")
                                .toList())
                + ")\n    when matched then update set\n        "
                + String.join(
                        ", ",
                        quoted.stream()
                                .map(c -> c + " = DBT_INTERNAL_SOURCE." + c)
                                .toList())
                + "\n    when not matched then insert\n        (" + String.join(", ", quoted)
                + ")\n    values\n        ("
                + String.join(", ", quoted) + ")";
    }

    /** A snapshot's first build: the select with dbt's key and validity columns. */
    static String snapshotFirstRun(Snapshot s, String select) {
        return "select *,\n    " + uniqueKeyFields(s.uniqueKey()) + ",\n    current_timestamp() as dbt_updated_at,\n"
                + "    current_timestamp() as dbt_valid_from,\n    cast(null as timestamp) as dbt_valid_to\n"
                + "from (\n" + select + "\n) as snapshot_query";
    }

    /** A snapshot's later runs: the changed rows the check strategy finds against the current versions. */
    static String snapshotChanges(Snapshot s, String select) {
        List<String> changed = new ArrayList<>();
        for (String col : s.checkCols()) {
            changed.add("snapshotted_data." + col + " != source_data." + col + "\n        or (\n"
                    + "            ((snapshotted_data." + col + " is null) and not (source_data." + col
                    + " is null))\n            or\n            ((not snapshotted_data." + col
                    + " is null) and (source_data." + col + " is null))\n        )");
        }
        String keyMatch = s.uniqueKey().size() == 1
                ? "snapshotted_data.dbt_unique_key = source_data.dbt_unique_key"
                : String.join(
                        " and ",
                        IntStream.rangeClosed(1, s.uniqueKey().size())
                                .mapToObj(i ->
                                        "snapshotted_data.dbt_unique_key_" + i + " = source_data.dbt_unique_key_" + i)
                                .toList());
        return "with snapshot_query as (\n" + select + "\n),\nsnapshotted_data as (\n    select *, "
                + uniqueKeyFields(s.uniqueKey()) + "\n    from `" + s.schema() + "." + s.name()
                + "`\n    where dbt_valid_to is null\n),\nsource_data as (\n    select *, "
                + uniqueKeyFields(s.uniqueKey()) + "\n    from snapshot_query\n)\n"
                + "select source_data.*\nfrom source_data\njoin snapshotted_data\n    on " + keyMatch
                + "\nwhere (\n    "
                + String.join("\n    or\n    ", changed) + "\n)";
    }

    private static String uniqueKeyFields(List<String> key) {
        if (key.size() == 1) {
            return key.get(0) + " as dbt_unique_key";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            out.add(key.get(i) + " as dbt_unique_key_" + (i + 1));
        }
        return String.join(", ", out);
    }

    /** A generic test of a column, as dbt's macro renders it; null for a test this class does not know. */
    String genericTest(String file, String model, JsonNode column, JsonNode test) {
        String name = column.path("name").asText();
        String columnName = column.path("quote").asBoolean(false) ? "`" + name + "`" : name;
        String relation = "`" + tables.get(model) + "`";
        if (test.isTextual() && test.asText().equals("not_null")) {
            return "select " + columnName + "\nfrom " + relation + "\nwhere " + columnName + " is null";
        }
        if (test.isTextual() && test.asText().equals("unique")) {
            return "select\n    " + columnName + " as unique_field,\n    count(*) as n_records\nfrom " + relation
                    + "\nwhere " + columnName + " is not null\ngroup by " + columnName + "\nhaving count(*) > 1";
        }
        JsonNode accepted = test.path("accepted_values");
        if (!accepted.isMissingNode()) {
            boolean quote = accepted.path("quote").asBoolean(true);
            List<String> values = new ArrayList<>();
            for (JsonNode v : accepted.path("values")) {
                String text = render(file, v.isNull() ? "None" : v.asText(), false);
                values.add(quote ? "'" + text + "'" : text);
            }
            return "with all_values as (\n    select\n        " + columnName
                    + " as value_field,\n        count(*) as n_records\n    from " + relation + "\n    group by "
                    + columnName + "\n)\nselect *\nfrom all_values\nwhere value_field not in (\n    "
                    + String.join(",", values) + "\n)";
        }
        JsonNode rel = test.path("relationships");
        if (!rel.isMissingNode()) {
            String to = render(file, "{{ " + rel.path("to").asText() + " }}", false);
            return "with child as (\n    select " + columnName + " as from_field\n    from " + relation
                    + "\n    where " + columnName + " is not null\n),\nparent as (\n    select "
                    + rel.path("field").asText() + " as to_field\n    from " + to + "\n)\nselect\n    from_field\n"
                    + "from child\nleft join parent\n    on child.from_field = parent.to_field\n"
                    + "where parent.to_field is null";
        }
        return null;
    }
}
