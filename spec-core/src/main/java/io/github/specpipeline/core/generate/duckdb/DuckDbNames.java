package io.github.specpipeline.core.generate.duckdb;

import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SchemaNames;
import io.github.specpipeline.core.sql.dialect.Dialect;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Schema and table names in DuckDB. DuckDB resolves {@code temp.x}, {@code system.x} and {@code memory.x}
 * against its catalogs of those names first ("Ambiguous reference to catalog or schema"), so a spec schema with
 * one of these names is renamed {@code <name>_schema} in DuckDB (with more underscores if that is taken).
 */
public final class DuckDbNames {
    private static final Set<String> CATALOG_NAMES = Set.of("temp", "system", "memory");

    private final SchemaNames schemas;
    private final Map<String, String> mapped = new LinkedHashMap<>();

    public DuckDbNames(SchemaNames schemas) {
        this.schemas = schemas;
        Set<String> taken = new LinkedHashSet<>();
        for (String s : new String[] {schemas.raw(), schemas.staging(), schemas.finalSchema()}) {
            taken.add(s.toLowerCase(Locale.ROOT));
        }
        for (String s : new String[] {schemas.raw(), schemas.staging(), schemas.finalSchema()}) {
            if (mapped.containsKey(s)) {
                continue;
            }
            String name = s;
            if (CATALOG_NAMES.contains(s.toLowerCase(Locale.ROOT))) {
                name = s + "_schema";
                while (taken.contains(name.toLowerCase(Locale.ROOT))) {
                    name = name + "_";
                }
                taken.add(name.toLowerCase(Locale.ROOT));
            }
            mapped.put(s, name);
        }
    }

    /** The DuckDB schema for a schema of the spec. */
    public String schema(String specSchema) {
        return mapped.getOrDefault(specSchema, specSchema);
    }

    /** The distinct DuckDB schemas: raw, staging, final. */
    public Set<String> schemas() {
        return new LinkedHashSet<>(mapped.values());
    }

    public String rawSchema() {
        return schema(schemas.raw());
    }

    public String modelSchema(Model model) {
        return schema(schemas.of(model.layer() == null ? Layer.STAGING : model.layer()));
    }

    /** {@code schema.table}, each part quoted only if DuckDB needs it. */
    public static String qualified(String schema, String table) {
        return Dialect.DUCKDB.quote(schema) + "." + Dialect.DUCKDB.quote(table);
    }

    /** {@code "schema"."table"}, always quoted. */
    public static String quoted(String schema, String table) {
        return Dialect.DUCKDB.quoteAlways(schema) + "." + Dialect.DUCKDB.quoteAlways(table);
    }
}
