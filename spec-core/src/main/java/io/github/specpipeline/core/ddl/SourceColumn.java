package io.github.specpipeline.core.ddl;

import java.util.Objects;

/**
 * A column of a source table as its DDL declares it.
 *
 * @param name    the column name, unquoted, case as written
 * @param type    the BigQuery type, normalised: type names upper-case, single spaces, {@code NUMERIC(10, 2)},
 *                {@code ARRAY<STRUCT<city STRING, zip STRING>>} (STRUCT field names keep their case)
 * @param notNull whether the column is declared {@code NOT NULL}
 * @param line    1-based line of the column name in its file
 * @param column  1-based column of the column name
 */
public record SourceColumn(String name, String type, boolean notNull, int line, int column) {

    public SourceColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
