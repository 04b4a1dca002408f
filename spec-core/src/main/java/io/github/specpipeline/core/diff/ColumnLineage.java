package io.github.specpipeline.core.diff;

import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which upstream model columns each output column reads, and which ones decide a model's rows (its joins, filters
 * and grouping), from the spec's declared lineage: {@code from_table}/{@code from_column} and the columns each
 * transform and formula names. Raw tables are not tracked: a change can only reach models. A union's name stands for
 * all its model members: a union column reads the column of that name of every member.
 *
 * <p>What a change reaches: a changed column reaches every downstream column that reads it; a changed row set (or
 * a changed column a downstream model joins, filters or groups on) reaches every column of every model downstream.
 * Columns are matched case-insensitively, as BigQuery does.
 */
final class ColumnLineage {
    private final ValidatedSpec spec;
    /** Model to output column (lower case) to the upstream columns it reads (lower case). */
    private final Map<String, Map<String, Set<ModelColumn>>> reads = new HashMap<>();
    /** Model to the upstream columns its joins, filters and group_by read (lower case). */
    private final Map<String, Set<ModelColumn>> rowReads = new HashMap<>();

    private final Map<String, Integer> modelOrder = new HashMap<>();

    ColumnLineage(ValidatedSpec spec) {
        this.spec = spec;
        List<Model> order = spec.graph().order();
        for (int i = 0; i < order.size(); i++) {
            modelOrder.putIfAbsent(order.get(i).name(), i);
        }
        for (Model m : order) {
            read(m);
        }
    }

    /** The output columns {@code column} of {@code model} reaches downstream, in dependency and column order. */
    List<ModelColumn> reachedFromColumn(String model, String column) {
        return reach(Set.of(key(model, column)), Set.of());
    }

    /** The output columns a change of {@code model}'s rows reaches: every column of every model downstream. */
    List<ModelColumn> reachedFromRows(String model) {
        return reach(Set.of(), Set.of(model));
    }

    private List<ModelColumn> reach(Set<ModelColumn> changedColumns, Set<String> changedRows) {
        Set<ModelColumn> reached = new LinkedHashSet<>();
        Deque<ModelColumn> columns = new ArrayDeque<>(changedColumns);
        Deque<String> rows = new ArrayDeque<>(changedRows);
        Set<String> rowsSeen = new HashSet<>(changedRows);
        while (!columns.isEmpty() || !rows.isEmpty()) {
            if (!rows.isEmpty()) {
                String m = rows.pop();
                for (String d : spec.graph().downstream(m)) {
                    outputs(d).forEach(c -> reached.add(key(d, c)));
                    if (rowsSeen.add(d)) {
                        rows.push(d);
                    }
                }
                continue;
            }
            ModelColumn changed = columns.pop();
            for (String d : spec.graph().downstream(changed.model())) {
                if (rowReads.getOrDefault(d, Set.of()).contains(changed)) {
                    outputs(d).forEach(c -> reached.add(key(d, c)));
                    if (rowsSeen.add(d)) {
                        rows.push(d);
                    }
                }
                reads.getOrDefault(d, Map.of()).forEach((column, from) -> {
                    if (from.contains(changed)) {
                        ModelColumn k = key(d, column);
                        if (reached.add(k)) {
                            columns.push(k);
                        }
                    }
                });
            }
        }
        return sorted(reached);
    }

    /** In dependency order, then column order, with the columns' names as the model declares them. */
    private List<ModelColumn> sorted(Set<ModelColumn> keys) {
        List<ModelColumn> out = new ArrayList<>();
        for (Model m : spec.graph().order()) {
            for (String c : outputs(m.name())) {
                if (keys.contains(key(m.name(), c))) {
                    out.add(new ModelColumn(m.name(), c));
                }
            }
        }
        return out;
    }

    private List<String> outputs(String model) {
        List<String> names = new ArrayList<>();
        for (Column c : spec.outputColumns(model)) {
            names.add(c.name());
        }
        if (names.isEmpty()) {
            spec.graph().order().stream()
                    .filter(m -> m.name().equals(model))
                    .findFirst()
                    .ifPresent(m -> names.addAll(m.declaredOutputColumns()));
        }
        return names;
    }

    static ModelColumn key(String model, String column) {
        return new ModelColumn(model, column == null ? "" : column.toLowerCase(Locale.ROOT));
    }

    // ---- reading the spec's lineage ------------------------------------------------------------------------

    private void read(Model m) {
        // name in the model -> the upstream models it stands for: a union's name stands for its model members
        // (each member's column reaches the union's column of the same name), any other source for itself
        Map<String, List<String>> modelSources = new LinkedHashMap<>();
        if (m.union() != null) {
            List<String> members = new ArrayList<>();
            for (SourceRef s : m.union().sources()) {
                if (!s.isQualified() && modelOrder.containsKey(s.table())) {
                    members.add(s.table());
                }
            }
            if (!members.isEmpty()) {
                modelSources.put(m.union().name(), List.copyOf(members));
            }
        }
        for (SourceRef s : m.sources()) {
            if (!s.isQualified() && modelOrder.containsKey(s.table())) {
                modelSources.putIfAbsent(s.table(), List.of(s.table()));
            }
        }
        Map<String, Set<ModelColumn>> byColumn = new LinkedHashMap<>();
        reads.put(m.name(), byColumn);
        Set<ModelColumn> rows = new LinkedHashSet<>();
        rowReads.put(m.name(), rows);
        if (modelSources.isEmpty()) {
            return;
        }
        String onlySource = m.relations().size() == 1 ? m.relations().get(0).table() : null;
        for (ColumnMapping c : m.columns()) {
            Set<ModelColumn> from = new LinkedHashSet<>();
            String table = c.fromTable() != null ? c.fromTable() : onlySource;
            if (table != null && c.fromColumn() != null && modelSources.containsKey(table)) {
                modelSources.get(table).forEach(up -> from.add(key(up, c.fromColumn())));
            }
            if (c.transform() != null) {
                String replacement = table != null && c.fromColumn() != null
                        ? "`" + table.replace("`", "") + "`.`" + c.fromColumn().replace("`", "") + "`"
                        : null;
                from.addAll(resolve(c.transform(), replacement, null, m, modelSources));
            }
            if (c.targetColumn() != null) {
                byColumn.computeIfAbsent(c.targetColumn().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                        .addAll(from);
            }
        }
        for (Aggregation a : m.aggregations()) {
            if (a.metricColumn() == null) {
                continue;
            }
            byColumn.computeIfAbsent(a.metricColumn().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                    .addAll(resolve(a.formula(), null, null, m, modelSources));
        }
        for (String g : m.groupBy()) {
            if (g == null) {
                continue;
            }
            Set<ModelColumn> key = resolve(g, null, null, m, modelSources);
            rows.addAll(key);
            if (m.columns().isEmpty()) { // the group keys are output columns of their own
                byColumn.computeIfAbsent(g.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                        .addAll(key);
            }
        }
        if (m.columns().isEmpty() && m.aggregations().isEmpty() && onlySource != null) {
            // an SCD2 model passes its source's columns through
            for (String c : outputs(m.name())) {
                for (String up : modelSources.getOrDefault(onlySource, List.of())) {
                    byColumn.computeIfAbsent(c.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                            .add(key(up, c));
                }
            }
        }
        for (Join j : m.joins()) {
            rows.addAll(resolve(j.condition(), null, null, m, modelSources));
        }
        for (Filter f : m.filters()) {
            rows.addAll(resolve(f.predicate(), null, f.appliesTo(), m, modelSources));
        }
    }

    /**
     * The upstream model columns a fragment names. A qualified column names its source; an unqualified one is looked
     * up in the upstream models' columns (in {@code scope} first when given, else the only source).
     */
    private Set<ModelColumn> resolve(
            String fragment, String fromReplacement, String scope, Model m, Map<String, List<String>> modelSources) {
        Set<ModelColumn> out = new LinkedHashSet<>();
        if (fragment == null || fragment.isBlank()) {
            return out;
        }
        List<ColumnRef> refs;
        try {
            refs = SqlFragments.parse(fragment, fromReplacement).columns();
        } catch (SqlFragmentException | RuntimeException e) {
            return out; // validation reports the fragment; a diff only loses the lineage it would have given
        }
        for (ColumnRef ref : refs) {
            if (ref.qualifier() != null) {
                String q = ref.qualifier();
                for (SourceRef s : m.relations()) {
                    if (s.text().equals(q)) {
                        q = s.table();
                    }
                }
                for (String up : modelSources.getOrDefault(q, List.of())) {
                    out.add(key(up, ref.column()));
                }
                continue;
            }
            List<String> candidates = new ArrayList<>();
            if (scope != null && modelSources.containsKey(scope)) {
                candidates.add(scope);
            } else {
                candidates.addAll(modelSources.keySet());
            }
            boolean found = false;
            for (String source : candidates) {
                for (String up : modelSources.get(source)) {
                    if (outputs(up).stream().anyMatch(c -> c.equalsIgnoreCase(ref.column()))) {
                        out.add(key(up, ref.column()));
                        found = true;
                    }
                }
            }
            String only = m.relations().size() == 1 ? m.relations().get(0).table() : null;
            if (!found && only != null && modelSources.containsKey(only)) {
                modelSources.get(only).forEach(up -> out.add(key(up, ref.column())));
            }
        }
        return out;
    }
}
