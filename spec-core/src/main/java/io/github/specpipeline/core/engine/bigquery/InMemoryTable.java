package io.github.specpipeline.core.engine.bigquery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A table's rows held in memory for the engine: cells in BigQuery's text form ({@link BigQueryValues}), {@code null}
 * for NULL, one cell per column.
 *
 * @param name the table's name as queries write it between backticks, e.g. {@code raw.orders}
 */
public record InMemoryTable(String name, List<TableColumn> columns, List<List<String>> rows) {
    public InMemoryTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // cells may be null
        }
        rows = Collections.unmodifiableList(copy);
    }
}
