package io.github.specpipeline.core.generate.duckdb;

import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Headers;
import io.github.specpipeline.core.generate.SqlQueryWriter;
import io.github.specpipeline.core.generate.Text;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.plan.IncrementalPlan;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.RawTables;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.DuckDbRules;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testcatalog.TestSql;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The DuckDB target: each model as {@code CREATE OR REPLACE TABLE <schema>.<model> AS <select>} (an SCD2 model
 * as a script that keeps history, an incremental model as a create-if-missing and a {@code MERGE}), in dependency
 * order, and every data test as a query returning failing rows.
 * Also the plan the {@code test} goal runs.
 *
 * <p>Setup sets the session time zone to UTC, BigQuery's: casting a TIMESTAMP to a DATE and truncating it then
 * give BigQuery's results.
 */
public final class DuckDbGenerator implements DuckDbPlanner {
    /** The DuckDB variable that, when set, is the SCD2 run timestamp (instead of the current time). */
    public static final String RUN_AT_VARIABLE = Scd2Plan.RunAt.VARIABLE;

    private static final Dialect D = Dialect.DUCKDB;

    private final SeedFiles seeds;

    /** A generator whose {@code load_seeds.sql} loads no seed files (it says where each would be). */
    public DuckDbGenerator() {
        this(SeedFiles.NONE);
    }

    /** A generator whose {@code load_seeds.sql} loads {@code seeds}. */
    public DuckDbGenerator(SeedFiles seeds) {
        this.seeds = seeds;
    }

    @Override
    public DuckDbPlan plan(ValidatedSpec spec) {
        DuckDbNames names = new DuckDbNames(spec.spec().schema());
        List<String> setup = setup(names);
        Map<String, String> raw = new TreeMap<>();
        for (String table : RawTables.of(spec).all()) {
            raw.put(table, DuckDbNames.quoted(names.rawSchema(), table));
        }
        List<DuckDbPlan.ModelBuild> builds = new ArrayList<>();
        for (Model m : spec.graph().order()) {
            builds.add(new DuckDbPlan.ModelBuild(
                    m.name(), DuckDbNames.quoted(names.modelSchema(m), m.name()), statements(spec, m, names)));
        }
        TestSql sql = new TestSql(spec, D, relations(spec, names));
        List<DataTestQuery> tests = new ArrayList<>();
        for (TestCase t : TestCatalog.of(spec).tests()) {
            tests.add(new DataTestQuery(
                    t.id(), t.model(), t.column(), t.kind(), t.description(), t.pointer(), sql.failingRows(t)));
        }
        return new DuckDbPlan(setup, raw, builds, tests);
    }

    @Override
    public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
        ModelPlan plan = ModelPlanner.planOrThrow(spec, model);
        String select = SqlQueryWriter.select(plan, D, inputs);
        if (plan.scd2() == null) {
            return select;
        }
        // an SCD2 model's first run: every row is the current version, valid from now
        Scd2Plan k = plan.scd2();
        return "SELECT source_rows.*, " + runAt(k.runAt()) + " AS " + D.quote(k.effectiveAt())
                + ", CAST(NULL AS TIMESTAMPTZ) AS "
                + D.quote(k.expiryAt()) + ", TRUE AS " + D.quote(k.currentFlag()) + "\nFROM (\n" + select
                + ") AS source_rows";
    }

    /** The files of {@code sql/duckdb/}. */
    public List<GeneratedFile> files(ValidatedSpec spec) {
        DuckDbPlan plan = plan(spec);
        String header = Headers.sql(spec.specFile());
        List<GeneratedFile> files = new ArrayList<>();
        StringBuilder run = new StringBuilder(header);
        run.append("-- Builds every model in dependency order. Runs on DuckDB once the raw tables exist")
                .append(" (create_raw_tables.sql creates them empty).\n\n");
        for (String s : plan.setupStatements()) {
            run.append(s).append(";\n");
        }
        for (DuckDbPlan.ModelBuild b : plan.models()) {
            Model m = spec.spec().model(b.model()).orElseThrow();
            StringBuilder file = new StringBuilder(Headers.sql(Headers.source(spec, m)));
            file.append(modelComment(m));
            file.append('\n');
            for (String s : b.statements()) {
                file.append(s).append(";\n\n");
            }
            files.add(new GeneratedFile(
                    b.model() + ".sql", file.toString().stripTrailing() + "\n", m.pointer() + "/name"));
            run.append("\n-- ").append(b.model()).append('\n');
            for (String s : b.statements()) {
                run.append(s).append(";\n");
            }
        }
        files.add(new GeneratedFile("run.sql", run.toString()));
        files.add(new GeneratedFile(
                "create_raw_tables.sql",
                createRawTables(spec, new DuckDbNames(spec.spec().schema()))));
        files.add(new GeneratedFile(
                "load_seeds.sql", loadSeeds(spec, new DuckDbNames(spec.spec().schema()))));
        for (DataTestQuery t : plan.tests()) {
            String text = header + "-- Data test " + t.id() + ": " + Text.commentLine(t.description()) + "\n"
                    + "-- Returns the failing rows; no rows means the test passes.\n" + t.sql() + ";\n";
            files.add(new GeneratedFile("tests/" + t.id() + ".sql", text, t.pointer()));
        }
        return files;
    }

    private static String modelComment(Model m) {
        StringBuilder sb = new StringBuilder("-- Model ")
                .append(m.name())
                .append(" (")
                .append(m.layer().id())
                .append(")\n");
        for (String line : Text.commentLines(m.description(), 100)) {
            sb.append("-- ").append(line).append('\n');
        }
        return sb.toString();
    }

    static List<String> setup(DuckDbNames names) {
        List<String> setup = new ArrayList<>();
        setup.add("SET TimeZone = 'UTC'");
        for (String schema : names.schemas()) {
            setup.add("CREATE SCHEMA IF NOT EXISTS " + D.quote(schema));
        }
        return setup;
    }

    private static String createRawTables(ValidatedSpec spec, DuckDbNames names) {
        StringBuilder sb = new StringBuilder(Headers.sql(spec.specFile()));
        sb.append("-- Creates the raw tables the models read, empty, with the columns of the source DDL.\n\n");
        sb.append("CREATE SCHEMA IF NOT EXISTS ")
                .append(D.quote(names.rawSchema()))
                .append(";\n");
        for (String table : RawTables.of(spec).all()) {
            SourceTable t = spec.sourceCatalog()
                    .flatMap(c -> c.table(spec.spec().schema().raw(), table))
                    .orElse(null);
            if (t == null) {
                sb.append("-- ").append(table).append(": no DDL given, columns unknown\n");
                continue;
            }
            List<String> cols = new ArrayList<>();
            for (SourceColumn c : t.columns()) {
                cols.add("    " + D.quote(c.name()) + " " + DuckDbRules.columnType(c.type())
                        + (c.notNull() ? " NOT NULL" : ""));
            }
            sb.append("CREATE TABLE IF NOT EXISTS ")
                    .append(DuckDbNames.qualified(names.rawSchema(), table))
                    .append(" (\n")
                    .append(String.join(",\n", cols))
                    .append("\n);\n");
        }
        return sb.toString();
    }

    /**
     * Fills the raw tables from the seed CSV files, as the {@code test} goal does: every field read as text, an empty
     * field NULL, then cast to the column's type (surrounding spaces trimmed, except in text columns). A path is
     * relative to the project directory, so the SQL runs from there; a table without a seed is left empty.
     */
    private String loadSeeds(ValidatedSpec spec, DuckDbNames names) {
        StringBuilder sb = new StringBuilder(Headers.sql(spec.specFile()));
        sb.append(
                        "-- Loads the seed CSV files into the raw tables that create_raw_tables.sql created. Run it from the\n")
                .append(
                        "-- project directory: the paths are relative to it (or SET file_search_path to that directory).\n");
        sb.append("\nSET TimeZone = 'UTC';\n"); // a timestamp without an offset is UTC, as in the test goal
        String raw = spec.spec().schema().raw();
        for (String table : RawTables.of(spec).all()) {
            SourceTable t =
                    spec.sourceCatalog().flatMap(c -> c.table(raw, table)).orElse(null);
            java.util.Optional<String> seed = seeds.seedOf(table);
            if (t == null || t.columns().isEmpty()) {
                sb.append("\n-- ").append(Text.commentLine(table)).append(": no DDL given, columns unknown\n");
                continue;
            }
            if (seed.isEmpty()) { // a DDL table's name may be any text in backticks: kept on the comment line
                sb.append("\n-- ")
                        .append(Text.commentLine(table))
                        .append(": no seed file (")
                        .append(Text.commentLine(seeds.expected(table)))
                        .append("); the test goal fills it with synthetic rows\n");
                continue;
            }
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (SourceColumn c : t.columns()) {
                columns.add(D.quote(c.name()));
                values.add(seedValue(c));
            }
            sb.append("\nINSERT INTO ")
                    .append(DuckDbNames.qualified(names.rawSchema(), table))
                    .append(" (")
                    .append(String.join(", ", columns))
                    .append(")\nSELECT\n    ")
                    .append(String.join(",\n    ", values))
                    .append("\nFROM read_csv(")
                    .append(D.string(seed.get()))
                    .append(", header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true);\n");
        }
        return sb.toString();
    }

    /** A seed column as read by read_csv (text) converted to its DDL type. */
    private static String seedValue(SourceColumn c) {
        String col = D.quote(c.name());
        String type = DuckDbRules.columnType(c.type());
        if (type.equals("VARCHAR")) {
            return col;
        }
        if (type.equals("BOOLEAN")) {
            // the test goal's spellings of true and false
            return "CAST(CASE lower(trim(" + col
                    + ")) WHEN 'yes' THEN 'true' WHEN 'y' THEN 'true' WHEN 'no' THEN 'false'"
                    + " WHEN 'n' THEN 'false' ELSE trim(" + col + ") END AS BOOLEAN) AS " + col;
        }
        return "CAST(trim(" + col + ") AS " + type + ") AS " + col;
    }

    private static TestSql.Relations relations(ValidatedSpec spec, DuckDbNames names) {
        return new TestSql.Relations() {
            @Override
            public String model(String model) {
                Model m = spec.spec().model(model).orElseThrow();
                return DuckDbNames.qualified(names.modelSchema(m), m.name());
            }

            @Override
            public String raw(String table) {
                return DuckDbNames.qualified(names.rawSchema(), table);
            }
        };
    }

    /** The statements that (re)build one model. */
    static List<String> statements(ValidatedSpec spec, Model m, DuckDbNames names) {
        ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
        String select = SqlQueryWriter.select(plan, D, source(spec, names));
        String table = DuckDbNames.qualified(names.modelSchema(m), m.name());
        if (plan.incremental() != null && plan.incremental().watermark() != null) {
            // without a watermark every run reads every row, and the rebuild below gives the merge's rows
            return incremental(
                    plan,
                    table,
                    select,
                    SqlQueryWriter.batch(plan, D, source(spec, names), SqlQueryWriter.Batch.always(table)));
        }
        if (plan.scd2() == null) {
            return List.of("CREATE OR REPLACE TABLE " + table + " AS\n" + select.stripTrailing());
        }
        return scd2(plan, table, select.stripTrailing());
    }

    /**
     * An incremental model ({@link IncrementalPlan}) as two statements that are correct on every run: create the
     * table empty on the first run (the select gives the column types), then merge the batch into it, which on the
     * empty table is every row.
     */
    private static List<String> incremental(ModelPlan plan, String table, String select, String batch) {
        String create = "CREATE TABLE IF NOT EXISTS " + table + " AS\n"
                + "SELECT *\nFROM (\n" + select.indent(4).stripTrailing() + "\n) AS source_rows\n"
                + "WHERE FALSE";
        return List.of(create, plan.incremental().merge(D, table, plan.selectColumns(), batch));
    }

    private static Function<ModelPlan.Source, String> source(ValidatedSpec spec, DuckDbNames names) {
        return s -> {
            if (s.model()) {
                Model upstream = spec.spec().model(s.ref().table()).orElseThrow();
                return DuckDbNames.qualified(names.modelSchema(upstream), upstream.name());
            }
            return DuckDbNames.qualified(names.rawSchema(), s.ref().table());
        };
    }

    /** The run timestamp in DuckDB, which has session variables. */
    private static String runAt(Scd2Plan.RunAt runAt) {
        return switch (runAt) {
            case SESSION_VARIABLE_OR_NOW ->
                "COALESCE(CAST(getvariable('" + Scd2Plan.RunAt.VARIABLE + "') AS TIMESTAMPTZ), current_timestamp)";
        };
    }

    /**
     * SCD type 2 ({@link Scd2Plan}) as three statements that are correct on every run: create the table on the first
     * run; insert a new version for every source row that fails the change predicate against every current version,
     * valid from the run timestamp; close each current version that a newer version of the same entity superseded.
     */
    private static List<String> scd2(ModelPlan plan, String table, String select) {
        Scd2Plan k = plan.scd2();
        String from = D.quote(k.effectiveAt());
        String to = D.quote(k.expiryAt());
        String flag = D.quote(k.currentFlag());
        String indented = select.indent(4).stripTrailing();

        String create = "CREATE TABLE IF NOT EXISTS " + table + " AS\n"
                + "SELECT source_rows.*, CAST(NULL AS TIMESTAMPTZ) AS " + from + ", CAST(NULL AS TIMESTAMPTZ) AS " + to
                + ", CAST(NULL AS BOOLEAN) AS " + flag + "\n"
                + "FROM (\n" + indented + "\n) AS source_rows\n"
                + "WHERE FALSE";

        List<String> insertColumns = new ArrayList<>();
        k.columns().forEach(c -> insertColumns.add(D.quote(c)));
        insertColumns.add(from);
        insertColumns.add(to);
        insertColumns.add(flag);
        List<String> selected = new ArrayList<>();
        k.columns().forEach(c -> selected.add("source_rows." + D.quote(c)));
        String insert = "INSERT INTO " + table + " (" + String.join(", ", insertColumns) + ")\n"
                + "SELECT " + String.join(", ", selected) + ",\n"
                + "    " + runAt(k.runAt()) + ",\n"
                + "    CAST(NULL AS TIMESTAMPTZ),\n"
                + "    TRUE\n"
                + "FROM (\n" + indented + "\n) AS source_rows\n"
                + "WHERE NOT EXISTS (\n"
                + "    SELECT 1\n"
                + "    FROM " + table + " AS current_rows\n"
                + "    WHERE current_rows." + flag + "\n"
                + k.change().conditions(D, "current_rows", "source_rows").stream()
                        .map(s -> "      AND " + s + "\n")
                        .collect(Collectors.joining())
                + ")";

        String newer = "FROM " + table + " AS newer\n        WHERE "
                + String.join("\n          AND ", k.close().conditions(D, "newer", "old_rows"))
                + "\n          AND newer." + from + " > old_rows." + from;
        String close = "UPDATE " + table + " AS old_rows\n"
                + "SET " + flag + " = FALSE,\n"
                + "    " + to + " = (\n        SELECT MIN(newer." + from + ")\n        " + newer + "\n    )\n"
                + "WHERE old_rows." + flag + "\n"
                + "  AND EXISTS (\n        SELECT 1\n        " + newer + "\n    )";
        return List.of(create, insert, close);
    }
}
