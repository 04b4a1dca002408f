package io.github.specpipeline.core.engine.bigquery;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL Dataform (core 3.0.62, the version the generated project pins) makes of the generated SQLX files, without
 * Dataform: what the project's tests analyze on GoogleSQL. It knows the few template forms the generator writes
 * ({@code ${ref(...)}}, {@code ${self()}}, {@code ${when(incremental(), `...`)}} and {@code ${"$"}}) and fails on
 * any other, so a new form cannot slip past unanalyzed.
 *
 * <p>The statement shapes are Dataform's own, copied from its sources: {@code CompilationSql.indexAssertion} and
 * {@code rowConditionsAssertion} in {@code @dataform/core} (built-in assertions: the key columns, the row conditions
 * and {@code nonNull} as {@code <column> IS NOT NULL} are spliced in as written), and the BigQuery adapter's
 * {@code createOrReplace}, {@code mergeInto} and {@code insertInto} in {@code @dataform/cli} (partition and cluster
 * columns, and merge keys, spliced in as written too).
 */
public final class DataformAsCompiled {
    private static final JsonMapper CONFIG = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    /** A SQLX file: its config, its body and its post-operations (empty when none). */
    public record Sqlx(String file, String name, JsonNode config, String body, String postOperations) {
        String type() {
            return config.path("type").asText();
        }

        /** {@code dataset.table} as Dataform names the action's output. */
        public String target() {
            return config.path("schema").asText() + "." + name;
        }
    }

    private final Map<String, Sqlx> byName = new LinkedHashMap<>();

    public DataformAsCompiled(Map<String, String> files) {
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().endsWith(".sqlx")) {
                Sqlx s = parse(f.getKey(), f.getValue());
                byName.put(s.name(), s);
            }
        }
    }

    /** The SQLX file of the action {@code name} (the file's base name, as Dataform names actions). */
    public Sqlx action(String name) {
        Sqlx s = byName.get(name);
        if (s == null) {
            throw new AssertionError("no SQLX file for action " + name + " in " + byName.keySet());
        }
        return s;
    }

    List<Sqlx> assertionFiles() {
        return byName.values().stream()
                .filter(s -> s.type().equals("assertion"))
                .toList();
    }

    static Sqlx parse(String file, String text) {
        int start = text.indexOf("config {");
        if (start < 0) {
            throw new AssertionError(file + ": no config block");
        }
        int open = text.indexOf('{', start);
        int close = matchingBrace(file, text, open);
        JsonNode config;
        try {
            config = CONFIG.readTree(text.substring(open, close + 1));
        } catch (Exception e) {
            throw new AssertionError(file + ": config is not a JavaScript object literal: " + e.getMessage(), e);
        }
        String rest = text.substring(close + 1);
        String post = "";
        int p = rest.indexOf("\npost_operations {");
        if (p >= 0) {
            int postOpen = rest.indexOf('{', p);
            int postClose = matchingBrace(file, rest, postOpen);
            post = rest.substring(postOpen + 1, postClose);
            rest = rest.substring(0, p);
        }
        String name = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.sqlx$", "");
        return new Sqlx(file, name, config, rest.strip(), post.strip());
    }

    /** The closing brace of the one at {@code open}, skipping JavaScript string literals. */
    private static int matchingBrace(String file, String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError(file + ": unbalanced braces");
    }

    /** {@code text} with its templates replaced as Dataform does for {@code self}, in a full or incremental run. */
    public String resolve(String file, String text, String self, boolean incremental) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (true) {
            int t = text.indexOf("${", i);
            if (t < 0) {
                return sb.append(text.substring(i)).toString();
            }
            sb.append(text, i, t);
            String rest = text.substring(t);
            if (rest.startsWith("${\"$\"}")) {
                sb.append('$');
                i = t + "${\"$\"}".length();
            } else if (rest.startsWith("${self()}")) {
                sb.append('`').append(self).append('`');
                i = t + "${self()}".length();
            } else if (rest.startsWith("${ref(")) {
                int end = text.indexOf(")}", t);
                List<String> args = jsStrings(file, text.substring(t + "${ref(".length(), end));
                String target = args.size() == 2
                        ? args.get(0) + "." + args.get(1)
                        : action(args.get(0)).target();
                sb.append('`').append(target).append('`');
                i = end + 2;
            } else if (rest.startsWith("${when(incremental(), `")) {
                int body = t + "${when(incremental(), `".length();
                int end = body;
                StringBuilder inner = new StringBuilder();
                while (text.charAt(end) != '`') {
                    if (text.charAt(end) == '\\') {
                        end++; // an escaped character of the JavaScript template literal
                    }
                    inner.append(text.charAt(end));
                    end++;
                }
                if (!text.startsWith("`)}", end)) {
                    throw new AssertionError(file + ": when(incremental(), ...) is not closed by `)}");
                }
                if (incremental) {
                    sb.append(resolve(file, inner.toString(), self, true));
                }
                i = end + 3;
            } else {
                throw new AssertionError(file + ": a template the analysis does not know: "
                        + rest.substring(0, Math.min(40, rest.length())));
            }
        }
    }

    private static List<String> jsStrings(String file, String args) {
        try {
            List<String> out = new ArrayList<>();
            CONFIG.readTree("[" + args + "]").forEach(n -> out.add(n.asText()));
            return out;
        } catch (Exception e) {
            throw new AssertionError(file + ": ref arguments are not string literals: " + args, e);
        }
    }

    /** Dataform's {@code uniqueKey} assertion. */
    static String indexAssertion(String dataset, List<String> indexCols) {
        String cols = String.join(", ", indexCols);
        return "\nSELECT\n  *\nFROM (\n  SELECT\n    " + cols + ",\n    COUNT(1) AS index_row_count\n  FROM " + dataset
                + "\n  GROUP BY " + cols + "\n  ) AS data\nWHERE index_row_count > 1\n";
    }

    /** Dataform's {@code rowConditions} assertion ({@code nonNull} columns are conditions {@code <c> IS NOT NULL}). */
    static String rowConditionsAssertion(String dataset, List<String> rowConditions) {
        List<String> parts = new ArrayList<>();
        for (String c : rowConditions) {
            parts.add("\nSELECT\n  " + sqlString(c) + " AS failing_row_condition,\n  *\nFROM " + dataset
                    + "\nWHERE NOT (" + c + ")\n");
        }
        return String.join("UNION ALL", parts);
    }

    private static String sqlString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The BigQuery adapter's {@code create or replace table|view}. */
    static String createOrReplace(String type, String target, JsonNode bigquery, String query) {
        String partitionBy = bigquery.path("partitionBy").asText("");
        List<String> clusterBy = new ArrayList<>();
        bigquery.path("clusterBy").forEach(c -> clusterBy.add(c.asText()));
        return "create or replace " + (type.equals("view") ? "view" : "table") + " `" + target + "` "
                + (partitionBy.isEmpty() ? "" : "partition by " + partitionBy + " ")
                + (clusterBy.isEmpty() ? "" : "cluster by " + String.join(", ", clusterBy) + " ")
                + "as " + query;
    }

    /** The BigQuery adapter's {@code merge} of an incremental table with a {@code uniqueKey}. */
    static String mergeInto(String target, List<String> columns, String query, List<String> uniqueKey) {
        List<String> ticked = columns.stream().map(c -> "`" + c + "`").toList();
        return "\nmerge `" + target + "` DATAFORM_DEST\nusing (" + query + "\n) DATAFORM_SOURCE\non "
                + String.join(
                        " and ",
                        uniqueKey.stream()
                                .map(k -> "DATAFORM_DEST." + k + " = DATAFORM_SOURCE." + k)
                                .toList())
                + " \n\nwhen matched then\n  update set "
                + String.join(
                        ",",
                        columns.stream()
                                .map(c -> "`" + c + "` = DATAFORM_SOURCE." + c)
                                .toList())
                + "\nwhen not matched then\n  insert (" + String.join(",", ticked) + ") values ("
                + String.join(",", ticked) + ")";
    }

    /** The BigQuery adapter's {@code insert} of an incremental table without a {@code uniqueKey}. */
    static String insertInto(String target, List<String> columns, String query) {
        String ticked =
                String.join(",", columns.stream().map(c -> "`" + c + "`").toList());
        return "\ninsert into `" + target + "`\n(" + ticked + ")\nselect " + ticked + "\nfrom (" + query
                + ") as insertions";
    }
}
