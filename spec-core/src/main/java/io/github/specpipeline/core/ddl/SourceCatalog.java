package io.github.specpipeline.core.ddl;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The source tables read from a DDL directory, keyed by lower-case {@code schema.table}. */
public final class SourceCatalog {

    private static final SourceCatalog EMPTY = new SourceCatalog(List.of());

    private final Map<String, SourceTable> tables;

    /** A catalog of {@code tables}; when two have the same key the first one wins. */
    public SourceCatalog(Collection<SourceTable> tables) {
        Map<String, SourceTable> byKey = new TreeMap<>();
        for (SourceTable t : tables) {
            byKey.putIfAbsent(t.key(), t);
        }
        this.tables = Collections.unmodifiableMap(byKey);
    }

    public static SourceCatalog empty() {
        return EMPTY;
    }

    /** The table {@code schema.name}, ignoring case. */
    public Optional<SourceTable> table(String schema, String name) {
        if (schema == null || name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(tables.get(SourceTable.key(schema, name)));
    }

    /** The table {@code dataset.table} (or {@code project.dataset.table}), ignoring case. */
    public Optional<SourceTable> table(String qualifiedName) {
        if (qualifiedName == null) {
            return Optional.empty();
        }
        String[] parts = qualifiedName.split("\\.");
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        return table(parts[parts.length - 2], parts[parts.length - 1]);
    }

    /** All tables, sorted by lower-case {@code schema.table}. */
    public List<SourceTable> tables() {
        return List.copyOf(tables.values());
    }

    public int size() {
        return tables.size();
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    @Override
    public String toString() {
        return "SourceCatalog" + tables.keySet();
    }
}
