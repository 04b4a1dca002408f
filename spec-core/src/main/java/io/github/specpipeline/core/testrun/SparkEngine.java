package io.github.specpipeline.core.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.generate.SqlQueryWriter;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testcatalog.TestSql;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Spark as a {@link TestEngine}: each model is built from its Spark SQL, the plan rendered for {@link Dialect#SPARK}
 * by {@link SqlQueryWriter} (the expressions the PySpark target puts in {@code F.expr}), on a Spark session held by
 * a Python process ({@link SparkBridge}): a local one, or a Spark Connect server's. The data tests are the test
 * catalogue rendered in Spark SQL.
 *
 * <p>Every table is a temporary view of the session (raw tables, models, unit tests' inputs), named
 * {@code `dataset.table`} as one quoted name, and each model's rows are computed once ({@code localCheckpoint}):
 * nothing is written to the warehouse of a shared cluster, and nothing is left behind when the session ends. As
 * on GoogleSQL, an SCD2 model is built as its first run (every row the current version, valid from the run time)
 * and an incremental model as a full build.
 */
public final class SparkEngine implements TestEngine {
    /** The dataset of unit tests' input tables. */
    static final String SCHEMA = "__specpipeline_unit_tests";

    /** The text a statement that does not translate to Spark SQL starts with; running it fails with the reason. */
    private static final String NOT_TRANSLATED = "-- not translated to Spark SQL: ";

    private static final Dialect D = Dialect.SPARK;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SparkBridge bridge;
    private final ValidatedSpec spec;
    private final Map<String, RawTable> raw;
    private final Instant runAt;
    private final Duration timeout;
    private final String sparkVersion;
    private final List<DuckDbPlan.ModelBuild> models = new ArrayList<>();
    private final List<DataTestQuery> tests = new ArrayList<>();
    private boolean closed;
    /** Whether {@link #saveRawTables} ran: a replaced raw table is then saved again. */
    private boolean rawTablesSaved;

    private SparkEngine(
            SparkBridge bridge,
            String sparkVersion,
            ValidatedSpec spec,
            Map<String, RawTable> raw,
            Instant runAt,
            Duration timeout) {
        this.bridge = bridge;
        this.sparkVersion = sparkVersion;
        this.spec = spec;
        this.raw = raw;
        this.runAt = runAt.truncatedTo(ChronoUnit.MICROS);
        this.timeout = timeout;
        for (Model m : spec.graph().order()) {
            String statement;
            try {
                ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
                statement =
                        firstRun(plan, SqlQueryWriter.select(plan, D, source()).stripTrailing());
            } catch (RuntimeException e) {
                statement = NOT_TRANSLATED + oneLine(e);
            }
            models.add(new DuckDbPlan.ModelBuild(m.name(), modelTable(m), List.of(statement)));
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
            String failing;
            try {
                failing = sql.failingRows(t);
            } catch (RuntimeException e) {
                failing = NOT_TRANSLATED + oneLine(e);
            }
            tests.add(
                    new DataTestQuery(t.id(), t.model(), t.column(), t.kind(), t.description(), t.pointer(), failing));
        }
    }

    /**
     * Starts Spark (local, or connected to a server) and fills the raw tables the models read.
     *
     * @param rows    per raw table name (a key of {@code raw}), its rows; a table without rows is empty
     * @param runAt   the run time: when an SCD2 model's versions become valid
     * @param timeout how long one request may run; zero for no limit
     * @throws SparkUnavailableException when Python, pyspark 4.x, Java or the server is missing
     * @throws SQLException              when a raw table's rows are not values of its columns' Spark types
     */
    public static SparkEngine start(
            ValidatedSpec spec,
            Map<String, RawTable> raw,
            Map<String, GoogleSqlEngine.RawRows> rows,
            Instant runAt,
            SparkConnection connection,
            Duration timeout)
            throws SparkUnavailableException, SQLException {
        SparkBridge bridge = connection.remote() == null
                ? SparkBridge.local(connection.python())
                : SparkBridge.start(connection.python());
        boolean started = false;
        try {
            ObjectNode start = SparkBridge.request("start");
            if (connection.remote() != null) {
                start.put("remote", connection.remote());
            }
            JsonNode answer;
            try {
                answer = bridge.call(start, connection.startTimeout());
            } catch (SQLException e) {
                String m = e.getMessage().replaceFirst("^Spark: ", "");
                throw new SparkUnavailableException("engine spark: could not "
                        + (connection.remote() == null ? "start " : "connect to ") + connection.describe() + ": "
                        + DuckDbSession.firstLine(m) + (m.contains("JAVA_GATEWAY") ? bridge.lastLog() : ""));
            }
            SparkEngine engine = new SparkEngine(bridge, answer.path("spark").asText(), spec, raw, runAt, timeout);
            // loading is set-up, not a test: Spark's first jobs compile and load classes, which took over 60 s (the
            // default testTimeout) with two ITs on two busy cores; loading gets the start's time limit
            Duration load = timeout.isZero() || timeout.compareTo(connection.startTimeout()) > 0
                    ? timeout
                    : connection.startTimeout();
            for (RawTable r : raw.values()) {
                engine.load(r, rows.get(r.name()), load);
            }
            started = true;
            return engine;
        } finally {
            if (!started) {
                bridge.close();
            }
        }
    }

    /** The Spark version the session runs. */
    public String sparkVersion() {
        return sparkVersion;
    }

    private void load(RawTable r, GoogleSqlEngine.RawRows given, Duration limit) throws SQLException {
        List<String> names = r.columns().stream().map(RawTable.Column::name).toList();
        List<ColumnType> types = r.columns().stream().map(RawTable.Column::type).toList();
        List<String[]> table = new ArrayList<>();
        if (given != null) {
            int[] at = new int[names.size()];
            for (int c = 0; c < names.size(); c++) {
                at[c] = indexOf(given.columns(), names.get(c));
            }
            for (String[] row : given.rows()) {
                String[] cells = new String[names.size()];
                for (int c = 0; c < names.size(); c++) {
                    cells[c] = at[c] < 0 ? null : row[at[c]];
                }
                table.add(cells);
            }
        }
        try {
            create(D.quoteAlways(rawTable(r.name())), names, types, table, limit);
        } catch (SQLException e) {
            throw new SQLException("Spark could not load " + rawTable(r.name()) + ": " + e.getMessage(), e);
        }
    }

    /** A temporary view of typed rows (canonical text, cast by Spark to each column's type). */
    private void create(String view, List<String> names, List<ColumnType> types, List<String[]> rows, Duration limit)
            throws SQLException {
        ObjectNode req = SparkBridge.request("create");
        req.put("view", view);
        ArrayNode columns = req.putArray("columns");
        for (int c = 0; c < names.size(); c++) {
            columns.addArray().add(names.get(c)).add(sparkType(types.get(c)));
        }
        ArrayNode data = req.putArray("rows");
        for (String[] row : rows) {
            ArrayNode cells = data.addArray();
            for (int c = 0; c < names.size(); c++) {
                String v = row[c];
                cells.add(v == null ? null : wireText(v, types.get(c)));
            }
        }
        bridge.call(req, limit);
    }

    /** The Spark type of a column: its BigQuery type's Spark type, text where Spark has none (TIME). */
    static String sparkType(ColumnType type) {
        if (type.bigQueryType() == null) {
            return "STRING";
        }
        try {
            return D.type(type.bigQueryType()).orElse("STRING");
        } catch (RuntimeException e) {
            return "STRING";
        }
    }

    /** A canonical value as Spark's cast reads it: a TIMESTAMP's {@code +00} offset written as {@code Z}. */
    private static String wireText(String v, ColumnType type) {
        if (type.kind() == ColumnType.Kind.TIMESTAMP && v.endsWith("+00")) {
            return v.substring(0, v.length() - 3).replace(' ', 'T') + "Z";
        }
        return v;
    }

    @Override
    public EngineName name() {
        return EngineName.SPARK;
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
        refuseUntranslated(statement);
        ObjectNode req = SparkBridge.request("materialize");
        req.put("view", D.quoteAlways(model.qualifiedName()));
        req.put("sql", statement);
        bridge.call(req, timeout);
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
        return firstRun(plan, SqlQueryWriter.select(plan, D, inputs).stripTrailing());
    }

    @Override
    public DuckDbSession.Rows query(String sql, List<InputTable> inputs) throws SQLException {
        refuseUntranslated(sql);
        List<String> created = new ArrayList<>();
        try {
            for (InputTable t : inputs) {
                String view = inputRelation(t.name());
                create(view, t.columns(), t.types(), t.rows(), timeout);
                created.add(view);
            }
            ObjectNode req = SparkBridge.request("rows");
            req.put("sql", sql);
            return rows(bridge.call(req, timeout));
        } finally {
            if (!created.isEmpty()) {
                ObjectNode drop = SparkBridge.request("drop");
                ArrayNode views = drop.putArray("views");
                created.forEach(views::add);
                try {
                    bridge.call(drop, timeout);
                } catch (SQLException e) {
                    // the next query uses other names; nothing depends on the drop
                }
            }
        }
    }

    @Override
    public DuckDbSession.Rows modelRows(DuckDbPlan.ModelBuild model) throws SQLException {
        return query("SELECT * FROM " + D.quoteAlways(model.qualifiedName()), List.of());
    }

    /**
     * Rows of any Spark SQL query on the session (a table the generated PySpark saved, for one).
     *
     * @see #modelRows
     */
    public DuckDbSession.Rows rows(String sql) throws SQLException {
        return query(sql, List.of());
    }

    /**
     * Saves every raw table as a table of the session's catalog under the name the generated PySpark reads it by
     * ({@code spark.table("<raw dataset>.<table>")}, the spec's raw dataset). For a local session only: it writes to
     * the session's warehouse.
     */
    public void saveRawTables() throws SQLException {
        for (RawTable r : raw.values()) {
            save(r);
        }
        rawTablesSaved = true;
    }

    /**
     * Replaces the rows of the raw table {@code table} (a key of the raw tables it was started with), saved again
     * when {@link #saveRawTables} saved it: the changed sources of a second, incremental run. The model tables stay.
     */
    public void replaceRawRows(String table, GoogleSqlEngine.RawRows rows) throws SQLException {
        RawTable r = raw.get(table);
        if (r == null) {
            throw new SQLException("no raw table " + table);
        }
        load(r, rows, timeout);
        if (rawTablesSaved) {
            save(r);
        }
    }

    private void save(RawTable r) throws SQLException {
        String dataset = spec.spec().schema().raw();
        ObjectNode req = SparkBridge.request("save");
        req.put("view", D.quoteAlways(rawTable(r.name())));
        req.put("database", dataset);
        req.put("table", D.quoteAlways(dataset) + "." + D.quoteAlways(r.name()));
        bridge.call(req, timeout);
    }

    /** Runs {@code run_all.py}'s {@code main()} from the generated PySpark folder on this session. */
    public void runGenerated(Path folder) throws SQLException {
        ObjectNode req = SparkBridge.request("run_generated");
        req.put("folder", folder.toAbsolutePath().normalize().toString());
        bridge.call(req, timeout);
    }

    /** Stops Spark, or gives a lent bridge back; only once, since a lent bridge may be lent again after. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            bridge.close();
        }
    }

    /** The typed form of the bridge's rows: the Java values {@link DuckDbSession#rows} gives for the same types. */
    static DuckDbSession.Rows rows(JsonNode answer) throws SQLException {
        List<String> names = new ArrayList<>();
        answer.path("columns").forEach(n -> names.add(n.asText()));
        List<String> types = new ArrayList<>();
        answer.path("types").forEach(n -> types.add(n.asText().toUpperCase(Locale.ROOT)));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : answer.path("rows")) {
            List<Object> row = new ArrayList<>(names.size());
            for (int c = 0; c < names.size(); c++) {
                JsonNode v = r.get(c);
                try {
                    row.add(v == null || v.isNull() ? null : value(v.asText(), types.get(c)));
                } catch (RuntimeException e) {
                    throw new SQLException("Spark returned '" + Values.visible(v.asText(), 80) + "' for a "
                            + types.get(c) + " column " + names.get(c) + ": " + e.getMessage());
                }
            }
            rows.add(row);
        }
        return new DuckDbSession.Rows(names, types, rows);
    }

    /** One cell from Spark's text: see {@link GoogleSqlEngine} and {@link DuckDbSession#rows} for the same forms. */
    static Object value(String text, String sparkType) {
        String t = sparkType.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) {
            return new BigDecimal(text);
        }
        return switch (t) {
            case "BIGINT", "INT", "SMALLINT", "TINYINT" -> Long.valueOf(text);
            case "DOUBLE", "FLOAT" -> Double.valueOf(text);
            case "BOOLEAN" -> Boolean.valueOf(text);
            case "DATE" -> LocalDate.parse(text);
            case "TIMESTAMP" -> LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            case "TIMESTAMP_NTZ" -> LocalDateTime.parse(text);
            default -> text;
        };
    }

    private static void refuseUntranslated(String sql) throws SQLException {
        if (sql.startsWith(NOT_TRANSLATED)) {
            throw new SQLException(sql.substring(3));
        }
    }

    /** A model's table: {@code dataset.model}, its layer's dataset. */
    private String modelTable(Model m) {
        return spec.spec().schema().of(m.layer()) + "." + m.name();
    }

    /** A raw table's name: its DDL's {@code dataset.table}, else the spec's raw dataset. */
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
        Map<String, String> cache = new HashMap<>();
        return s -> cache.computeIfAbsent(s.ref().text() + (s.model() ? "/model" : "/raw"), k -> {
            if (s.model()) {
                return D.quoteAlways(
                        modelTable(spec.spec().model(s.ref().table()).orElseThrow()));
            }
            return D.quoteAlways(rawTable(s.ref().table()));
        });
    }

    /** The model's rows after a first run: an SCD2 model's select with every row the current version. */
    private String firstRun(ModelPlan plan, String select) {
        Scd2Plan k = plan.scd2();
        if (k == null) {
            return select;
        }
        return "SELECT source_rows.*, TIMESTAMP '" + MICROS.format(runAt) + "+00:00' AS " + D.quote(k.effectiveAt())
                + ", CAST(NULL AS TIMESTAMP) AS " + D.quote(k.expiryAt()) + ", TRUE AS " + D.quote(k.currentFlag())
                + "\nFROM (\n" + select.indent(4).stripTrailing() + "\n) AS source_rows";
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return DuckDbSession.firstLine(m);
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
