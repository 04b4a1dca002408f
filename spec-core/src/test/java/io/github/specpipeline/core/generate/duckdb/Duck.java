package io.github.specpipeline.core.generate.duckdb;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** An in-memory DuckDB for tests: one fresh Statement per SQL (a failed statement closes its Statement). */
public final class Duck implements AutoCloseable {
    private final Connection connection;

    public Duck() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    public void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nin:\n" + sql, e);
        }
    }

    /** Rows as text: values joined by " | ", NULL as NULL, decimals without trailing zeros, instants in UTC. */
    public List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(text(rs.getObject(i)));
                }
                out.add(String.join(" | ", values));
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nin:\n" + sql, e);
        }
        return out;
    }

    /** The single value of a one-row, one-column query, as text. */
    public String value(String sql) throws SQLException {
        List<String> rows = rows(sql);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows);
        }
        return rows.get(0);
    }

    /** The type of the single value of a one-row query. */
    public String type(String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.getMetaData().getColumnTypeName(1);
        }
    }

    static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof LocalDate || v instanceof LocalDateTime) {
            return v.toString();
        }
        return String.valueOf(v);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
