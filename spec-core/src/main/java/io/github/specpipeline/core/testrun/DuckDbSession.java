package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.sql.dialect.Dialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One in-memory, embedded DuckDB database. Every SQL text runs on a fresh {@link Statement}: after an error,
 * DuckDB's JDBC driver closes the statement that raised it. The session's time zone is UTC, as BigQuery's is,
 * so casts between timestamps and dates give the same dates everywhere.
 *
 * <p>Every call runs on the session's own worker thread and the caller waits at most the statement timeout.
 * {@link Statement#setQueryTimeout} is not enough: DuckDB checks for an interrupt only while it executes, and
 * binding a deeply nested expression (16 nested {@code NULLIF}s) takes half a minute without a check. So on a
 * timeout the caller cancels the statement, waits a moment for it to end, and, if DuckDB is still busy, gives up
 * the session: later calls fail at once with {@link Busy} instead of queueing behind the stuck statement.
 */
public final class DuckDbSession implements AutoCloseable {
    /** The temporary staging table of appender loads. */
    private static final String STAGE = "__specpipeline_stage";
    /** How long a cancelled statement may take to stop before the session is given up. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final Connection connection;
    private final ExecutorService worker;
    private final Duration timeout;
    /** What the statement that timed out and could not be interrupted was doing; null while the session is usable. */
    private volatile String stuck;

    private boolean closed;

    private DuckDbSession(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spec-pipeline-duckdb");
            t.setDaemon(true); // a statement DuckDB cannot interrupt must not keep the JVM alive
            return t;
        });
    }

    /** Opens a fresh in-memory database whose statements may run as long as they need. */
    public static DuckDbSession open() throws SQLException {
        return open(Duration.ZERO);
    }

    /**
     * Opens a fresh in-memory database (the first one in a JVM loads the native library, about half a second).
     *
     * @param statementTimeout how long one statement may run; zero for no limit
     */
    public static DuckDbSession open(Duration statementTimeout) throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new SQLException("the DuckDB JDBC driver (org.duckdb:duckdb_jdbc) is not on the class path", e);
        }
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        DuckDbSession session = new DuckDbSession(c, statementTimeout);
        try {
            session.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** A statement ran longer than the statement timeout and was cancelled. */
    public static final class TimedOut extends SQLTimeoutException {
        TimedOut(Duration timeout) {
            super("timed out after " + TestTimeout.seconds(timeout) + " s; raise specpipeline.testTimeout");
        }
    }

    /** The session was given up because DuckDB could not interrupt a statement that timed out. */
    public static final class Busy extends SQLException {
        Busy(String stuck) {
            super("DuckDB is still busy with a statement that timed out and could not be interrupted (" + stuck + ")");
        }
    }

    /** What the session was given up for, if a statement timed out and DuckDB could not interrupt it. */
    public Optional<String> stuck() {
        return Optional.ofNullable(stuck);
    }

    /** Work on the connection, on the worker thread; {@code statement} is the one a timeout cancels. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Statement statement) throws SQLException;
    }

    private <T> T call(String sql, Work<T> work) throws SQLException {
        if (stuck != null) {
            throw new Busy(stuck);
        }
        AtomicReference<Statement> running = new AtomicReference<>();
        Future<T> result = worker.submit(() -> {
            try (Statement s = connection.createStatement()) {
                running.set(s);
                return work.run(s);
            }
        });
        try {
            return timeout.isZero() ? result.get() : result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(running.get());
            try {
                return result.get(GRACE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException still) {
                stuck = Values.visible(sql.strip().replaceAll("\\s+", " "), 80);
            } catch (ExecutionException stopped) {
                // interrupted as asked
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new TimedOut(timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sqlException) {
                throw sqlException;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(running.get());
            throw new SQLException("interrupted while DuckDB ran a statement", e);
        }
    }

    /** Cancels on another thread: DuckDB's cancel waits while the statement is being bound. */
    private static void cancel(Statement s) {
        if (s == null) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        s.cancel();
                    } catch (SQLException e) {
                        // the statement ended meanwhile
                    }
                },
                "spec-pipeline-duckdb-cancel");
        t.setDaemon(true);
        t.start();
    }

    /** Runs one statement. */
    public void execute(String sql) throws SQLException {
        call(sql, s -> s.execute(sql));
    }

    /**
     * Runs a query and keeps its first {@code limit} rows as display text, counting all rows.
     */
    public Sample sample(String sql, int limit) throws SQLException {
        return call(sql, s -> sample(s, sql, limit));
    }

    private static Sample sample(Statement s, String sql, int limit) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(md.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            long count = 0;
            while (rs.next()) {
                if (count < limit) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(display(value(rs, md, i)));
                    }
                    rows.add(row);
                }
                count++;
            }
            return new Sample(columns, rows, count);
        }
    }

    /**
     * Runs a query and returns every row, values as Java objects: numbers, {@link Boolean}, {@link String},
     * {@link LocalDate}, {@link LocalDateTime} (TIMESTAMP), {@link OffsetDateTime} in UTC (TIMESTAMPTZ),
     * {@link LocalTime}, or the driver's object for other types.
     */
    public Rows rows(String sql) throws SQLException {
        return call(sql, s -> rows(s, sql));
    }

    private static Rows rows(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            List<String> types = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(value(rs, md, i));
                }
                rows.add(row);
            }
            return new Rows(columns, types, rows);
        }
    }

    /**
     * Inserts rows of text values (null = NULL) into a table, each value cast to its column's DuckDB type. The values
     * are expected to be valid (checked by {@link Values}); a cast error would name no row.
     *
     * @param table   the quoted, qualified table name
     * @param columns the column names in the order of each row's values
     * @param types   their types
     */
    public void insert(String table, List<String> columns, List<ColumnType> types, List<String[]> rows)
            throws SQLException {
        if (rows.isEmpty() || columns.isEmpty()) {
            return;
        }
        // DuckDB's appender into a text staging table, then one typed INSERT ... SELECT: much faster than
        // prepared INSERTs, whose planning grows with the number of parameters
        int width = columns.size();
        List<String> stageColumns = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            stageColumns.add("c" + c + " VARCHAR");
            casts.add("CAST(c" + c + " AS " + types.get(c).duckDbType() + ")");
        }
        execute("CREATE OR REPLACE TEMP TABLE " + quote(STAGE) + " (" + String.join(", ", stageColumns) + ")");
        try {
            call("append rows to " + table, s -> {
                try (DuckDBAppender appender =
                        connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", STAGE)) {
                    for (String[] row : rows) {
                        appender.beginRow();
                        for (int c = 0; c < width; c++) {
                            if (row[c] == null) {
                                appender.appendNull();
                            } else {
                                appender.append(row[c]);
                            }
                        }
                        appender.endRow();
                    }
                }
                return null;
            });
            execute("INSERT INTO " + table + " ("
                    + String.join(
                            ", ", columns.stream().map(DuckDbSession::quote).toList()) + ") SELECT "
                    + String.join(", ", casts) + " FROM " + quote(STAGE));
        } finally {
            execute("DROP TABLE IF EXISTS " + quote(STAGE));
        }
    }

    /** Whether DuckDB can cast {@code text} to {@code duckDbType}; the error's first line when it cannot. */
    public String castProblem(String text, String duckDbType) {
        String sql = "SELECT CAST(? AS " + duckDbType + ")";
        try {
            return call(sql, s -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setString(1, text);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                    return null;
                } catch (SQLException e) {
                    return firstLine(e.getMessage());
                }
            });
        } catch (SQLException e) {
            return firstLine(e.getMessage());
        }
    }

    /** A double-quoted SQL identifier. */
    public static String quote(String identifier) {
        return Dialect.DUCKDB.quoteAlways(identifier);
    }

    /** The first line of a (multi-line) DuckDB error message. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /**
     * Closes the database. A session given up on a stuck statement is closed in the background once DuckDB has
     * finished that statement: closing waits for it.
     */
    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdown();
        if (stuck == null) {
            connection.close();
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        worker.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                        connection.close();
                    } catch (InterruptedException | SQLException e) {
                        // nothing to do: the in-memory database goes with the JVM
                    }
                },
                "spec-pipeline-duckdb-close");
        t.setDaemon(true);
        t.start();
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        String type = md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
        if (type.startsWith("TIMESTAMP")) {
            if (type.contains("TIME ZONE") || type.equals("TIMESTAMPTZ")) {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
            }
            return rs.getObject(i, LocalDateTime.class);
        }
        if (type.equals("DATE")) {
            return rs.getObject(i, LocalDate.class);
        }
        return rs.getObject(i);
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    private static String local(LocalDateTime t) {
        return (t.getNano() == 0 ? SECONDS : MICROS).format(t);
    }

    /** A value as a person reads it in a report: NULL, plain decimals, ISO dates and times (UTC with Z). */
    public static String display(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof OffsetDateTime t) {
            return local(t.toLocalDateTime()).replace(' ', 'T') + "Z";
        }
        if (v instanceof LocalDateTime t) {
            return local(t);
        }
        if (v instanceof Double
                || v instanceof Float
                || v instanceof Long
                || v instanceof Integer
                || v instanceof BigInteger
                || v instanceof Short
                || v instanceof Byte
                || v instanceof Boolean
                || v instanceof LocalDate
                || v instanceof LocalTime) {
            return v.toString();
        }
        return Values.visible(v.toString(), 200);
    }

    /**
     * The first rows of a query, for a report.
     *
     * @param count all rows the query returned
     */
    public record Sample(List<String> columns, List<List<String>> rows, long count) {
        /** The first {@code limit} of {@code all} as display text, and how many there are: for engines that fetch all. */
        static Sample of(Rows all, int limit) {
            List<List<String>> shown = new java.util.ArrayList<>();
            for (List<Object> row :
                    all.rows().subList(0, Math.min(limit, all.rows().size()))) {
                List<String> cells = new java.util.ArrayList<>(row.size());
                row.forEach(v -> cells.add(display(v)));
                shown.add(cells);
            }
            return new Sample(all.columns(), shown, all.rows().size());
        }
    }

    /** All rows of a query. */
    public record Rows(List<String> columns, List<String> types, List<List<Object>> rows) {}
}
