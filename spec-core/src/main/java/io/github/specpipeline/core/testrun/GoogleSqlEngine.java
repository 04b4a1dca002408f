package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.engine.bigquery.BigQueryEngine;
import io.github.specpipeline.core.engine.bigquery.BigQueryException;
import io.github.specpipeline.core.engine.bigquery.DmlResult;
import io.github.specpipeline.core.engine.bigquery.EngineUnavailableException;
import io.github.specpipeline.core.engine.bigquery.InMemoryTable;
import io.github.specpipeline.core.engine.bigquery.QueryResult;
import io.github.specpipeline.core.engine.bigquery.TableColumn;
import io.github.specpipeline.core.engine.bigquery.ValueRows;
import io.github.specpipeline.core.generate.SqlQueryWriter;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.IncrementalPlan;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testcatalog.TestSql;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * GoogleSQL's reference implementation of BigQuery as a {@link TestEngine}: each model is built from its BigQuery
 * SQL, the plan rendered for {@link Dialect#BIGQUERY} by {@link SqlQueryWriter} (the text the Dataform and dbt
 * generators wrap in their templates, each source written as {@code `dataset.table`} where they write a ref), and
 * its result kept as a table for the models after it; the data tests are the same test catalogue rendered in
 * BigQuery SQL.
 *
 * <p>A model is built from a query (GoogleSQL's Java API runs no DDL), so an SCD2 model is built as its first run
 * (every row the current version, valid from the run time) and an incremental model as a full build; this is also
 * what the DuckDB plan holds after one run on empty tables. A later run of an incremental model
 * ({@link #runIncrementally}) runs its merge as DML. Statements run to the end: there is no time limit.
 */
public final class GoogleSqlEngine implements TestEngine {
    /** The dataset of unit tests' input tables. */
    static final String SCHEMA = "__specpipeline_unit_tests";

    /** The dataset an incremental run's batch is stored in while its merge runs. */
    static final String BATCH_SCHEMA = "__specpipeline_batch";

    private static final Dialect D = Dialect.BIGQUERY;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The rows of one raw table, as loaded into DuckDB.
     *
     * @param columns the column names, in the order of each row's values
     * @param rows    values in {@link Values#canonical} text form, null for NULL
     */
    public record RawRows(List<String> columns, List<String[]> rows) {
        /** Every seed's rows, by raw table name in the seeds' order: what {@link #start} takes. */
        public static Map<String, RawRows> of(SeedLoader.Result seeds) {
            Map<String, RawRows> out = new LinkedHashMap<>();
            seeds.seeds()
                    .forEach((name, seed) -> out.put(
                            name,
                            new RawRows(
                                    seed.columns().stream()
                                            .map(RawTable.Column::name)
                                            .toList(),
                                    seed.rows())));
            return out;
        }
    }

    private final BigQueryEngine engine;
    private final ValidatedSpec spec;
    private final Map<String, RawTable> raw;
    private final Instant runAt;
    private final List<DuckDbPlan.ModelBuild> models = new ArrayList<>();
    private final List<DataTestQuery> tests = new ArrayList<>();

    private GoogleSqlEngine(BigQueryEngine engine, ValidatedSpec spec, Map<String, RawTable> raw, Instant runAt) {
        this.engine = engine;
        this.spec = spec;
        this.raw = raw;
        this.runAt = runAt.truncatedTo(ChronoUnit.MICROS);
        for (Model m : spec.graph().order()) {
            ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
            String select = SqlQueryWriter.select(plan, D, source()).stripTrailing();
            models.add(new DuckDbPlan.ModelBuild(m.name(), modelTable(m), List.of(firstRun(plan, select))));
        }
        TestSql sql = new TestSql(spec, D, new TestSql.Relations() {
            @Override
            public String model(String model) {
                return D.quoteAlways(modelTable(spec.spec().model(model).orElseThrow()));
            }

            @Override
            public String raw(String table) {
                return D.quoteAlways(rawTable(table));
            }
        });
        for (TestCase t : TestCatalog.of(spec).tests()) {
            tests.add(new DataTestQuery(
                    t.id(), t.model(), t.column(), t.kind(), t.description(), t.pointer(), sql.failingRows(t)));
        }
    }

    /**
     * Starts GoogleSQL with the source DDL's tables and fills the raw tables the models read.
     *
     * @param rows   per raw table name (a key of {@code raw}), its rows; a table without rows is empty
     * @param runAt  the run time: when an SCD2 model's versions become valid
     * @throws EngineUnavailableException when GoogleSQL's native engine cannot run here
     * @throws SQLException               when a raw table's rows are not values of its columns' BigQuery types
     */
    public static GoogleSqlEngine start(
            ValidatedSpec spec, Map<String, RawTable> raw, Map<String, RawRows> rows, Instant runAt)
            throws EngineUnavailableException, SQLException {
        BigQueryEngine engine = BigQueryEngine.start(spec.sourceCatalog().orElse(SourceCatalog.empty()));
        boolean started = false;
        try {
            GoogleSqlEngine g = new GoogleSqlEngine(engine, spec, raw, runAt);
            for (RawTable r : raw.values()) {
                g.load(r, rows.get(r.name()));
            }
            started = true;
            return g;
        } finally {
            if (!started) {
                engine.close();
            }
        }
    }

    /**
     * Replaces the rows of the raw table {@code table} (a key of the raw tables it was started with): the changed
     * sources of a second, incremental run. The model tables built so far stay, as a stored table does.
     */
    public void replaceRawRows(String table, RawRows rows) throws SQLException {
        RawTable r = raw.get(table);
        if (r == null) {
            throw new SQLException("no raw table " + table);
        }
        load(r, rows);
    }

    private void load(RawTable r, RawRows given) throws SQLException {
        String name = rawTable(r.name());
        List<TableColumn> columns = engine.catalog()
                .columns(name)
                .orElseThrow(() -> new SQLException("raw table " + name + " is not in GoogleSQL's catalog: "
                        + String.join("; ", engine.catalog().problems())));
        List<List<String>> table = new ArrayList<>();
        if (given != null) {
            int[] at = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                at[c] = indexOf(given.columns(), columns.get(c).name());
            }
            for (String[] row : given.rows()) {
                List<String> cells = new ArrayList<>(columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    cells.add(at[c] < 0 ? null : row[at[c]]);
                }
                table.add(cells);
            }
        }
        try {
            engine.createTable(name, columns, table);
        } catch (BigQueryException e) {
            throw new SQLException("GoogleSQL could not load " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public EngineName name() {
        return EngineName.BIGQUERY;
    }

    @Override
    public List<DuckDbPlan.ModelBuild> models() {
        return List.copyOf(models);
    }

    @Override
    public List<DataTestQuery> tests() {
        return List.copyOf(tests);
    }

    @Override
    public void build(DuckDbPlan.ModelBuild model, String statement) throws SQLException {
        try {
            QueryResult r = engine.query(statement);
            engine.createTable(model.qualifiedName(), r.columns(), r.rows());
        } catch (BigQueryException e) {
            throw new SQLException("GoogleSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SQLException("GoogleSQL failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs an incremental model once more over its stored table, as BigQuery runs the MERGE the Dataform and
     * BigQuery targets write ({@link IncrementalPlan#merge}): the batch (the model's select restricted by the
     * watermark over the stored table, the MERGE's USING text) is run and stored as a table, then
     * {@link IncrementalPlan#mergeAsUpdateAndInsert} runs the MERGE's two clauses as an UPDATE and an INSERT on
     * GoogleSQL's evaluator, which has no MERGE. A model that is not incremental is built again from its select.
     *
     * @return what each statement changed; empty for a model built again
     * @throws SQLException when GoogleSQL fails a statement, or the model is SCD2 (its later runs are not run here)
     */
    public List<DmlResult> runIncrementally(DuckDbPlan.ModelBuild model) throws SQLException {
        Model m = spec.spec().model(model.model()).orElseThrow();
        ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
        if (plan.scd2() != null) {
            throw new SQLException("GoogleSQL runs only the first run of the SCD2 model " + m.name());
        }
        if (plan.incremental() == null) {
            build(model, model.statements().get(0));
            return List.of();
        }
        String table = D.quoteAlways(model.qualifiedName());
        String batchName = BATCH_SCHEMA + "." + m.name();
        try {
            QueryResult batch =
                    engine.query(SqlQueryWriter.batch(plan, D, source(), SqlQueryWriter.Batch.always(table)));
            List<InMemoryTable> batchTable = List.of(new InMemoryTable(batchName, batch.columns(), batch.rows()));
            List<DmlResult> results = new ArrayList<>();
            for (String sql : plan.incremental()
                    .mergeAsUpdateAndInsert(D, table, plan.selectColumns(), D.quoteAlways(batchName))) {
                results.add(engine.modify(sql, plan.incremental().uniqueKey(), batchTable));
            }
            return List.copyOf(results);
        } catch (BigQueryException e) {
            throw new SQLException("GoogleSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SQLException("GoogleSQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public DuckDbSession.Sample sample(String sql, int limit) throws SQLException {
        return DuckDbSession.Sample.of(query(sql, List.of()), limit);
    }

    @Override
    public String inputRelation(String name) {
        return D.quoteAlways(SCHEMA + "." + name);
    }

    @Override
    public String modelSelect(Model model, Map<String, String> inputs) {
        ModelPlan plan = ModelPlanner.planOrThrow(spec, model);
        String select = SqlQueryWriter.select(plan, D, inputs);
        return firstRun(plan, select.stripTrailing());
    }

    @Override
    public DuckDbSession.Rows query(String sql, List<InputTable> inputs) throws SQLException {
        List<InMemoryTable> tables = new ArrayList<>();
        for (InputTable t : inputs) {
            List<TableColumn> columns = new ArrayList<>();
            for (int i = 0; i < t.columns().size(); i++) {
                String type = t.types().get(i).bigQueryType();
                try {
                    columns.add(TableColumn.of(t.columns().get(i), type == null ? "STRING" : type));
                } catch (IllegalArgumentException e) {
                    throw new SQLException("column " + t.columns().get(i) + ": " + e.getMessage(), e);
                }
            }
            List<List<String>> rows = new ArrayList<>();
            t.rows().forEach(r -> rows.add(java.util.Arrays.asList(r)));
            tables.add(new InMemoryTable(SCHEMA + "." + t.name(), columns, rows));
        }
        try {
            ValueRows r = engine.queryValues(sql, tables);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            r.columns().forEach(c -> {
                names.add(c.name());
                types.add(c.type().sql());
            });
            return new DuckDbSession.Rows(names, types, r.rows());
        } catch (BigQueryException e) {
            throw new SQLException("GoogleSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SQLException("GoogleSQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public DuckDbSession.Rows modelRows(DuckDbPlan.ModelBuild model) throws SQLException {
        return query("SELECT * FROM " + D.quoteAlways(model.qualifiedName()), List.of());
    }

    @Override
    public void close() {
        engine.close();
    }

    /** A model's table: {@code dataset.model}, its layer's dataset. */
    private String modelTable(Model m) {
        return spec.spec().schema().of(m.layer()) + "." + m.name();
    }

    /** A raw table's name in the catalog: its DDL's {@code dataset.table}, else the spec's raw dataset. */
    private String rawTable(String table) {
        RawTable r = raw.get(table);
        if (r == null) {
            r = raw.values().stream()
                    .filter(x -> x.name().equalsIgnoreCase(table))
                    .findFirst()
                    .orElse(null);
        }
        if (r != null && r.ddl() != null) {
            return r.ddl().qualifiedName();
        }
        return spec.spec().schema().raw() + "." + table;
    }

    private Function<ModelPlan.Source, String> source() {
        return s -> {
            if (s.model()) {
                return D.quoteAlways(
                        modelTable(spec.spec().model(s.ref().table()).orElseThrow()));
            }
            return D.quoteAlways(rawTable(s.ref().table()));
        };
    }

    /** The model's rows after a first run: an SCD2 model's select with every row the current version. */
    private String firstRun(ModelPlan plan, String select) {
        Scd2Plan k = plan.scd2();
        if (k == null) {
            return select;
        }
        return "SELECT source_rows.*, TIMESTAMP '" + MICROS.format(runAt) + "+00' AS " + D.quote(k.effectiveAt())
                + ", CAST(NULL AS TIMESTAMP) AS " + D.quote(k.expiryAt()) + ", TRUE AS " + D.quote(k.currentFlag())
                + "\nFROM (\n" + select.indent(4).stripTrailing() + "\n) AS source_rows";
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
