package io.github.specpipeline.core.engine.bigquery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a query returned, in the order the engine returned them, each cell in BigQuery's text form
 * ({@link BigQueryValues}), {@code null} for NULL.
 */
public record QueryResult(List<TableColumn> columns, List<List<String>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
