package io.github.specpipeline.core.engine.bigquery;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.EvaluatorTableModifyResponse;
import com.google.zetasql.PreparedModify;
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

    /**
     * Runs a DML statement ({@code INSERT} or {@code UPDATE}) on a table of the catalog and keeps the table as the
     * statement leaves it, for the statements after: an updated row is replaced where it stands, inserted rows are
     * appended. {@code tables} are there for this statement only, as for {@link #query(String, List)}; the changed
     * table must not be one of them.
     *
     * <p>GoogleSQL's reference evaluator ({@code PreparedModify}) runs INSERT, UPDATE and DELETE, not MERGE (it
     * answers {@code Evaluator does not support statement kind: MergeStmt}), and answers with the changed rows, not
     * the table: an inserted or updated row's new cells, a deleted row with none. It names a changed row's original
     * key only when the table declares a primary key, and declaring one is no way out: an INSERT into such a table
     * then stops the native engine, and the JVM with it (a failed check, {@code Uninitialized value}, seen with
     * 2024.11.1). So an updated row is found again by {@code key}, columns that identify one stored row and that
     * the statement does not set (a merge key), and a DELETE is refused: nothing says which rows it removed.
     *
     * @param key the target's columns that identify a stored row; needed by an UPDATE
     * @throws BigQueryException when GoogleSQL rejects the statement or fails running it (for one, an UPDATE whose
     *     target row joins two source rows), when it is a DELETE, or when an updated row's key is not the key of
     *     exactly one stored row
     */
    public DmlResult modify(String sql, List<String> key, List<InMemoryTable> tables) throws BigQueryException {
        EvaluatorTableModifyResponse response = withTables(tables, () -> runModify(sql));
        String name = catalog.registeredName(response.getTableName()).orElse(response.getTableName());
        for (InMemoryTable t : tables) {
            if (BigQueryCatalog.key(t.name()).equals(BigQueryCatalog.key(name))) {
                throw new BigQueryException(
                        new SqlError(0, 0, "the statement changed " + name + ", a table given for it alone"));
            }
        }
        List<TableColumn> columns = catalog.columns(name)
                .orElseThrow(() -> new BigQueryException(new SqlError(0, 0, "no table " + name + " to change")));
        int[] keyAt = new int[key.size()];
        for (int k = 0; k < key.size(); k++) {
            keyAt[k] = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equalsIgnoreCase(key.get(k))) {
                    keyAt[k] = c;
                }
            }
            if (keyAt[k] < 0) {
                throw new BigQueryException(new SqlError(0, 0, "table " + name + " has no key column " + key.get(k)));
            }
        }
        TableContent stored = contents.get(name);
        List<List<Value>> rows = new ArrayList<>();
        if (stored != null) {
            stored.getTableData().forEach(r -> rows.add(new ArrayList<>(r)));
        }
        Map<List<String>, Integer> byKey = new HashMap<>();
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> k = keyOf(rows.get(i), keyAt, columns);
            byKey.put(k, i);
            counts.merge(k, 1, Integer::sum);
        }
        List<List<Value>> inserted = new ArrayList<>();
        int updated = 0;
        for (EvaluatorTableModifyResponse.Row r : response.getContent()) {
            switch (r.getOperation()) {
                case INSERT -> inserted.add(new ArrayList<>(r.getContent()));
                case UPDATE -> {
                    if (key.isEmpty()) {
                        throw new BigQueryException(new SqlError(
                                0, 0, "an UPDATE of " + name + " needs the table's key to find the updated rows"));
                    }
                    List<String> k = keyOf(r.getContent(), keyAt, columns);
                    if (counts.getOrDefault(k, 0) != 1) {
                        throw new BigQueryException(new SqlError(
                                0,
                                0,
                                "an updated row of " + name + " has the key " + k + ", which "
                                        + counts.getOrDefault(k, 0)
                                        + " stored rows have (one was expected: is a key column set?)"));
                    }
                    rows.set(byKey.get(k), new ArrayList<>(r.getContent()));
                    updated++;
                }
                case DELETE ->
                    throw new BigQueryException(new SqlError(
                            0, 0, "GoogleSQL's evaluator does not say which rows a DELETE removed: run no DELETE"));
            }
        }
        rows.addAll(inserted);
        unregister(); // a registered catalog cannot change
        contents.put(name, TableContent.create(rows));
        return new DmlResult(name, inserted.size(), updated);
    }

    private EvaluatorTableModifyResponse runModify(String sql) throws BigQueryException {
        ensureRegistered();
        try (PreparedModify m = PreparedModify.builder()
                .setSql(sql)
                .setAnalyzerOptions(options)
                .setCatalog(catalog.zetaCatalog())
                .prepare()) {
            return m.execute(Map.of());
        } catch (SqlException e) {
            throw new BigQueryException(SqlError.of(e.getMessage()));
        }
    }

    /** A row's key as text: values of one column compare equal as their BigQuery text forms do. */
    private static List<String> keyOf(List<Value> row, int[] keyAt, List<TableColumn> columns) {
        List<String> k = new ArrayList<>(keyAt.length);
        for (int at : keyAt) {
            k.add(BigQueryValues.text(row.get(at), columns.get(at).type()));
        }
        return k;
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
