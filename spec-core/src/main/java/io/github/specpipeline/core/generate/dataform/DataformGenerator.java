package io.github.specpipeline.core.generate.dataform;

import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Headers;
import io.github.specpipeline.core.generate.LayoutSupport;
import io.github.specpipeline.core.generate.SqlQueryWriter;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.Text;
import io.github.specpipeline.core.generate.Yaml;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.RawTables;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testcatalog.TestSql;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Dataform target (Dataform core 3): {@code workflow_settings.yaml}, a declaration per raw table, and a
 * {@code definitions/<layer>/<model>.sqlx} per model with its config (schema, type, tags, description, column
 * descriptions, BigQuery partitioning and clustering, built-in assertions). Relationships and SCD2 invariants
 * are assertion actions of their own. An SCD2 model is an incremental table that inserts a version for every
 * new or changed source row and closes the versions it supersedes in a post-operation.
 *
 * <p>SQLX bodies are JavaScript templates: spec text reaches them only inside SQL string literals, where every
 * {@code $}{@code {} is written as {@code $}{@code {"$"}{@code }{}; config values are JavaScript string literals
 * with {@code $}, backticks and line breaks escaped.
 */
public final class DataformGenerator {
    /** The {@code @dataform/core} version the project pins (the latest 3.0 release). */
    public static final String CORE_VERSION = "3.0.62";

    private static final Dialect D = Dialect.BIGQUERY;
    private static final Set<String> BUILT_IN =
            Set.of("not_null", "unique", "accepted_values", "expression", "primary_key", "group_key_unique");

    public List<GeneratedFile> files(ValidatedSpec spec) {
        String hash = Headers.hash(spec.specFile());
        String sqlHeader = Headers.sql(spec.specFile());
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile(
                "workflow_settings.yaml",
                hash
                        + "# defaultProject and defaultLocation are needed to run on BigQuery: add them for your project.\n"
                        + "defaultDataset: " + Yaml.string(spec.spec().schema().finalSchema()) + "\n"
                        + "defaultAssertionDataset: "
                        + Yaml.string(spec.spec().schema().finalSchema() + "_assertions") + "\n"
                        + "dataformCoreVersion: " + Yaml.string(CORE_VERSION) + "\n"));
        String raw = spec.spec().schema().raw();
        TestCatalog catalog = TestCatalog.of(spec);
        for (String table : RawTables.of(spec).read()) {
            files.add(new GeneratedFile(
                    "definitions/sources/" + raw + "_" + table + ".sqlx", declaration(spec, table, sqlHeader)));
        }
        TestSql testSql = new TestSql(spec, D, new TestSql.Relations() {
            @Override
            public String model(String model) {
                return "\u0000${ref(" + Text.js(model) + ")}\u0000";
            }

            @Override
            public String raw(String table) {
                return "\u0000${ref(" + Text.js(raw) + ", " + Text.js(table) + ")}\u0000";
            }
        });
        for (Model m : spec.graph().order()) {
            ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
            List<TestCase> tests = catalog.tests(m.name());
            files.add(new GeneratedFile(
                    "definitions/" + m.layer().id() + "/" + m.name() + ".sqlx",
                    model(spec, m, plan, tests, testSql, Headers.sql(Headers.source(spec, m))),
                    m.pointer() + "/name"));
            for (TestCase t : tests) {
                if (!BUILT_IN.contains(t.kind())) {
                    files.add(new GeneratedFile(
                            "definitions/assertions/" + t.id() + ".sqlx",
                            sqlHeader
                                    + "config {\n  type: \"assertion\",\n  description: " + Text.js(t.description())
                                    + ",\n"
                                    + "  tags: [" + Text.js(m.name()) + "]\n}\n\n"
                                    + "-- Returns the failing rows; none means the assertion passes.\n"
                                    + relations(template(testSql.failingRows(t))) + "\n",
                            t.pointer()));
                }
            }
        }
        return files;
    }

    /**
     * A raw table's declaration. Dataform reads {@code columns: {name: "text"}} as column descriptions, and neither the
     * spec nor the DDL describes raw columns, so there is no {@code columns}: the DDL's columns and types are listed
     * in a comment for the reader.
     */
    private static String declaration(ValidatedSpec spec, String table, String sqlHeader) {
        String raw = spec.spec().schema().raw();
        StringBuilder sb = new StringBuilder(sqlHeader);
        SourceTable t = spec.sourceCatalog().flatMap(c -> c.table(raw, table)).orElse(null);
        if (t != null && !t.columns().isEmpty()) {
            sb.append("-- Columns in the source DDL:\n");
            for (SourceColumn c : t.columns()) {
                sb.append("--   ")
                        .append(Text.commentLine(c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : "")))
                        .append('\n');
            }
        }
        sb.append("config {\n  type: \"declaration\",\n  schema: ")
                .append(Text.js(raw))
                .append(",\n  name: ")
                .append(Text.js(table));
        return sb.append("\n}\n").toString();
    }

    private static final String SELF = "\u0001self\u0001";

    /**
     * An incremental model's watermark predicate, on the model's own table, only on an incremental run: a
     * {@code when(incremental(), `...`)} whose template literal holds the line escaped (backslash, backtick,
     * {@code ${}), then {@code ${self()}}; kept whole through {@link #template} by the relation markers.
     */
    private static final SqlQueryWriter.Batch INCREMENTAL_RUN = new SqlQueryWriter.Batch(
            SELF,
            line -> "\u0000${when(incremental(), `"
                    + line.replace("\\", "\\\\")
                            .replace("`", "\\`")
                            .replace("${", "\\${")
                            .replace(SELF, "${self()}")
                    + "`)}\u0000");

    private static String model(
            ValidatedSpec spec, Model m, ModelPlan plan, List<TestCase> tests, TestSql testSql, String sqlHeader) {
        String raw = spec.spec().schema().raw();
        java.util.function.Function<ModelPlan.Source, String> relation = s -> s.ref()
                        .isQualified()
                ? "\u0000" + "${ref(" + Text.js(raw) + ", " + Text.js(s.ref().table()) + ")}" + "\u0000"
                : "\u0000" + "${ref(" + Text.js(s.ref().table()) + ")}" + "\u0000";
        String select = template(
                plan.incremental() != null && plan.incremental().watermark() != null
                        ? SqlQueryWriter.batch(plan, D, relation, INCREMENTAL_RUN)
                        : SqlQueryWriter.select(plan, D, relation));
        List<String> config = new ArrayList<>();
        Materialization mat = m.effectiveMaterialization();
        config.add("type: " + Text.js(mat.id()));
        config.add("schema: " + Text.js(spec.spec().schema().of(m.layer())));
        if (!m.tags().isEmpty()) {
            config.add("tags: [" + m.tags().stream().map(Text::js).collect(Collectors.joining(", ")) + "]");
        }
        if (m.description() != null) {
            config.add("description: " + Text.js(m.description()));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (ColumnMapping c : m.columns()) {
            if (c.description() != null) {
                columns.put(c.targetColumn(), c.description());
            }
        }
        m.aggregations().stream()
                .filter(a -> a.description() != null)
                .forEach(a -> columns.put(a.metricColumn(), a.description()));
        if (!columns.isEmpty()) {
            config.add("columns: {\n"
                    + columns.entrySet().stream()
                            .map(e -> "    " + Text.js(e.getKey()) + ": " + Text.js(e.getValue()))
                            .collect(Collectors.joining(",\n"))
                    + "\n  }");
        }
        if (plan.incremental() != null && !plan.incremental().uniqueKey().isEmpty()) {
            config.add("uniqueKey: [" + sqlNames(plan.incremental().uniqueKey()) + "]");
        }
        List<String> bigquery = new ArrayList<>();
        if (LayoutSupport.partitions(Target.DATAFORM, plan)) {
            bigquery.add("partitionBy: " + Text.js(plan.layout().partitionBy())); // Dataform takes the expression
        }
        if (LayoutSupport.clusters(Target.DATAFORM, plan)) {
            bigquery.add("clusterBy: [" + sqlNames(plan.layout().clusterBy()) + "]");
        }
        if (!bigquery.isEmpty()) {
            config.add("bigquery: {\n    " + String.join(",\n    ", bigquery) + "\n  }");
        }
        String assertions = assertions(m, tests, testSql);
        if (!assertions.isEmpty()) {
            config.add("assertions: {\n" + assertions + "\n  }");
        }
        StringBuilder sb = new StringBuilder(sqlHeader);
        sb.append("config {\n  ").append(String.join(",\n  ", config)).append("\n}\n\n");
        if (plan.scd2() == null) {
            sb.append(relations(select).stripTrailing()).append('\n');
        } else {
            sb.append(scd2(plan, relations(select).stripTrailing()));
        }
        return sb.toString();
    }

    /** The built-in assertions: uniqueness keys, non-null columns and row conditions. */
    private static String assertions(Model m, List<TestCase> tests, TestSql testSql) {
        Set<List<String>> uniqueKeys = new LinkedHashSet<>();
        Set<String> nonNull = new LinkedHashSet<>();
        List<String> rowConditions = new ArrayList<>();
        for (TestCase t : tests) {
            TestCase.Check c = t.check();
            if (c instanceof TestCase.NotNull n) {
                nonNull.add(n.column());
            } else if (c instanceof TestCase.Unique u) {
                uniqueKeys.add(List.of(u.column()));
            } else if (c instanceof TestCase.PrimaryKey pk) {
                uniqueKeys.add(pk.columns());
                nonNull.addAll(pk.columns());
            } else if (c instanceof TestCase.GroupKeyUnique g) {
                uniqueKeys.add(g.columns());
            } else if (c instanceof TestCase.AcceptedValues a) {
                rowConditions.add(D.quote(a.column()) + " IS NULL OR " + D.quote(a.column()) + " IN ("
                        + testSql.values(a.values()) + ")");
            } else if (c instanceof TestCase.Expression e) {
                rowConditions.add(testSql.expression(m.name(), e.sql()));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!uniqueKeys.isEmpty()) {
            parts.add("    uniqueKeys: ["
                    + uniqueKeys.stream().map(k -> "[" + sqlNames(k) + "]").collect(Collectors.joining(", "))
                    + "]");
        }
        if (!nonNull.isEmpty()) {
            parts.add("    nonNull: [" + sqlNames(List.copyOf(nonNull)) + "]");
        }
        if (!rowConditions.isEmpty()) {
            parts.add("    rowConditions: [\n"
                    + rowConditions.stream().map(r -> "      " + Text.js(r)).collect(Collectors.joining(",\n"))
                    + "\n    ]");
        }
        return String.join(",\n", parts);
    }

    /**
     * Column names for the config settings Dataform splices into SQL as they are written, each a JavaScript string
     * holding the name as a BigQuery identifier (backticks where BigQuery needs them). Dataform core 3.0.62 writes
     * {@code uniqueKeys} into {@code SELECT <keys>, COUNT(1) ... GROUP BY <keys>}, each {@code nonNull} column into
     * {@code WHERE NOT (<column> IS NOT NULL)}, {@code uniqueKey} into the merge's {@code ON DATAFORM_DEST.<key> = ...}
     * and {@code clusterBy} into {@code cluster by <columns>}, none of them quoted: a reserved name such as
     * {@code group} written plainly is a syntax error on BigQuery.
     */
    private static String sqlNames(List<String> columns) {
        return columns.stream().map(c -> Text.js(D.quote(c))).collect(Collectors.joining(", "));
    }

    /**
     * An SCD2 model ({@link Scd2Plan}) as an incremental table: each run inserts the source rows that fail the
     * change predicate against every current version (new keys, changed rows), valid from the run time; a
     * post-operation then closes the current versions that a newer version of the same entity superseded, valid
     * until the newer one starts.
     */
    private static String scd2(ModelPlan plan, String select) {
        Scd2Plan k = plan.scd2();
        String from = D.quote(k.effectiveAt());
        String to = D.quote(k.expiryAt());
        String flag = D.quote(k.currentFlag());
        String newer = "FROM ${self()} AS newer\n        WHERE "
                + String.join("\n          AND ", k.close().conditions(D, "newer", "old_rows"))
                + "\n          AND newer." + from + " > old_rows." + from;
        String indented = select.indent(2).stripTrailing();
        return "SELECT source_rows.*, " + runAt(k.runAt()) + " AS " + from + ", CAST(NULL AS TIMESTAMP) AS " + to
                + ", TRUE AS "
                + flag + "\nFROM (\n" + indented + "\n) AS source_rows\n"
                + "${when(incremental(), `"
                + ("WHERE NOT EXISTS (\n"
                                + "  SELECT 1\n  FROM ${self()} AS current_rows\n  WHERE current_rows." + flag + "\n"
                                + k.change().conditions(D, "current_rows", "source_rows").stream()
                                        .map(s -> "    AND " + s + "\n")
                                        .collect(Collectors.joining())
                                + ")")
                        .replace("`", "\\`")
                + "`)}\n\n"
                + "post_operations {\n"
                + "  UPDATE ${self()} AS old_rows\n"
                + "  SET " + flag + " = FALSE,\n"
                + "      " + to + " = (\n        SELECT MIN(newer." + from + ")\n        " + newer + "\n      )\n"
                + "  WHERE old_rows." + flag + "\n"
                + "    AND EXISTS (\n        SELECT 1\n        " + newer + "\n      )\n"
                + "}\n";
    }

    /** The run timestamp on BigQuery, which Dataform runs without session variables: the statement's time. */
    private static String runAt(Scd2Plan.RunAt runAt) {
        return switch (runAt) {
            case SESSION_VARIABLE_OR_NOW -> "CURRENT_TIMESTAMP()";
        };
    }

    /** SQL as a SQLX body: {@code ${} outside our own relation markers is escaped. */
    private static String template(String sql) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            int marker = sql.indexOf('\u0000', i);
            String plain = marker < 0 ? sql.substring(i) : sql.substring(i, marker);
            sb.append(escapeTemplate(plain));
            if (marker < 0) {
                break;
            }
            int end = sql.indexOf('\u0000', marker + 1);
            sb.append(sql, marker, end + 1);
            i = end + 1;
        }
        return sb.toString();
    }

    /** Our relation markers, kept through escaping, become the {@code ${ref(...)}} they hold. */
    private static String relations(String sql) {
        return sql.replace("\u0000", "");
    }

    private static String escapeTemplate(String s) {
        return s.replace("${", "${\"$\"}{");
    }
}
