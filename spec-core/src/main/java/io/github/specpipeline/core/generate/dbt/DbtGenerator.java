package io.github.specpipeline.core.generate.dbt;

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
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Partitioning;
import io.github.specpipeline.core.plan.RawTables;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testcatalog.TestSql;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dbt target (dbt-core 1.8+, BigQuery adapter): {@code dbt_project.yml}, {@code models/sources.yml}, one
 * model per file with {@code ref()}/{@code source()}, {@code models/<layer>/schema.yml} with descriptions,
 * configs, enforced contracts, generic data tests and unit tests, a snapshot per SCD2 model (check strategy),
 * and the other data tests as singular tests in {@code tests/}. All spec text is Jinja-escaped: dbt renders
 * model SQL and (sooner or later) every string of its YAML.
 */
public final class DbtGenerator {
    /** The dbt project (and profile) name. */
    public static final String PROJECT = "spec_pipeline";

    private static final Dialect D = Dialect.BIGQUERY;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Set<String> GENERIC = Set.of("not_null", "unique", "accepted_values", "relationships");

    public List<GeneratedFile> files(ValidatedSpec spec) {
        String header = Headers.hash(spec.specFile());
        String sqlHeader = Text.jinja(Headers.sql(spec.specFile()));
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile("dbt_project.yml", project(spec, header)));
        files.add(new GeneratedFile(
                "macros/generate_schema_name.sql",
                sqlHeader
                        + "-- Models go to the schema their layer names in the spec, exactly (not <target schema>_<schema>).\n"
                        + "{% macro generate_schema_name(custom_schema_name, node) -%}\n"
                        + "    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}\n"
                        + "{%- endmacro %}\n"));
        files.add(new GeneratedFile("models/sources.yml", sources(spec, header)));
        TestCatalog catalog = TestCatalog.of(spec);
        TestSql testSql = new TestSql(spec, D, new TestSql.Relations() {
            @Override
            public String model(String model) {
                return "\u0000ref:" + model + "\u0000";
            }

            @Override
            public String raw(String table) {
                return "\u0000source:" + table + "\u0000";
            }
        });
        Map<Layer, StringBuilder> schemaFiles = new TreeMap<>();
        for (Model m : spec.graph().order()) {
            ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
            String folder = "models/" + m.layer().id() + "/";
            String modelHeader = Text.jinja(Headers.sql(Headers.source(spec, m)));
            if (plan.scd2() != null) {
                files.add(new GeneratedFile(
                        "snapshots/" + snapshotName(spec, m) + ".sql",
                        snapshot(spec, m, plan, modelHeader),
                        m.pointer() + "/name"));
                files.add(new GeneratedFile(
                        folder + m.name() + ".sql", scd2View(spec, m, plan, modelHeader), m.pointer() + "/name"));
            } else {
                String select = SqlQueryWriter.select(plan, D, s -> placeholder(spec, s.ref()));
                files.add(new GeneratedFile(
                        folder + m.name() + ".sql",
                        modelHeader + modelComment(m) + relations(spec, Text.jinja(select)),
                        m.pointer() + "/name"));
            }
            schemaFiles
                    .computeIfAbsent(m.layer(), l -> new StringBuilder(header).append("version: 2\n\nmodels:\n"))
                    .append(modelYaml(spec, m, plan, catalog.tests(m.name()), testSql));
            for (TestCase t : catalog.tests(m.name())) {
                if (!GENERIC.contains(t.kind())) {
                    String sql = testSql.failingRows(t);
                    files.add(new GeneratedFile(
                            "tests/" + t.id() + ".sql",
                            sqlHeader + "-- Data test " + t.id() + ": "
                                    + Text.jinja(Text.commentLine(t.description()))
                                    + "\n-- Returns the failing rows; none means it passes.\n"
                                    + relations(spec, Text.jinja(sql)) + "\n",
                            t.pointer()));
                }
            }
        }
        for (Map.Entry<Layer, StringBuilder> e : schemaFiles.entrySet()) {
            StringBuilder yaml = e.getValue();
            String units = unitTests(spec, e.getKey());
            if (!units.isEmpty()) {
                yaml.append("\nunit_tests:\n").append(units);
            }
            files.add(new GeneratedFile("models/" + e.getKey().id() + "/schema.yml", yaml.toString()));
        }
        return files;
    }

    /**
     * The snapshot of an SCD2 model: {@code <model>_history}. Snapshots and models share dbt's namespace of
     * {@code ref()} names, so when a model (or an earlier snapshot) already has that name, the lowest free
     * {@code _2}, {@code _3}, ... suffix is added.
     */
    private static String snapshotName(ValidatedSpec spec, Model m) {
        Set<String> taken = new HashSet<>();
        spec.spec().models().forEach(x -> taken.add(x.name().toLowerCase(Locale.ROOT)));
        for (Model x : spec.graph().order()) {
            if (!x.constraints().isScd2()) {
                continue;
            }
            String name = x.name() + "_history";
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = x.name() + "_history_" + n;
            }
            if (x == m) {
                return name;
            }
        }
        throw new IllegalArgumentException("not an SCD2 model: " + m.name());
    }

    private static String project(ValidatedSpec spec, String header) {
        StringBuilder sb = new StringBuilder(header);
        sb.append("name: ").append(PROJECT).append('\n');
        sb.append("version: ").append(Yaml.string("1.0.0")).append('\n');
        sb.append("config-version: 2\n");
        sb.append("require-dbt-version: ").append(Yaml.string(">=1.8.0")).append('\n');
        sb.append("profile: ").append(PROJECT).append('\n');
        sb.append("model-paths: ").append(Yaml.strings(List.of("models"))).append('\n');
        sb.append("snapshot-paths: ").append(Yaml.strings(List.of("snapshots"))).append('\n');
        sb.append("test-paths: ").append(Yaml.strings(List.of("tests"))).append('\n');
        sb.append("macro-paths: ").append(Yaml.strings(List.of("macros"))).append('\n');
        sb.append("\nmodels:\n  ").append(PROJECT).append(":\n");
        for (Layer layer : Layer.values()) {
            sb.append("    ").append(layer.id()).append(":\n");
            sb.append("      +schema: ")
                    .append(Yaml.string(spec.spec().schema().of(layer)))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String sources(ValidatedSpec spec, String header) {
        String raw = spec.spec().schema().raw();
        StringBuilder sb = new StringBuilder(header);
        sb.append("version: 2\n\nsources:\n");
        sb.append("  - name: ").append(Yaml.string(raw)).append('\n');
        sb.append("    schema: ").append(Yaml.string(raw)).append('\n');
        sb.append("    tables:\n");
        for (String table : RawTables.of(spec).read()) {
            sb.append("      - name: ").append(Yaml.string(table)).append('\n');
            SourceTable t =
                    spec.sourceCatalog().flatMap(c -> c.table(raw, table)).orElse(null);
            if (t != null && !t.columns().isEmpty()) {
                sb.append("        columns:\n");
                for (SourceColumn c : t.columns()) {
                    sb.append("          - name: ")
                            .append(Yaml.string(c.name()))
                            .append('\n');
                    sb.append("            data_type: ")
                            .append(Yaml.string(c.type()))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The placeholder a relation is written as until the SQL is Jinja-escaped. */
    private static String placeholder(ValidatedSpec spec, SourceRef ref) {
        return ref.isQualified() ? "\u0000source:" + ref.table() + "\u0000" : "\u0000ref:" + ref.table() + "\u0000";
    }

    /** Replaces relation placeholders with {@code ref()} / {@code source()} calls. */
    private static String relations(ValidatedSpec spec, String sql) {
        String raw = spec.spec().schema().raw();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (true) {
            int start = sql.indexOf('\u0000', i);
            if (start < 0) {
                break;
            }
            int end = sql.indexOf('\u0000', start + 1);
            sb.append(sql, i, start);
            String token = sql.substring(start + 1, end);
            if (token.startsWith("ref:")) {
                sb.append("{{ ref('").append(token.substring(4)).append("') }}");
            } else {
                sb.append("{{ source('")
                        .append(raw)
                        .append("', '")
                        .append(token.substring(7))
                        .append("') }}");
            }
            i = end + 1;
        }
        return sb.append(sql.substring(i)).toString();
    }

    private static String modelComment(Model m) {
        return "-- Model " + m.name() + " (" + m.layer().id()
                + "): see schema.yml for its description, columns and tests.\n\n";
    }

    private static String snapshot(ValidatedSpec spec, Model m, ModelPlan plan, String sqlHeader) {
        Scd2Plan k = plan.scd2();
        String select = relations(spec, Text.jinja(SqlQueryWriter.select(plan, D, s -> placeholder(spec, s.ref()))));
        // dbt splices unique_key into "<key> as dbt_unique_key" and check_cols into "snapshotted_data.<col> != ...":
        // names are written as BigQuery identifiers (a name is a validated identifier: no quote to escape)
        String uniqueKey = k.naturalKey().size() == 1
                ? "'" + D.quote(k.naturalKey().get(0)) + "'"
                : "[" + k.naturalKey().stream().map(x -> "'" + D.quote(x) + "'").collect(Collectors.joining(", "))
                        + "]";
        String checkCols =
                "[" + k.tracked().stream().map(x -> "'" + D.quote(x) + "'").collect(Collectors.joining(", ")) + "]";
        return sqlHeader
                + "-- History of " + m.name()
                + " (SCD type 2, check strategy): a new version whenever a tracked column changes.\n"
                + "-- Rows that disappear from the source keep their current version (hard deletes are ignored).\n"
                + "{% snapshot " + snapshotName(spec, m) + " %}\n"
                + "{{ config(target_schema='" + spec.spec().schema().of(m.layer()) + "', unique_key=" + uniqueKey
                + ", strategy='check', check_cols=" + checkCols + ") }}\n\n"
                + select.stripTrailing() + "\n{% endsnapshot %}\n";
    }

    private static String scd2View(ValidatedSpec spec, Model m, ModelPlan plan, String sqlHeader) {
        Scd2Plan k = plan.scd2();
        List<String> cols = k.columns().stream().map(D::quote).collect(Collectors.toList());
        return sqlHeader + "-- Model " + m.name() + " (" + m.layer().id() + "): the versions kept by the snapshot "
                + snapshotName(spec, m) + ", with the validity columns the spec names.\n\n"
                + "SELECT\n    " + String.join(",\n    ", cols) + ",\n"
                + "    dbt_valid_from AS " + D.quote(k.effectiveAt()) + ",\n"
                + "    dbt_valid_to AS " + D.quote(k.expiryAt()) + ",\n"
                + "    dbt_valid_to IS NULL AS " + D.quote(k.currentFlag()) + "\n"
                + "FROM {{ ref('" + snapshotName(spec, m) + "') }}\n";
    }

    private static String modelYaml(
            ValidatedSpec spec, Model m, ModelPlan plan, List<TestCase> tests, TestSql testSql) {
        StringBuilder sb = new StringBuilder();
        sb.append("  - name: ").append(Yaml.string(m.name())).append('\n');
        if (m.description() != null) {
            sb.append("    description: ").append(s(m.description())).append('\n');
        }
        sb.append("    config:\n");
        Materialization mat = plan.scd2() != null ? Materialization.VIEW : m.effectiveMaterialization();
        sb.append("      materialized: ").append(Yaml.string(mat.id())).append('\n');
        if (!m.tags().isEmpty()) {
            sb.append("      tags: ")
                    .append(Yaml.flowSequence(
                            m.tags().stream().map(DbtGenerator::s).toList()))
                    .append("\n");
        }
        if (plan.incremental() != null) {
            if (!plan.incremental().uniqueKey().isEmpty()) {
                sb.append("      unique_key: ")
                        .append(Yaml.strings(plan.incremental().uniqueKey().stream()
                                .map(D::quote)
                                .toList()))
                        .append("\n");
            }
            sb.append("      on_schema_change: ")
                    .append(Yaml.string("append_new_columns"))
                    .append('\n');
        }
        List<Column> outputs = spec.outputColumns(m.name());
        if (LayoutSupport.partitions(Target.DBT, plan)) {
            Partitioning p = plan.layout().partitioning();
            sb.append("      partition_by:\n        field: ")
                    .append(sqlName(p.column()))
                    .append('\n');
            sb.append("        data_type: ")
                    .append(Yaml.string(plan.layout().partitionType().toLowerCase(Locale.ROOT)))
                    .append('\n');
            if (p.granularity() != null) {
                sb.append("        granularity: ")
                        .append(Yaml.string(p.granularity()))
                        .append('\n');
            }
        }
        if (LayoutSupport.clusters(Target.DBT, plan)) {
            sb.append("      cluster_by: ")
                    .append(Yaml.strings(
                            plan.layout().clusterBy().stream().map(D::quote).toList()))
                    .append("\n");
        }
        boolean typesKnown = !outputs.isEmpty() && outputs.stream().allMatch(c -> c.type() != null);
        if (typesKnown) {
            sb.append("      contract:\n        enforced: true\n");
        }
        if (m.owner() != null) {
            sb.append("      meta:\n        owner: ").append(s(m.owner())).append('\n');
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (ColumnMapping c : m.columns()) {
            descriptions.put(c.targetColumn().toLowerCase(Locale.ROOT), c.description());
        }
        m.aggregations().forEach(a -> descriptions.put(a.metricColumn().toLowerCase(Locale.ROOT), a.description()));
        if (!outputs.isEmpty()) {
            sb.append("    columns:\n");
            for (Column c : outputs) {
                sb.append("      - name: ").append(Yaml.string(c.name())).append('\n');
                if (!D.quote(c.name()).equals(c.name())) {
                    // dbt's generic tests write column_name as it is unless the column asks for quoting
                    sb.append("        quote: true\n");
                }
                String description = descriptions.get(c.name().toLowerCase(Locale.ROOT));
                if (description != null) {
                    sb.append("        description: ").append(s(description)).append('\n');
                }
                if (c.type() != null) {
                    sb.append("        data_type: ")
                            .append(Yaml.string(c.type()))
                            .append('\n');
                }
                List<TestCase> generic = tests.stream()
                        .filter(t -> GENERIC.contains(t.kind()) && c.name().equalsIgnoreCase(t.column()))
                        .toList();
                if (!generic.isEmpty()) {
                    sb.append("        data_tests:\n");
                    for (TestCase t : generic) {
                        sb.append(genericTest(spec, t, testSql));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String genericTest(ValidatedSpec spec, TestCase t, TestSql testSql) {
        TestCase.Check check = t.check();
        if (check instanceof TestCase.NotNull) {
            return "          - not_null\n";
        }
        if (check instanceof TestCase.Unique) {
            return "          - unique\n";
        }
        if (check instanceof TestCase.AcceptedValues a) {
            boolean numbers = !a.values().isEmpty()
                    && a.values().stream()
                            .allMatch(l -> l.kind() == Literal.Kind.NUMBER
                                    && NUMBER.matcher(l.text()).matches());
            // dbt writes each value into the SQL as '<value>', unescaped: a value holding a quote or a backslash
            // is given as a BigQuery literal with quote: false instead
            boolean literals = !numbers
                    && a.values().stream()
                            .anyMatch(l -> l.kind() == Literal.Kind.STRING
                                    && (l.text().contains("'") || l.text().contains("\\")));
            // dbt's schema wants strings; numbers are written unquoted into the SQL with quote: false
            String values = Yaml.flowSequence(a.values().stream()
                    .map(l -> literals ? s(testSql.literal(l)) : l.isNull() ? "null" : s(l.text()))
                    .toList());
            return "          - accepted_values:\n              values: " + values + "\n"
                    + (numbers || literals ? "              quote: false\n" : "");
        }
        TestCase.Relationships r = (TestCase.Relationships) check;
        String to = r.to().isQualified()
                ? "source('" + spec.spec().schema().raw() + "', '" + r.to().table() + "')"
                : "ref('" + r.to().table() + "')";
        return "          - relationships:\n              to: " + Yaml.string(to) + "\n              field: "
                + sqlName(r.field()) + "\n";
    }

    private static String unitTests(ValidatedSpec spec, Layer layer) {
        StringBuilder sb = new StringBuilder();
        for (Model m : spec.graph().order()) {
            if (m.layer() != layer || m.constraints().isScd2()) {
                continue; // an SCD2 model is a snapshot: dbt unit tests do not apply to it
            }
            for (UnitTest u : m.unitTests()) {
                sb.append("  - name: ").append(Yaml.string(u.name())).append('\n');
                if (u.description() != null) {
                    sb.append("    description: ").append(s(u.description())).append('\n');
                }
                sb.append("    model: ").append(Yaml.string(m.name())).append('\n');
                sb.append("    given:\n");
                for (SourceRef src : m.sources()) {
                    String input = src.isQualified()
                            ? "source('" + spec.spec().schema().raw() + "', '" + src.table() + "')"
                            : "ref('" + src.table() + "')";
                    List<Map<String, Literal>> rows = u.given().stream()
                            .filter(g ->
                                    g.input().equals(src.text()) || g.input().equals(src.table()))
                            .findFirst()
                            .map(UnitTest.Input::rows)
                            .orElse(List.of());
                    sb.append("      - input: ").append(Yaml.string(input)).append('\n');
                    sb.append(rows("        ", rows));
                }
                sb.append("    expect:\n");
                sb.append(rows("      ", u.expect()));
            }
        }
        return sb.toString();
    }

    private static String rows(String indent, List<Map<String, Literal>> rows) {
        if (rows.isEmpty()) {
            return indent + "rows: []\n";
        }
        StringBuilder sb = new StringBuilder(indent).append("rows:\n");
        for (Map<String, Literal> row : rows) {
            List<String> cells = new ArrayList<>();
            row.forEach((k, v) -> cells.add(Yaml.string(k) + ": " + yamlLiteral(v)));
            sb.append(indent).append("  - ").append(Yaml.flowMapping(cells)).append("\n");
        }
        return sb.toString();
    }

    private static String yamlLiteral(Literal l) {
        return switch (l.kind()) {
            case NULL -> "null";
            case BOOLEAN -> l.text().toLowerCase(Locale.ROOT);
            case NUMBER -> NUMBER.matcher(l.text()).matches() ? l.text() : s(l.text());
            case STRING -> s(l.text());
        };
    }

    /**
     * A column name for the settings dbt splices into SQL as written ({@code unique_key} in the merge's
     * {@code DBT_INTERNAL_SOURCE.<key> = ...}, {@code cluster_by}, the partition {@code field}, the relationships
     * test's {@code field}): a YAML string holding the name as a BigQuery identifier.
     */
    private static String sqlName(String column) {
        return Yaml.string(D.quote(column));
    }

    /** Spec text as a YAML string that dbt's Jinja rendering leaves as it is. */
    private static String s(String text) {
        return Yaml.string(Text.jinja(text));
    }
}
