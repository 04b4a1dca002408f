package io.github.specpipeline.core.engine.bigquery;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedQuery;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SqlException;
import com.google.zetasql.TableContent;
import com.google.zetasql.Value;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import io.github.specpipeline.core.ddl.SourceCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * GoogleSQL's analyzer and reference engine over a {@link BigQueryCatalog}: {@link #analyze} checks a statement as
 * BigQuery would, {@link #query} runs a query over in-memory rows with BigQuery's semantics, {@link #createTable}
 * keeps a model's result for the models after it. Not thread-safe: one engine per thread.
 *
 * <p>The catalog and the rows are registered with the native engine once and again only after a table changes,
 * since sending the catalog (with every built-in function) costs more than analyzing a statement.
 */
public final class BigQueryEngine implements AutoCloseable {
    private final BigQueryCatalog catalog;
    private final AnalyzerOptions options;
    private final Map<String, TableContent> contents = new HashMap<>();
    private boolean registered;
    private boolean closed;

    private BigQueryEngine(BigQueryCatalog catalog) {
        this.catalog = catalog;
        this.options = catalog.analyzerOptions();
    }

    /**
     * An engine whose catalog holds the tables of {@code sources} (with no rows until {@link #createTable} gives
     * them some).
     *
     * @throws EngineUnavailableException when GoogleSQL's native engine cannot run here; its message is for the user
     */
    public static BigQueryEngine start(SourceCatalog sources) throws EngineUnavailableException {
        NativeService.acquire();
        try {
            return new BigQueryEngine(BigQueryCatalog.of(sources));
        } catch (RuntimeException | LinkageError e) {
            NativeService.release();
            throw new EngineUnavailableException("GoogleSQL's engine could not build its catalog: " + e.getMessage());
        }
    }

    /** The engine's tables. */
    public BigQueryCatalog catalog() {
        return catalog;
    }

    /**
     * Whether {@code sql} is a valid BigQuery statement against the catalog, and its result columns if a query.
     *
     * <p>A query is first prepared: that answers with its output columns only, where analysis answers with the whole
     * resolved tree, which the Java side then rebuilds node by node (most of the time a large statement costs;
     * preparing was 2.4 to 5 times faster on validation's statements, see performance.md). Preparing runs the
     * analyzer first, so a query it accepts is valid. When it fails (an invalid statement, one that is not a query,
     * or a function the reference engine cannot evaluate) the analyzer's own answer is taken, with its error.
     */
    public Analysis analyze(String sql) {
        ensureOpen();
        ensureRegistered();
        Optional<Analysis> prepared = prepared(sql);
        return prepared.isPresent() ? prepared.get() : resolved(sql);
    }

    /** The analyzer's answer alone, from the resolved tree (what {@link #analyze} falls back to). */
    Analysis resolved(String sql) {
        ensureOpen();
        ensureRegistered();
        try {
            ResolvedStatement statement = Analyzer.analyzeStatement(sql, options, catalog.zetaCatalog());
            if (statement instanceof ResolvedQueryStmt query) {
                List<TableColumn> columns = new ArrayList<>();
                for (ResolvedOutputColumn c : query.getOutputColumnList()) {
                    Optional<BigQueryType> type = BigQueryType.of(c.getColumn().getType());
                    if (type.isEmpty()) {
                        return new Analysis.Failed(new SqlError(
                                0, 0, "column " + c.getName() + " has a type BigQuery tables cannot hold"));
                    }
                    columns.add(new TableColumn(c.getName(), type.get()));
                }
                return new Analysis.Ok(columns);
            }
            return new Analysis.Ok(List.of());
        } catch (SqlException e) {
            return new Analysis.Failed(SqlError.of(e.getMessage()));
        }
    }

    /** The output columns of {@code sql} as preparing it gives them; empty when it cannot be prepared. */
    private Optional<Analysis> prepared(String sql) {
        try (PreparedQuery q = PreparedQuery.builder()
                .setSql(sql)
                .setAnalyzerOptions(options)
                .setCatalog(catalog.zetaCatalog())
                .prepare()) {
            return Optional.of(outputColumns(q.getColumns()));
        } catch (SqlException e) {
            return Optional.empty();
        }
    }

    private static Analysis outputColumns(List<SimpleColumn> output) {
        List<TableColumn> columns = new ArrayList<>();
        for (SimpleColumn c : output) {
            // a column without a name is $col<position> in the resolved tree, unnamed in the prepared query
            String name = c.getName().isEmpty() ? "$col" + (columns.size() + 1) : c.getName();
            Optional<BigQueryType> type = BigQueryType.of(c.getType());
            if (type.isEmpty()) {
                return new Analysis.Failed(
                        new SqlError(0, 0, "column " + name + " has a type BigQuery tables cannot hold"));
            }
            columns.add(new TableColumn(name, type.get()));
        }
        return new Analysis.Ok(columns);
    }

    /** Runs a query over the catalog's tables. */
    public QueryResult query(String sql) throws BigQueryException {
        return query(sql, List.of());
    }

    /**
     * Runs a query over the catalog's tables and {@code tables}, which are there for this query only (a table of
     * the catalog with the same name is hidden meanwhile).
     *
     * @throws BigQueryException when GoogleSQL rejects the query or fails running it, or a table's rows do not fit
     */
    public QueryResult query(String sql, List<InMemoryTable> tables) throws BigQueryException {
        Prepared<String> r = withTables(tables, () -> prepareAndRun(sql, BigQueryValues::text));
        return new QueryResult(r.columns(), r.rows());
    }

    /**
     * Adds (or replaces) the table {@code name} ({@code dataset.table}) with these rows, for the queries after.
     *
     * @throws BigQueryException when a cell is not a value of its column's type; the error names table, row, column
     */
    public void createTable(String name, List<TableColumn> columns, List<List<String>> rows) throws BigQueryException {
        ensureOpen();
        put(new InMemoryTable(name, columns, rows));
    }

    /** Unregisters the catalog; the last engine of the JVM also closes the channel to the native engine. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            unregister();
        } finally {
            NativeService.release();
        }
    }

    /**
     * Runs a query as {@link #query(String, List)} does, each cell as a Java object ({@link BigQueryValues#javaValue}):
     * the typed form rows of two engines are compared in.
     */
    public ValueRows queryValues(String sql, List<InMemoryTable> tables) throws BigQueryException {
        Prepared<Object> r = withTables(tables, () -> prepareAndRun(sql, BigQueryValues::javaValue));
        return new ValueRows(r.columns(), r.rows());
    }

    private interface Run<T> {
        T run() throws BigQueryException;
    }

    /** Runs {@code run} with {@code tables} in the catalog, hiding tables of the same names meanwhile. */
    private <T> T withTables(List<InMemoryTable> tables, Run<T> run) throws BigQueryException {
        ensureOpen();
        Map<String, Saved> hidden = new LinkedHashMap<>();
        try {
            for (InMemoryTable t : tables) {
                hidden.putIfAbsent(BigQueryCatalog.key(t.name()), save(t.name()));
                put(t);
            }
            return run.run();
        } finally {
            if (!tables.isEmpty()) {
                for (InMemoryTable t : tables) {
                    drop(t.name());
                }
                hidden.values().forEach(this::restore);
            }
        }
    }

    private record Prepared<T>(List<TableColumn> columns, List<List<T>> rows) {}

    private <T> Prepared<T> prepareAndRun(String sql, BiFunction<Value, BigQueryType, T> cell)
            throws BigQueryException {
        ensureRegistered();
        try (PreparedQuery q = PreparedQuery.builder()
                .setSql(sql)
                .setAnalyzerOptions(options)
                .setCatalog(catalog.zetaCatalog())
                .prepare()) {
            List<TableColumn> columns = new ArrayList<>();
            for (SimpleColumn c : q.getColumns()) {
                Optional<BigQueryType> type = BigQueryType.of(c.getType());
                if (type.isEmpty()) {
                    throw new BigQueryException(
                            new SqlError(0, 0, "column " + c.getName() + " has a type BigQuery tables cannot hold"));
                }
                columns.add(new TableColumn(c.getName(), type.get()));
            }
            List<List<T>> rows = new ArrayList<>();
            for (List<Value> row : q.execute(Map.of()).getTableData()) {
                List<T> cells = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    cells.add(cell.apply(row.get(i), columns.get(i).type()));
                }
                rows.add(cells);
            }
            return new Prepared<>(columns, rows);
        } catch (SqlException e) {
            throw new BigQueryException(SqlError.of(e.getMessage()));
        }
    }

    private void put(InMemoryTable t) throws BigQueryException {
        List<List<Value>> values = new ArrayList<>(t.rows().size());
        int rowNumber = 0;
        for (List<String> row : t.rows()) {
            rowNumber++;
            if (row.size() != t.columns().size()) {
                throw new BigQueryException(new SqlError(
                        0,
                        0,
                        "table " + t.name() + ", row " + rowNumber + ": " + row.size() + " cells for "
                                + t.columns().size() + " columns"));
            }
            List<Value> cells = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                TableColumn c = t.columns().get(i);
                try {
                    cells.add(BigQueryValues.value(row.get(i), c.type()));
                } catch (IllegalArgumentException e) {
                    throw new BigQueryException(new SqlError(
                            0,
                            0,
                            "table " + t.name() + ", row " + rowNumber + ", column " + c.name() + ": "
                                    + e.getMessage()));
                }
            }
            values.add(cells);
        }
        unregister(); // a registered catalog cannot change
        catalog.registeredName(t.name()).ifPresent(contents::remove);
        catalog.put(t.name(), t.columns());
        contents.put(t.name(), TableContent.create(values));
    }

    private record Saved(String name, Optional<List<TableColumn>> columns, Optional<TableContent> content) {}

    private Saved save(String name) {
        String registeredName = catalog.registeredName(name).orElse(name);
        return new Saved(registeredName, catalog.columns(name), Optional.ofNullable(contents.get(registeredName)));
    }

    private void drop(String name) {
        unregister();
        catalog.registeredName(name).ifPresent(contents::remove);
        catalog.remove(name);
    }

    private void restore(Saved s) {
        if (s.columns().isPresent()) {
            unregister();
            catalog.put(s.name(), s.columns().get());
            s.content().ifPresent(c -> contents.put(s.name(), c));
        }
    }

    private void ensureRegistered() {
        if (!registered) {
            catalog.zetaCatalog().register(contents);
            registered = true;
        }
    }

    private void unregister() {
        if (registered) {
            registered = false;
            catalog.zetaCatalog().unregister();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
    }
}
