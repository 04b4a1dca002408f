package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.RawTables;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A raw source table as the test goal creates it: its name in the spec, its DuckDB name from the plan, and its
 * columns with types from the source DDL.
 *
 * @param name          the table name as in the spec, without schema
 * @param qualifiedName quoted and qualified, from {@link DuckDbPlan#rawTables()}
 * @param ddl           the DDL table, or null when the source DDL does not declare it
 * @param columns       from the DDL, in declaration order; empty without DDL
 */
public record RawTable(String name, String qualifiedName, SourceTable ddl, List<Column> columns) {
    public RawTable {
        columns = List.copyOf(columns);
    }

    /** A column of a raw table. */
    public record Column(String name, ColumnType type, boolean notNull) {}

    /** The column named {@code name}, ignoring case. */
    public Optional<Column> column(String columnName) {
        return columns.stream()
                .filter(c -> c.name().equalsIgnoreCase(columnName))
                .findFirst();
    }

    /** {@code CREATE TABLE} for this table, without constraints (seed values are checked before loading). */
    public String createStatement() {
        List<String> cols = new ArrayList<>();
        for (Column c : columns) {
            cols.add(DuckDbSession.quote(c.name()) + " " + c.type().duckDbType());
        }
        return "CREATE TABLE " + qualifiedName + " (" + String.join(", ", cols) + ")";
    }

    /**
     * The plan's raw tables that the models read, sorted by name, with their DDL. The plan also lists every
     * table of the source DDL; creating and filling those nobody reads would only cost time (a DDL folder of
     * 20,000 tables took over 40 s).
     */
    public static Map<String, RawTable> resolve(ValidatedSpec spec, DuckDbPlan plan) {
        SourceCatalog catalog = spec.sourceCatalog().orElse(SourceCatalog.empty());
        Set<String> read = RawTables.of(spec).readLowerCase();
        Map<String, RawTable> out = new TreeMap<>();
        for (Map.Entry<String, String> e : plan.rawTables().entrySet()) {
            if (!read.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            SourceTable t = find(spec, catalog, e.getKey()).orElse(null);
            List<Column> columns = new ArrayList<>();
            if (t != null) {
                for (SourceColumn c : t.columns()) {
                    columns.add(new Column(c.name(), ColumnType.of(c.type()), c.notNull()));
                }
            }
            out.put(e.getKey(), new RawTable(e.getKey(), e.getValue(), t, columns));
        }
        return out;
    }

    /**
     * The DDL table for a raw table name: the schema a model's source names it with, else the spec's raw schema,
     * else the only catalog table of that name.
     */
    static Optional<SourceTable> find(ValidatedSpec spec, SourceCatalog catalog, String table) {
        for (Model m : spec.spec().models()) {
            for (SourceRef s : m.inputs()) {
                if (s.isQualified() && s.table().equalsIgnoreCase(table)) {
                    Optional<SourceTable> t = catalog.table(s.schema(), s.table());
                    if (t.isPresent()) {
                        return t;
                    }
                }
            }
        }
        Optional<SourceTable> t = catalog.table(spec.spec().schema().raw(), table);
        if (t.isPresent()) {
            return t;
        }
        List<SourceTable> byName = catalog.tables().stream()
                .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT)))
                .toList();
        return byName.size() == 1 ? Optional.of(byName.get(0)) : Optional.empty();
    }
}
