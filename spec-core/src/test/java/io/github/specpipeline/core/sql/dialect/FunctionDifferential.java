package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.engine.bigquery.BigQueryEngine;
import io.github.specpipeline.core.engine.bigquery.BigQueryException;
import io.github.specpipeline.core.engine.bigquery.BigQueryValues;
import io.github.specpipeline.core.engine.bigquery.QueryResult;
import io.github.specpipeline.core.engine.bigquery.TableColumn;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The per-function differential table: each case of {@code differential/functions.txt} (one BigQuery call per
 * line) evaluated by GoogleSQL (BigQuery's reference implementation) and by its DuckDB translation executed on
 * DuckDB, both read into one typed value form ({@link Typed}: BigQuery's type name and BigQuery's text form of the
 * value). The run is shared by the tests that check it and the page that shows it.
 */
final class FunctionDifferential {
    static final String RESOURCE = "/differential/functions.txt";
    static final String SPARK_SCRIPT = "/differential/spark_eval.py";

    /** The prefix of a case's Spark status field ({@code spark: refused}); the field without one is DuckDB's. */
    static final String SPARK = "spark:";

    /**
     * Two FLOAT64 results agree when they are within this relative distance (a few units in the last place: the
     * engines' math libraries may round transcendental functions differently); everything else is exact.
     */
    static final double FLOAT_TOLERANCE = 1e-14;

    private static List<Result> results;
    private static List<Result> sparkResults;

    private FunctionDifferential() {}

    /** What a case declares about itself: it agrees, DuckDB refuses it, or it differs and a diagnostic says so. */
    enum Expect {
        AGREES,
        REFUSED,
        DIFFERS,
        /** GoogleSQL's reference implementation does not have the function: nothing to compare with. */
        UNCHECKED
    }

    /** A case's declared status; {@code code} (SP240..SP246) is the diagnostic of a difference, else null. */
    record Status(Expect expect, String code) {
        static Status parse(String text, int line) {
            String t = text.strip();
            if (t.startsWith(SPARK)) {
                t = t.substring(SPARK.length()).strip();
            }
            if (t.isEmpty()) {
                return new Status(Expect.AGREES, null);
            }
            if (t.equals("refused")) {
                return new Status(Expect.REFUSED, null);
            }
            if (t.matches("unchecked( SP24[0-6])?")) {
                return new Status(Expect.UNCHECKED, t.length() > "unchecked".length() ? t.substring(10) : null);
            }
            if (t.matches("differs SP24[0-6]")) {
                return new Status(Expect.DIFFERS, t.substring("differs ".length()));
            }
            throw new IllegalArgumentException(RESOURCE + ":" + line + ": unknown status '" + t + "'");
        }
    }

    /**
     * One call: {@code function | expression [| rows] [| status] [| spark: status]}; {@code rows}
     * ({@code x: 1, 2, NULL}) makes the expression read a column {@code x} holding those BigQuery literals, one
     * row each (for aggregates). {@code status} is what the DuckDB translation does, {@code spark} what the Spark
     * one does (both "agrees" when left out).
     */
    record Case(int line, String function, String expression, List<String> rows, Status status, Status spark) {
        Status status(Dialect dialect) {
            return dialect == Dialect.SPARK ? spark : status;
        }

        String id() {
            return expression + (rows.isEmpty() ? "" : " over x in [" + String.join(", ", rows) + "]");
        }
    }

    /** A value in one form for both engines: BigQuery's type name and its text ({@code null} for NULL). */
    record Typed(String type, String text) {
        static Typed error(String message) {
            return new Typed("error", message);
        }

        boolean isError() {
            return type.equals("error");
        }

        String show() {
            if (isError()) {
                return "error";
            }
            return (text == null ? "NULL" : "'" + text + "'") + " (" + type + ")";
        }

        boolean agrees(Typed other) {
            if (isError() || other.isError()) {
                return isError() && other.isError();
            }
            if (!type.equals(other.type)) {
                // an untyped NULL literal (DuckDB's 'a' || NULL) is NULL of any type
                return text == null && other.text == null && (type.equals("NULL") || other.type.equals("NULL"));
            }
            if (text == null || other.text == null) {
                return text == null && other.text == null;
            }
            if (type.equals("FLOAT64")) {
                double a = parseDouble(text);
                double b = parseDouble(other.text);
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
                    return Double.compare(a, b) == 0 || (Double.isNaN(a) && Double.isNaN(b));
                }
                return a == b || Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
            }
            return text.equals(other.text);
        }
    }

    enum Outcome {
        AGREE,
        DIFFER,
        REFUSED
    }

    /**
     * One target's run of a case: the rendered SQL and its value, or the refusal (null SQL and value), and the
     * differences the rendering recorded (what validation reports).
     */
    record Side(
            Dialect dialect,
            Status status,
            String sql,
            Typed value,
            String refusal,
            List<EngineDifference> differences) {
        Outcome outcome(Typed bigQuery) {
            if (refusal != null) {
                return Outcome.REFUSED;
            }
            return bigQuery.agrees(value) ? Outcome.AGREE : Outcome.DIFFER;
        }

        boolean asDeclared(Typed bigQuery) {
            return switch (status.expect()) {
                case AGREES -> outcome(bigQuery) == Outcome.AGREE;
                case REFUSED -> outcome(bigQuery) == Outcome.REFUSED;
                case DIFFERS -> outcome(bigQuery) == Outcome.DIFFER;
                case UNCHECKED -> bigQuery.isError() && bigQuery.text().startsWith("Unsupported built-in function");
            };
        }
    }

    /** A case run: GoogleSQL's value, the DuckDB side, and the Spark side (null until Spark has run). */
    record Result(Case c, Typed bigQuery, Side duckDb, Side spark) {
        Side side(Dialect dialect) {
            return dialect == Dialect.SPARK ? spark : duckDb;
        }

        Outcome outcome() {
            return duckDb.outcome(bigQuery);
        }

        Outcome outcome(Dialect dialect) {
            return side(dialect).outcome(bigQuery);
        }

        boolean asDeclared(Dialect dialect) {
            return side(dialect).asDeclared(bigQuery);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = FunctionDifferential.class.getResourceAsStream(RESOURCE)) {
            String[] lines = new String(Objects.requireNonNull(in, RESOURCE).readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", -1);
                if (f.length < 2 || f.length > 5) {
                    throw new IllegalArgumentException(RESOURCE + ":" + (i + 1) + ": expected 2 to 5 fields");
                }
                List<String> rows = List.of();
                String status = "";
                String spark = "";
                for (int k = 2; k < f.length; k++) {
                    if (f[k].startsWith("x: ")) {
                        rows = List.of(f[k].substring(3).split(", ", -1));
                    } else if (f[k].strip().startsWith(SPARK)) {
                        spark = f[k];
                    } else {
                        status = f[k];
                    }
                }
                cases.add(new Case(
                        i + 1,
                        f[0].strip(),
                        f[1].strip(),
                        rows,
                        Status.parse(status, i + 1),
                        Status.parse(spark, i + 1)));
            }
        }
        return cases;
    }

    /**
     * Every case run once per JVM (GoogleSQL's engine takes a while to start) on GoogleSQL and DuckDB; the Spark
     * side is rendered, its value not yet known ({@link #withSpark}).
     */
    static synchronized List<Result> results() throws Exception {
        if (results == null) {
            results = run(cases());
        }
        return results;
    }

    /** {@link #results()} with the Spark side's values: every Spark query run on one local session. */
    static synchronized List<Result> withSpark(Path python) throws Exception {
        if (sparkResults == null) {
            sparkResults = SparkEvaluation.run(python, results());
        }
        return sparkResults;
    }

    private static List<Result> run(List<Case> cases) throws Exception {
        List<Result> out = new ArrayList<>();
        try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty());
                Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            for (Case c : cases) {
                out.add(run(c, engine, duck));
            }
        }
        return out;
    }

    private static Result run(Case c, BigQueryEngine engine, Connection duck) throws Exception {
        String rowsArray = "[" + String.join(", ", c.rows()) + "]";
        Typed bq = bigQuery(engine, c, rowsArray);
        String xType = c.rows().isEmpty() || bq.isError() ? null : elementType(engine, rowsArray);
        Side duckDb = render(c, Dialect.DUCKDB, xType, rowsArray);
        if (duckDb.sql() != null) {
            duckDb = new Side(
                    duckDb.dialect(),
                    duckDb.status(),
                    duckDb.sql(),
                    duckDb(duck, query(c, Dialect.DUCKDB, duckDb.sql(), rowsArray)),
                    null,
                    duckDb.differences());
        }
        return new Result(c, bq, duckDb, render(c, Dialect.SPARK, xType, rowsArray));
    }

    /** The case rendered for {@code dialect}: the SQL (value not yet run), or the refusal. */
    private static Side render(Case c, Dialect dialect, String xType, String rowsArray) {
        RenderScope scope = new RenderScope() {
            @Override
            public String column(ColumnRef ref, Dialect d) {
                return RenderScope.AS_WRITTEN.column(ref, d);
            }

            @Override
            public String typeOf(ColumnRef ref) {
                return ref.column().equalsIgnoreCase("x") ? xType : null;
            }
        };
        Status status = c.status(dialect);
        SqlRenderer.Rendering r;
        try {
            r = SqlRenderer.render(SqlFragments.parse(c.expression(), null).expression(), dialect, scope);
        } catch (SqlFragmentException e) {
            return new Side(
                    dialect, status, null, Typed.error("the case does not parse: " + e.getMessage()), null, List.of());
        }
        if (!r.ok()) {
            return new Side(dialect, status, null, null, r.problems().get(0).describe(), r.differences());
        }
        return new Side(dialect, status, r.sql(), null, null, r.differences());
    }

    /** {@code SELECT <rendered> AS v}, over a column x holding the case's rows when it has any. */
    static String query(Case c, Dialect dialect, String rendered, String rowsArray) throws SqlFragmentException {
        String sql = "SELECT " + rendered + " AS v";
        if (!c.rows().isEmpty()) {
            SqlRenderer.Rendering rows = SqlRenderer.render(
                    SqlFragments.parse(rowsArray, null).expression(), dialect, RenderScope.AS_WRITTEN);
            sql += dialect == Dialect.SPARK
                    ? " FROM (SELECT explode(" + rows.sql() + ") AS x)"
                    : " FROM (SELECT unnest(" + rows.sql() + ") AS x)";
        }
        return sql;
    }

    private static Typed bigQuery(BigQueryEngine engine, Case c, String rowsArray) {
        String sql = "SELECT " + c.expression() + " AS v"
                + (c.rows().isEmpty() ? "" : " FROM UNNEST(" + rowsArray + ") AS x");
        try {
            QueryResult q = engine.query(sql);
            return new Typed(q.columns().get(0).type().sql(), q.rows().get(0).get(0));
        } catch (BigQueryException e) {
            return Typed.error(e.getMessage());
        }
    }

    private static String elementType(BigQueryEngine engine, String rowsArray) {
        try {
            return engine.query("SELECT x FROM UNNEST(" + rowsArray + ") AS x LIMIT 1")
                    .columns()
                    .get(0)
                    .type()
                    .sql();
        } catch (BigQueryException e) {
            return null;
        }
    }

    // ---- DuckDB's value in BigQuery's form ---------------------------------------------------------------

    private static Typed duckDb(Connection duck, String sql) {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            String duckType = md.getColumnTypeName(1).toUpperCase(Locale.ROOT);
            if (!rs.next()) {
                return Typed.error("no row");
            }
            String type = bigQueryType(duckType);
            Object v = read(rs, duckType);
            if (v == null) {
                return new Typed(type, null);
            }
            if (duckType.endsWith("[]")) {
                return new Typed(type, listJson(duck, sql));
            }
            return new Typed(type, text(v, type));
        } catch (SQLException e) {
            return Typed.error(e.getMessage());
        }
    }

    /** A list as BigQuery writes an ARRAY's text: JSON, numbers bare, other scalars as strings. */
    private static String listJson(Connection duck, String sql) throws SQLException {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT CAST(to_json(v) AS VARCHAR) FROM (" + sql + ")")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Object read(ResultSet rs, String duckType) throws SQLException {
        if (duckType.equals("TIMESTAMP WITH TIME ZONE") || duckType.equals("TIMESTAMPTZ")) {
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (duckType.equals("TIMESTAMP")) {
            return rs.getObject(1, LocalDateTime.class);
        }
        if (duckType.equals("DATE")) {
            return rs.getObject(1, LocalDate.class);
        }
        if (duckType.equals("TIME")) {
            return rs.getObject(1, LocalTime.class);
        }
        return rs.getObject(1);
    }

    static String bigQueryType(String duckType) {
        if (duckType.endsWith("[]")) {
            return "ARRAY<" + bigQueryType(duckType.substring(0, duckType.length() - 2)) + ">";
        }
        if (duckType.startsWith("DECIMAL")) {
            return "NUMERIC";
        }
        return switch (duckType) {
            case "TINYINT",
                    "SMALLINT",
                    "INTEGER",
                    "BIGINT",
                    "HUGEINT",
                    "UTINYINT",
                    "USMALLINT",
                    "UINTEGER",
                    "UBIGINT" -> "INT64";
            case "DOUBLE", "FLOAT" -> "FLOAT64";
            case "VARCHAR" -> "STRING";
            case "BOOLEAN" -> "BOOL";
            case "BLOB" -> "BYTES";
            case "DATE" -> "DATE";
            case "TIMESTAMP" -> "DATETIME";
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> "TIMESTAMP";
            case "TIME" -> "TIME";
            case "INTERVAL" -> "INTERVAL";
            case "JSON" -> "JSON";
            case "UUID" -> "STRING";
            case "\"NULL\"", "NULL" -> "NULL";
            default -> "DuckDB " + duckType;
        };
    }

    /** The value in BigQuery's text form, through GoogleSQL's own value types where they have one. */
    static String text(Object v, String type) {
        com.google.zetasql.Value value;
        if (type.equals("FLOAT64")) {
            value = com.google.zetasql.Value.createDoubleValue(((Number) v).doubleValue());
        } else if (v instanceof OffsetDateTime t) {
            Instant i = t.toInstant();
            value = com.google.zetasql.Value.createTimestampValueFromUnixMicros(
                    Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000));
        } else if (v instanceof LocalDateTime t) {
            value = com.google.zetasql.Value.createDatetimeValue(t);
        } else if (v instanceof LocalTime t) {
            value = com.google.zetasql.Value.createTimeValue(t);
        } else if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        } else if (v instanceof java.sql.Blob b) {
            try {
                return java.util.Base64.getEncoder().encodeToString(b.getBytes(1, (int) b.length()));
            } catch (SQLException e) {
                return "unreadable BLOB: " + e.getMessage();
            }
        } else {
            return v.toString(); // whole numbers, booleans, ISO dates, text
        }
        return BigQueryValues.text(value, TableColumn.of("v", type).type());
    }

    static double parseDouble(String t) {
        return switch (t) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }
}
