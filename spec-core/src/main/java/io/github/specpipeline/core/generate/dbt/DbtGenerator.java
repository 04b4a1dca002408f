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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dbt target (dbt-core 1.8+, for the {@link DbtAdapter} chosen: BigQuery by default, DuckDB or Spark, whose
 * dialect the SQL is written in): {@code dbt_project.yml}, an example {@code profiles.yml}, {@code models/sources.yml}, one
 * model per file with {@code ref()}/{@code source()}, {@code models/<layer>/schema.yml} with descriptions,
 * configs, enforced contracts, generic data tests and unit tests, a snapshot per SCD2 model (check strategy),
 * and the other data tests as singular tests in {@code tests/}. All spec text is Jinja-escaped: dbt renders
 * model SQL and (sooner or later) every string of its YAML.
 */
public final class DbtGenerator {
    /** The dbt project (and profile) name. */
    public static final String PROJECT = "spec_pipeline";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Set<String> GENERIC = Set.of("not_null", "unique", "accepted_values", "relationships");

    /**
     * dbt-spark's seed loader, with the values written as literals: on the session method the adapter's own binds an
     * empty field as the text {@code 'None'} and a value holding a quote breaks the statement (dbt-spark 1.11). Every
     * value is a string literal (backslash and quote escaped, and "${" written with Spark's escape for the dollar
     * sign: Spark replaces ${name} in the SQL text, inside strings too, see {@code SparkRules.string}) cast to the
     * column's type, NULL as NULL. dbt dispatches {@code load_csv_rows} to the root project's {@code spark__} macro
     * first.
     */
    private static final String SPARK_SEED_ROWS = """
            -- Seeds on dbt-spark: each value a string literal cast to its column type, empty fields NULL.
            {% macro spark__load_csv_rows(model, agate_table) %}
              {% set batch_size = get_batch_size() %}
              {% set column_override = model['config'].get('column_types', {}) %}
              {% set statements = [] %}
              {% for chunk in agate_table.rows | batch(batch_size) %}
                {% set sql %}
                  insert into {{ this.render() }} values
                  {% for row in chunk -%}
                    ({%- for col_name in agate_table.column_names -%}
                      {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                      {%- set value = row[loop.index0] -%}
                      {%- if value is none -%}
                        cast(null as {{ type }})
                      {%- else -%}
                        cast('{{ value | string | replace("\\\\", "\\\\\\\\") | replace("'", "\\\\'") | replace("${", "\\\\u0024{") }}' as {{ type }})
                      {%- endif -%}
                      {%- if not loop.last %}, {% endif -%}
                    {%- endfor -%})
                    {%- if not loop.last %},{% endif %}
                  {%- endfor %}
                {% endset %}
                {% do adapter.add_query(sql, abridge_sql_log=True) %}
                {% if loop.index0 == 0 %}{% do statements.append(sql) %}{% endif %}
              {% endfor %}
              {{ return(statements[0]) }}
            {% endmacro %}
            """;

    private final DbtAdapter adapter;
    private final Dialect d;

    /** The project for the default adapter, BigQuery. */
    public DbtGenerator() {
        this(DbtAdapter.DEFAULT);
    }

    public DbtGenerator(DbtAdapter adapter) {
        this.adapter = adapter;
        this.d = adapter.dialect();
    }

    public List<GeneratedFile> files(ValidatedSpec spec) {
        String header = Headers.hash(spec.specFile());
        String sqlHeader = Text.jinja(Headers.sql(spec.specFile()));
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile("dbt_project.yml", project(spec, header)));
        files.add(new GeneratedFile("profiles.yml", profile(spec, header)));
        files.add(new GeneratedFile(
                "macros/generate_schema_name.sql",
                sqlHeader
                        + "-- Models go to the schema their layer names in the spec, exactly (not <target schema>_<schema>).\n"
                        + "{% macro generate_schema_name(custom_schema_name, node) -%}\n"
                        + "    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}\n"
                        + "{%- endmacro %}\n"));
        if (adapter == DbtAdapter.SPARK) {
            files.add(new GeneratedFile("macros/spark__load_csv_rows.sql", sqlHeader + SPARK_SEED_ROWS));
        }
        files.add(new GeneratedFile("models/sources.yml", sources(spec, header)));
        TestCatalog catalog = TestCatalog.of(spec);
        TestSql testSql = new TestSql(spec, d, new TestSql.Relations() {
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
            if (plan.scd2() != null && adapter == DbtAdapter.SPARK) {
                files.add(new GeneratedFile(
                        folder + snapshotName(spec, m) + ".sql",
                        sparkHistory(spec, m, plan, modelHeader),
                        m.pointer() + "/name"));
                files.add(new GeneratedFile(
                        folder + m.name() + ".sql", sparkScd2View(spec, m, plan, modelHeader), m.pointer() + "/name"));
            } else if (plan.scd2() != null) {
                files.add(new GeneratedFile(
                        "snapshots/" + snapshotName(spec, m) + ".sql",
                        snapshot(spec, m, plan, modelHeader),
                        m.pointer() + "/name"));
                files.add(new GeneratedFile(
                        folder + m.name() + ".sql", scd2View(spec, m, plan, modelHeader), m.pointer() + "/name"));
            } else {
                // dbt-spark without Delta has no merge: its insert_overwrite of a batch would drop the other rows,
                // so a Spark project rebuilds every row on each run (the same table, without the saving)
                String select = plan.incremental() != null
                                && plan.incremental().watermark() != null
                                && adapter != DbtAdapter.SPARK
                        ? SqlQueryWriter.batch(plan, d, s -> placeholder(spec, s.ref()), INCREMENTAL_RUN)
                        : SqlQueryWriter.select(plan, d, s -> placeholder(spec, s.ref()));
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

    private String project(ValidatedSpec spec, String header) {
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
        if (adapter != DbtAdapter.BIGQUERY) {
            sb.append("seed-paths: ").append(Yaml.strings(List.of("seeds"))).append('\n');
        }
        sb.append("\nmodels:\n  ").append(PROJECT).append(":\n");
        for (Layer layer : Layer.values()) {
            sb.append("    ").append(layer.id()).append(":\n");
            sb.append("      +schema: ")
                    .append(Yaml.string(spec.spec().schema().of(layer)))
                    .append('\n');
        }
        if (adapter != DbtAdapter.BIGQUERY) {
            sb.append(seeds(spec));
        }
        return sb.toString();
    }

    /**
     * The seeds of a local run (DuckDB, Spark): {@code seeds/<raw table>.csv}, loaded into the raw schema, which is
     * where {@code models/sources.yml} points, so that {@code dbt seed} then {@code dbt build} runs the project on the
     * test goal's seed files. Each column is typed as the source DDL declares it, in the adapter's dialect.
     */
    private String seeds(ValidatedSpec spec) {
        String raw = spec.spec().schema().raw();
        StringBuilder sb = new StringBuilder();
        sb.append("\n# Local runs: copy the seed CSV files (<raw table>.csv, the test goal's seeds) to seeds/, then\n");
        sb.append("# run `dbt seed` and `dbt build`. The seeds become the raw tables the sources read.\n");
        sb.append("seeds:\n  ").append(PROJECT).append(":\n");
        sb.append("    +schema: ").append(Yaml.string(raw)).append('\n');
        sb.append("    +quote_columns: true\n");
        for (String table : RawTables.of(spec).read()) {
            SourceTable t =
                    spec.sourceCatalog().flatMap(c -> c.table(raw, table)).orElse(null);
            if (t == null || t.columns().isEmpty()) {
                continue;
            }
            List<String> types = new ArrayList<>();
            for (SourceColumn c : t.columns()) {
                d.type(c.type()).ifPresent(type -> types.add(Yaml.string(c.name()) + ": " + Yaml.string(type)));
            }
            sb.append("    ").append(Yaml.string(table)).append(":\n");
            sb.append("      +column_types: ").append(Yaml.flowMapping(types)).append('\n');
        }
        return sb.toString();
    }

    /**
     * An example {@code profiles.yml} for the adapter. dbt reads it from the folder it runs in (or
     * {@code DBT_PROFILES_DIR}); only the DuckDB and Spark session profiles run as written.
     */
    private String profile(ValidatedSpec spec, String header) {
        StringBuilder sb = new StringBuilder(header);
        switch (adapter) {
            case BIGQUERY ->
                sb.append(
                                "# An example profile for dbt-bigquery: set your Google Cloud project, then authenticate with\n")
                        .append("# `gcloud auth application-default login` (method oauth).\n");
            case DUCKDB -> sb.append("# A profile for dbt-duckdb: a local database file, created where dbt runs.\n");
            case SPARK ->
                sb.append(
                                "# A profile for dbt-spark on a local Spark session (pip install \"dbt-spark[session]\"); for a\n")
                        .append(
                                "# cluster, use method thrift or http instead. dbt-spark turns spark.sql.ansi.enabled off.\n");
        }
        sb.append(PROJECT).append(":\n");
        sb.append("  target: \"dev\"\n");
        sb.append("  outputs:\n");
        sb.append("    dev:\n");
        sb.append("      type: ").append(Yaml.string(adapter.id())).append('\n');
        switch (adapter) {
            case BIGQUERY -> {
                sb.append("      method: \"oauth\"\n");
                sb.append("      project: \"your-gcp-project\"  # replace with your project id\n");
                sb.append("      # the default dataset; each model goes to the dataset of its layer\n");
                sb.append("      dataset: ")
                        .append(Yaml.string(spec.spec().schema().raw()))
                        .append('\n');
                sb.append("      threads: 4\n");
            }
            case DUCKDB -> {
                sb.append("      path: ")
                        .append(Yaml.string(PROJECT + ".duckdb"))
                        .append('\n');
                sb.append("      # the default schema; each model goes to the schema of its layer\n");
                sb.append("      schema: \"main\"\n");
                sb.append("      threads: 1\n");
                sb.append("      settings:\n");
                sb.append("        TimeZone: \"UTC\"\n");
            }
            case SPARK -> {
                sb.append("      method: \"session\"\n");
                sb.append("      host: \"NA\"  # not used by the session method, but required\n");
                sb.append("      # the default schema; each model goes to the schema of its layer\n");
                sb.append("      schema: \"default\"\n");
                sb.append("      threads: 1\n");
                sb.append("      server_side_parameters:\n");
                sb.append("        \"spark.master\": \"local[2]\"\n");
                sb.append("        \"spark.sql.session.timeZone\": \"UTC\"\n");
                sb.append("        \"spark.ui.enabled\": \"false\"\n");
            }
        }
        return sb.toString();
    }

    private String sources(ValidatedSpec spec, String header) {
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
                            .append(Yaml.string(dataType(c.type()).orElse(c.type())))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * An incremental model's watermark predicate, on the model's own table, only when dbt runs it incrementally
     * (the table exists and no --full-refresh); markers until the SQL is Jinja-escaped.
     */
    private static final SqlQueryWriter.Batch INCREMENTAL_RUN = new SqlQueryWriter.Batch(
            "\u0000this\u0000", line -> "\u0000if_incremental\u0000\n" + line + "\n\u0000endif\u0000");

    /** The placeholder a relation is written as until the SQL is Jinja-escaped. */
    private String placeholder(ValidatedSpec spec, SourceRef ref) {
        return ref.isQualified() ? "\u0000source:" + ref.table() + "\u0000" : "\u0000ref:" + ref.table() + "\u0000";
    }

    /** Replaces relation placeholders with {@code ref()} / {@code source()} calls. */
    private String relations(ValidatedSpec spec, String sql) {
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
            if (token.equals("this")) {
                sb.append("{{ this }}");
            } else if (token.equals("if_incremental")) {
                sb.append("{% if is_incremental() %}");
            } else if (token.equals("endif")) {
                sb.append("{% endif %}");
            } else if (token.startsWith("ref:")) {
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

    private String modelComment(Model m) {
        return "-- Model " + m.name() + " (" + m.layer().id()
                + "): see schema.yml for its description, columns and tests.\n\n";
    }

    private String snapshot(ValidatedSpec spec, Model m, ModelPlan plan, String sqlHeader) {
        Scd2Plan k = plan.scd2();
        String select = relations(spec, Text.jinja(SqlQueryWriter.select(plan, d, s -> placeholder(spec, s.ref()))));
        // dbt splices unique_key into "<key> as dbt_unique_key" and check_cols into "snapshotted_data.<col> != ...":
        // names are written as BigQuery identifiers (a name is a validated identifier: no quote to escape)
        String uniqueKey = k.naturalKey().size() == 1
                ? "'" + d.quote(k.naturalKey().get(0)) + "'"
                : "[" + k.naturalKey().stream().map(x -> "'" + d.quote(x) + "'").collect(Collectors.joining(", "))
                        + "]";
        String checkCols =
                "[" + k.tracked().stream().map(x -> "'" + d.quote(x) + "'").collect(Collectors.joining(", ")) + "]";
        return sqlHeader
                + "-- History of " + m.name()
                + " (SCD type 2, check strategy): a new version whenever a tracked column changes.\n"
                + "-- Rows that disappear from the source keep their current version (hard deletes are ignored).\n"
                + "{% snapshot " + snapshotName(spec, m) + " %}\n"
                + "{{ config(target_schema='" + spec.spec().schema().of(m.layer()) + "', unique_key=" + uniqueKey
                + ", strategy='check', check_cols=" + checkCols + ") }}\n\n"
                + select.stripTrailing() + "\n{% endsnapshot %}\n";
    }

    private String scd2View(ValidatedSpec spec, Model m, ModelPlan plan, String sqlHeader) {
        Scd2Plan k = plan.scd2();
        List<String> cols = k.columns().stream().map(d::quote).collect(Collectors.toList());
        // dbt-duckdb's snapshot times are TIMESTAMP (no time zone); the spec's validity columns are BigQuery
        // TIMESTAMPs, instants, which DuckDB calls TIMESTAMPTZ (the profile's session time zone is UTC)
        String from = adapter == DbtAdapter.DUCKDB ? "CAST(dbt_valid_from AS TIMESTAMPTZ)" : "dbt_valid_from";
        String to = adapter == DbtAdapter.DUCKDB ? "CAST(dbt_valid_to AS TIMESTAMPTZ)" : "dbt_valid_to";
        return sqlHeader + "-- Model " + m.name() + " (" + m.layer().id() + "): the versions kept by the snapshot "
                + snapshotName(spec, m) + ", with the validity columns the spec names.\n\n"
                + "SELECT\n    " + String.join(",\n    ", cols) + ",\n"
                + "    " + from + " AS " + d.quote(k.effectiveAt()) + ",\n"
                + "    " + to + " AS " + d.quote(k.expiryAt()) + ",\n"
                + "    dbt_valid_to IS NULL AS " + d.quote(k.currentFlag()) + "\n"
                + "FROM {{ ref('" + snapshotName(spec, m) + "') }}\n";
    }

    /**
     * The history an SCD2 model keeps on dbt-spark, in place of a snapshot: dbt-spark snapshots merge, which a Spark
     * table does only in Delta (or Iceberg, Hudi) format, and no Delta release runs on the pinned Spark. So the
     * history is an incremental model that only appends, which plain Parquet tables do: each version once, with the
     * run time it started at ({@link Scd2Plan#effectiveAt}). A run appends a version for every source row that no
     * current version is the same row as ({@link Scd2Plan#change}); a version is current while no later version of
     * its entity ({@link Scd2Plan#close}) exists. When a version ends is not stored but derived, by the view over the
     * history ({@link #sparkScd2View}): the rows are those of the plugin's other targets, which store the end and
     * the flag and update them.
     */
    private String sparkHistory(ValidatedSpec spec, Model m, ModelPlan plan, String sqlHeader) {
        Scd2Plan k = plan.scd2();
        String select = relations(spec, Text.jinja(SqlQueryWriter.select(plan, d, s -> placeholder(spec, s.ref()))));
        String from = d.quote(k.effectiveAt());
        List<String> columns =
                k.columns().stream().map(c -> "source_rows." + d.quote(c)).toList();
        return sqlHeader
                + "-- History of " + m.name() + " (SCD type 2) on dbt-spark: every version once, from the run that"
                + " started it.\n"
                + "-- Appends only, so it needs no Delta table; " + m.name()
                + " derives when each version ended. Rows that disappear from\n"
                + "-- the source keep their current version. The run time is the var " + Scd2Plan.RunAt.VARIABLE
                + " when set, else now.\n"
                + "{{ config(materialized='incremental', incremental_strategy='append', file_format='parquet') }}\n"
                + "{%- set run_at = var('" + Scd2Plan.RunAt.VARIABLE + "', none) %}\n\n"
                + "SELECT\n    " + String.join(",\n    ", columns) + ",\n"
                + "    {% if run_at is none %}current_timestamp(){% else %}CAST('{{ run_at | string"
                + " | replace('\\\\', '\\\\\\\\') | replace(\"'\", \"\\\\'\") }}' AS TIMESTAMP){% endif %} AS " + from
                + "\n"
                + "FROM (\n" + select.stripTrailing().indent(4) + ") AS source_rows\n"
                + "{% if is_incremental() %}\n"
                + "WHERE NOT EXISTS (\n"
                + "    SELECT 1\n"
                + "    FROM {{ this }} AS current_rows\n"
                + "    WHERE NOT EXISTS (\n"
                + "        SELECT 1\n"
                + "        FROM {{ this }} AS newer\n"
                + "        WHERE " + newer(k, "current_rows") + "\n"
                + "    )\n"
                + k.change().conditions(d, "current_rows", "source_rows").stream()
                        .map(c -> "      AND " + c + "\n")
                        .collect(Collectors.joining())
                + ")\n"
                + "{% endif %}\n";
    }

    /** A later version of the entity of {@code version}: the close predicate and a later start. */
    private String newer(Scd2Plan k, String version) {
        String from = d.quote(k.effectiveAt());
        return String.join("\n          AND ", k.close().conditions(d, "newer", version)) + "\n          AND newer."
                + from + " > " + version + "." + from;
    }

    /**
     * An SCD2 model on dbt-spark: the versions of its history ({@link #sparkHistory}), each ending when the earliest
     * later version of its entity starts, current while none has.
     */
    private String sparkScd2View(ValidatedSpec spec, Model m, ModelPlan plan, String sqlHeader) {
        Scd2Plan k = plan.scd2();
        String from = d.quote(k.effectiveAt());
        List<String> cols = new ArrayList<>();
        k.columns().forEach(c -> cols.add("versions." + d.quote(c)));
        cols.add("versions." + from);
        return sqlHeader + "-- Model " + m.name() + " (" + m.layer().id() + "): the versions kept by "
                + snapshotName(spec, m) + ", each valid until the next version of its\n"
                + "-- entity starts.\n\n"
                + "SELECT\n    "
                + String.join(
                        ",\n    ",
                        cols.stream()
                                .map(c -> c.substring("versions.".length()))
                                .toList()) + ",\n"
                + "    " + d.quote(k.expiryAt()) + ",\n"
                + "    " + d.quote(k.expiryAt()) + " IS NULL AS " + d.quote(k.currentFlag()) + "\n"
                + "FROM (\n"
                + "    SELECT\n        " + String.join(",\n        ", cols) + ",\n"
                + "        (\n"
                + "            SELECT MIN(newer." + from + ")\n"
                + "            FROM {{ ref('" + snapshotName(spec, m) + "') }} AS newer\n"
                + "            WHERE " + newer(k, "versions").replace("\n          ", "\n              ") + "\n"
                + "        ) AS " + d.quote(k.expiryAt()) + "\n"
                + "    FROM {{ ref('" + snapshotName(spec, m) + "') }} AS versions\n"
                + ") AS dated\n";
    }

    private String modelYaml(ValidatedSpec spec, Model m, ModelPlan plan, List<TestCase> tests, TestSql testSql) {
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
            // the model's select gives every row (with a watermark: the batch, on an incremental run): BigQuery
            // merges on the key (its default strategy, written out beside a watermark), DuckDB deletes and inserts
            // the key's rows (or appends), Spark overwrites every row (a merge needs Delta, so no watermark there)
            boolean keyed = !plan.incremental().uniqueKey().isEmpty();
            switch (adapter) {
                case BIGQUERY -> {
                    if (keyed && plan.incremental().watermark() != null) {
                        sb.append("      incremental_strategy: ")
                                .append(Yaml.string("merge"))
                                .append('\n');
                    }
                }
                case DUCKDB ->
                    sb.append("      incremental_strategy: ")
                            .append(Yaml.string(keyed ? "delete+insert" : "append"))
                            .append('\n');
                case SPARK ->
                    sb.append("      incremental_strategy: ")
                            .append(Yaml.string("insert_overwrite"))
                            .append('\n');
            }
            if (keyed && adapter != DbtAdapter.SPARK) {
                sb.append("      unique_key: ")
                        .append(Yaml.strings(plan.incremental().uniqueKey().stream()
                                .map(d::quote)
                                .toList()))
                        .append("\n");
            }
            sb.append("      on_schema_change: ")
                    .append(Yaml.string("append_new_columns"))
                    .append('\n');
        }
        List<Column> outputs = spec.outputColumns(m.name());
        if (adapter == DbtAdapter.SPARK
                && plan.scd2() == null
                && mat != Materialization.VIEW
                && LayoutSupport.partitions(Target.PYSPARK, plan)) {
            // Spark partitions by a column's own values, as the PySpark target writes them
            sb.append("      partition_by: ")
                    .append(Yaml.strings(
                            List.of(d.quote(plan.layout().partitioning().column()))))
                    .append('\n');
        }
        if (adapter == DbtAdapter.BIGQUERY && LayoutSupport.partitions(Target.DBT, plan)) {
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
        if (adapter == DbtAdapter.BIGQUERY && LayoutSupport.clusters(Target.DBT, plan)) {
            sb.append("      cluster_by: ")
                    .append(Yaml.strings(
                            plan.layout().clusterBy().stream().map(d::quote).toList()))
                    .append("\n");
        }
        boolean typesKnown = !outputs.isEmpty()
                && outputs.stream()
                        .allMatch(c -> c.type() != null && dataType(c.type()).isPresent());
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
                if (!d.quote(c.name()).equals(c.name())) {
                    // dbt's generic tests write column_name as it is unless the column asks for quoting
                    sb.append("        quote: true\n");
                }
                String description = descriptions.get(c.name().toLowerCase(Locale.ROOT));
                if (description != null) {
                    sb.append("        description: ").append(s(description)).append('\n');
                }
                if (c.type() != null && dataType(c.type()).isPresent()) {
                    sb.append("        data_type: ")
                            .append(Yaml.string(dataType(c.type()).get()))
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

    private String genericTest(ValidatedSpec spec, TestCase t, TestSql testSql) {
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
            // is given as a BigQuery literal with quote: false instead; on Spark also one holding "${", which
            // Spark would replace (its variable substitution, see SparkRules.string)
            boolean literals = !numbers
                    && a.values().stream()
                            .anyMatch(l -> l.kind() == Literal.Kind.STRING
                                    && (l.text().contains("'")
                                            || l.text().contains("\\")
                                            || (adapter == DbtAdapter.SPARK
                                                    && l.text().contains("${"))));
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

    /** Whether the model's SQL calls is_incremental(): an incremental model with a watermark, but not on Spark. */
    private boolean usesIsIncremental(ValidatedSpec spec, Model m) {
        ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
        return plan.incremental() != null && plan.incremental().watermark() != null && adapter != DbtAdapter.SPARK;
    }

    private String unitTests(ValidatedSpec spec, Layer layer) {
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
                if (usesIsIncremental(spec, m)) {
                    // dbt refuses to parse a unit test of a model that calls is_incremental() without an
                    // override; the spec's unit tests are of the model's select, a full build
                    sb.append("    overrides:\n      macros:\n        is_incremental: false\n");
                }
                sb.append("    given:\n");
                for (SourceRef src : m.inputs()) {
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

    private String rows(String indent, List<Map<String, Literal>> rows) {
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

    private String yamlLiteral(Literal l) {
        return switch (l.kind()) {
            case NULL -> "null";
            case BOOLEAN -> l.text().toLowerCase(Locale.ROOT);
            case NUMBER -> NUMBER.matcher(l.text()).matches() ? l.text() : s(l.text());
            case STRING -> s(fixtureText(l.text()));
        };
    }

    /**
     * A unit test's string value as the adapter's dbt puts it into SQL. dbt writes it as a string literal with only
     * the quotes escaped, and two adapters' SQL reads backslash escapes in it:
     * <ul>
     * <li>dbt-spark writes {@code '<value>'}, a quote as backslash quote ({@code spark__escape_single_quotes}); Spark
     * reads backslash escapes (a backslash and a space is a space) and replaces ${name} in the SQL text before
     * parsing it ({@code SparkRules.string}): a backslash is given doubled and "${" with Spark's escape for the
     * dollar sign. The hostile spec's unit test failed on dbt-spark without it (its expected backslash was dropped,
     * its ${x} became empty).</li>
     * <li>dbt-bigquery writes {@code '''<value>'''} ({@code bigquery__string_literal}), a quote as backslash quote
     * ({@code bigquery__escape_single_quotes}); BigQuery reads backslash escapes, so a backslash is given doubled.
     * Without it GoogleSQL rejected the hostile spec's expected row ({@code Illegal escape sequence}: a backslash and
     * a space), read the value {@code C:\new} with a newline in it, and a value ending in a backslash escaped the
     * closing quote ({@code DbtBigQueryFixtureTest}). A carriage return is written as its escape too: GoogleSQL
     * reads one in a literal as a line feed. ${x}, line feeds (the literal is triple-quoted), other control
     * characters and non-ASCII text need nothing.</li>
     * </ul>
     * DuckDB's literals read no escapes ({@code ''} is dbt-duckdb's quote).
     */
    private String fixtureText(String text) {
        return switch (adapter) {
            // the backslashes first: the escape written for "${" holds one that must stay single
            case SPARK -> text.replace("\\", "\\\\").replace("${", "\\u0024{");
            // a carriage return as its escape: GoogleSQL reads one in a literal as a line feed, and dbt's Jinja
            // turns CR LF in the YAML into LF
            case BIGQUERY -> text.replace("\\", "\\\\").replace("\r", "\\r");
            case DUCKDB -> text;
        };
    }

    /**
     * A column name for the settings dbt splices into SQL as written ({@code unique_key} in the merge's
     * {@code DBT_INTERNAL_SOURCE.<key> = ...}, {@code cluster_by}, the partition {@code field}, the relationships
     * test's {@code field}): a YAML string holding the name as a BigQuery identifier.
     */
    private String sqlName(String column) {
        return Yaml.string(d.quote(column));
    }

    /** A column's type as the adapter names it: BigQuery's own, or the dialect's equivalent (empty: none). */
    private Optional<String> dataType(String bigQueryType) {
        return adapter == DbtAdapter.BIGQUERY ? Optional.of(bigQueryType) : d.type(bigQueryType);
    }

    /** Spec text as a YAML string that dbt's Jinja rendering leaves as it is. */
    private static String s(String text) {
        return Yaml.string(Text.jinja(text));
    }
}
