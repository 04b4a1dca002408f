package io.github.specpipeline.core.engine.bigquery;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tables GoogleSQL resolves names against: the source tables of the DDL, then tables added later (the outputs
 * of models built so far), with BigQuery's functions and the analyzer options every statement is analyzed with
 * (all language features and statement kinds, BigQuery's external type names, default time zone UTC).
 *
 * <p>A table {@code raw.orders} is registered under the one name {@code raw.orders}: that is how GoogleSQL reads
 * {@code `raw.orders`} in backticks, as BigQuery SQL writes table names. Without backticks, {@code raw.orders} is
 * table {@code orders} of a catalog {@code raw}, which this catalog does not have: the engine's rows are keyed by
 * table name, and two tables that read the same rows would need the rows sent twice. Names are matched ignoring
 * case, as the DDL reader does.
 */
public final class BigQueryCatalog {
    private final LanguageOptions language;
    private final SimpleCatalog root;
    private final Map<String, Registered> tables = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private record Registered(String name, List<TableColumn> columns) {}

    private BigQueryCatalog() {
        language = new LanguageOptions().enableMaximumLanguageFeatures();
        language.setSupportsAllStatementKinds();
        language.setProductMode(ProductMode.PRODUCT_EXTERNAL);
        root = new SimpleCatalog("bigquery");
        root.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
    }

    /**
     * The catalog of {@code sources}. A column whose type GoogleSQL cannot represent is left out and named in
     * {@link #problems()}. Needs the native engine (its functions come from it): {@link BigQueryEngine} makes one.
     */
    static BigQueryCatalog of(SourceCatalog sources) {
        BigQueryCatalog catalog = new BigQueryCatalog();
        for (SourceTable t : sources.tables()) {
            List<TableColumn> columns = new ArrayList<>();
            for (SourceColumn c : t.columns()) {
                try {
                    columns.add(TableColumn.of(c.name(), c.type()));
                } catch (IllegalArgumentException e) {
                    catalog.problems.add(t.qualifiedName() + "." + c.name() + ": " + e.getMessage());
                }
            }
            catalog.put(t.qualifiedName(), columns);
        }
        return catalog;
    }

    /** Adds the table {@code name} ({@code dataset.table}), replacing a table of that name. */
    void put(String name, List<TableColumn> columns) {
        remove(name);
        SimpleTable t = new SimpleTable(name);
        for (TableColumn c : columns) {
            t.addSimpleColumn(c.name(), c.type().zetaType());
        }
        root.addSimpleTable(t);
        tables.put(key(name), new Registered(name, List.copyOf(columns)));
    }

    /** Removes the table {@code name} if there is one. */
    void remove(String name) {
        Registered old = tables.remove(key(name));
        if (old != null) {
            root.removeSimpleTable(old.name());
        }
    }

    /** The name a table was added under, which its rows are keyed by: {@code name} in another case finds it. */
    Optional<String> registeredName(String name) {
        return Optional.ofNullable(tables.get(key(name))).map(Registered::name);
    }

    /** The columns of the table {@code name}, ignoring case. */
    public Optional<List<TableColumn>> columns(String name) {
        return Optional.ofNullable(tables.get(key(name))).map(Registered::columns);
    }

    /** The table names, as registered, sorted ignoring case. */
    public List<String> tableNames() {
        return tables.values().stream().map(Registered::name).toList();
    }

    /** Source columns left out because GoogleSQL has no type for them, one line each. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The analyzer options every statement is analyzed and run with. */
    AnalyzerOptions analyzerOptions() {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        options.setDefaultTimezone("UTC"); // BigQuery's; the reference implementation's own is America/Los_Angeles
        return options;
    }

    SimpleCatalog zetaCatalog() {
        return root;
    }

    /** The key GoogleSQL finds a table under: it matches table names ignoring case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
