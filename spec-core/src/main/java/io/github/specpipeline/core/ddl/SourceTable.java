package io.github.specpipeline.core.ddl;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A table declared by a {@code CREATE TABLE} in the source DDL.
 *
 * @param schema  the dataset, unquoted (a project prefix is dropped)
 * @param name    the table name, unquoted
 * @param columns the columns in declaration order, names distinct ignoring case
 * @param file    the file the statement is in
 * @param line    1-based line of the table name in that file
 */
public record SourceTable(String schema, String name, List<SourceColumn> columns, Path file, int line) {

    public SourceTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /** {@code schema.name} as written. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** The catalog key: {@code schema.name} in lower case (BigQuery table names are matched case-insensitively here). */
    public String key() {
        return key(schema, name);
    }

    /** The column named {@code columnName}, ignoring case as BigQuery does. */
    public Optional<SourceColumn> column(String columnName) {
        if (columnName == null) {
            return Optional.empty();
        }
        return columns.stream()
                .filter(c -> c.name().equalsIgnoreCase(columnName))
                .findFirst();
    }

    static String key(String schema, String name) {
        return (schema + "." + name).toLowerCase(Locale.ROOT);
    }
}
