package io.github.specpipeline.core.engine.bigquery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a query returned, each cell as a Java object ({@link BigQueryValues#javaValue}), {@code null} for NULL.
 */
public record ValueRows(List<TableColumn> columns, List<List<Object>> rows) {
    public ValueRows {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // cells may be null
        }
        rows = Collections.unmodifiableList(copy);
    }
}
