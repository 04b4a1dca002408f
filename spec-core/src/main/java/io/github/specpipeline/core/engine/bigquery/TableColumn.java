package io.github.specpipeline.core.engine.bigquery;

import java.util.Objects;

/** A column of a table or of a query's result: its name and BigQuery type. */
public record TableColumn(String name, BigQueryType type) {
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A column whose type is written as BigQuery type text, e.g. {@code NUMERIC(10, 2)}. */
    public static TableColumn of(String name, String typeText) {
        return new TableColumn(name, BigQueryType.parse(typeText));
    }
}
