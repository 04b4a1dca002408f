package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The raw tables of a spec, decided once for every target and the {@code test} goal: those a run reads (every
 * source in the raw schema, and every raw table a {@code relationships} test points at) and, for targets that
 * create the raw tables, also the tables the source DDL declares in the raw schema. A table is named as first
 * written (sources of every model in spec order, then relationship targets, then the DDL) and the names are
 * compared and sorted ignoring case, as BigQuery compares table names.
 *
 * @param read     the tables a run reads, sorted ignoring case
 * @param declared the tables of the raw schema in the source DDL that no model reads, sorted ignoring case
 */
public record RawTables(List<String> read, List<String> declared) {
    public RawTables {
        read = List.copyOf(read);
        declared = List.copyOf(declared);
    }

    /** The raw tables of a spec without errors. */
    public static RawTables of(ValidatedSpec spec) {
        String raw = spec.spec().schema().raw();
        Map<String, String> read = new TreeMap<>();
        for (Model m : spec.spec().models()) {
            for (SourceRef s : m.inputs()) {
                add(read, raw, s);
            }
        }
        for (Model m : spec.spec().models()) {
            List<DataTest> tests = new ArrayList<>();
            m.columns().forEach(c -> tests.addAll(c.tests()));
            m.aggregations().forEach(a -> tests.addAll(a.tests()));
            for (DataTest t : tests) {
                if (t instanceof DataTest.Relationships r) {
                    add(read, raw, SourceRef.parse(r.to()));
                }
            }
        }
        Map<String, String> declared = new TreeMap<>();
        if (spec.sourceCatalog().isPresent()) {
            for (SourceTable t : spec.sourceCatalog().get().tables()) {
                String key = lower(t.name());
                if (t.schema().equalsIgnoreCase(raw) && !read.containsKey(key)) {
                    declared.putIfAbsent(key, t.name());
                }
            }
        }
        return new RawTables(List.copyOf(read.values()), List.copyOf(declared.values()));
    }

    private static void add(Map<String, String> tables, String raw, SourceRef ref) {
        // a model is never a raw table; validation refuses a qualified reference to another schema
        if (ref.isQualified() && ref.schema().equals(raw)) {
            tables.putIfAbsent(lower(ref.table()), ref.table());
        }
    }

    /** Every raw table: those read and those only declared in the DDL, sorted ignoring case. */
    public List<String> all() {
        Map<String, String> all = new TreeMap<>();
        read.forEach(t -> all.put(lower(t), t));
        declared.forEach(t -> all.putIfAbsent(lower(t), t));
        return List.copyOf(all.values());
    }

    /** The lower-case names of the tables a run reads. */
    public Set<String> readLowerCase() {
        Set<String> out = new TreeSet<>();
        read.forEach(t -> out.add(lower(t)));
        return out;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
