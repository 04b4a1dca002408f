package io.github.specpipeline.core.diff;

import io.github.specpipeline.core.diff.ChangeKind.OfColumn;
import io.github.specpipeline.core.diff.ChangeKind.OfModel;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.Union;
import io.github.specpipeline.core.model.UnitTest;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares a base spec with the current one, model by model and column by column.
 *
 * <p>Order, the same on every run: the current spec's models in spec order (each model's own changes, then its
 * columns' in output order, then its removed columns in the base's order), then the removed models in the base's
 * order. Models and columns are matched by name (columns case-insensitively, as BigQuery names them). A removed
 * and an added column of one model that read the same source column with the same transform (or the same formula)
 * are one rename.
 */
public final class SpecDiff {
    private SpecDiff() {}

    /** Every change from {@code base} to {@code current}, breaking ones with the downstream columns they reach. */
    public static List<Change> compare(ValidatedSpec base, ValidatedSpec current) {
        ColumnLineage baseLineage = new ColumnLineage(base);
        ColumnLineage currentLineage = new ColumnLineage(current);
        Map<String, Model> baseModels = byName(base.spec().models());
        Map<String, Model> currentModels = byName(current.spec().models());
        List<Change> changes = new ArrayList<>();
        for (Model m : currentModels.values()) {
            Model b = baseModels.get(m.name());
            if (b == null) {
                changes.add(new Change(m.name(), null, OfModel.MODEL_ADDED, null, m.name(), List.of(), m.pointer()));
            } else {
                new ModelComparison(base, b, current, m, changes).compare();
            }
        }
        for (Model b : baseModels.values()) {
            if (!currentModels.containsKey(b.name())) {
                changes.add(new Change(b.name(), null, OfModel.MODEL_REMOVED, b.name(), null, List.of(), "/models"));
            }
        }
        List<Change> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            out.add(c.isBreaking() ? c.withImpacted(reached(c, baseLineage, currentLineage)) : c);
        }
        return List.copyOf(out);
    }

    /**
     * The models the changes are in that exist in the current spec (a removed model has nothing left to select),
     * sorted by name.
     */
    public static Set<String> changedModels(List<Change> changes) {
        Set<String> names = new TreeSet<>();
        for (Change c : changes) {
            if (c.kind() != OfModel.MODEL_REMOVED) {
                names.add(c.model());
            }
        }
        return names;
    }

    /** How many models the changes are in, removed ones included. */
    static long changedModelsIncludingRemoved(List<Change> changes) {
        return changes.stream().map(Change::model).distinct().count();
    }

    /** How many of the changes are in {@code category}. */
    public static long count(List<Change> changes, Category category) {
        return changes.stream().filter(c -> c.category() == category).count();
    }

    /**
     * What a breaking change reaches. A removal or a rename is followed through the base, where readers of the old
     * column or model still were; every other change through the current spec.
     */
    private static List<ModelColumn> reached(Change c, ColumnLineage base, ColumnLineage current) {
        boolean gone = c.kind() == OfModel.MODEL_REMOVED
                || c.kind() == OfColumn.COLUMN_REMOVED
                || c.kind() == OfColumn.COLUMN_RENAMED;
        ColumnLineage lineage = gone ? base : current;
        if (c.kind().changesRows()) {
            return lineage.reachedFromRows(c.model());
        }
        if (c.column() == null) {
            return List.of();
        }
        String column = c.kind() == OfColumn.COLUMN_RENAMED ? c.before() : c.column();
        return lineage.reachedFromColumn(c.model(), column);
    }

    private static Map<String, Model> byName(List<Model> models) {
        Map<String, Model> out = new LinkedHashMap<>();
        models.forEach(m -> out.putIfAbsent(m.name(), m));
        return out;
    }

    /** One output column as the diff compares it. */
    private record Col(
            String name,
            String pointer,
            String typePointer,
            String type,
            String origin,
            String originPointer,
            String renameKey,
            Boolean nullable,
            List<String> tests,
            String description) {}

    /** The comparison of one model present in both specs. */
    private static final class ModelComparison {
        private final ValidatedSpec baseSpec;
        private final Model b;
        private final ValidatedSpec currentSpec;
        private final Model m;
        private final List<Change> out;

        ModelComparison(ValidatedSpec baseSpec, Model b, ValidatedSpec currentSpec, Model m, List<Change> out) {
            this.baseSpec = baseSpec;
            this.b = b;
            this.currentSpec = currentSpec;
            this.m = m;
            this.out = out;
        }

        void compare() {
            String p = m.pointer();
            model(OfModel.LAYER_CHANGED, id(b.layer()), id(m.layer()), p + "/layer");
            model(
                    OfModel.MATERIALIZATION_CHANGED,
                    b.effectiveMaterialization().id(),
                    m.effectiveMaterialization().id(),
                    p + "/materialization");
            model(OfModel.SOURCES_CHANGED, sources(b), sources(m), p + "/sources");
            model(OfModel.JOIN_CHANGED, joins(b), joins(m), p + "/joins");
            model(OfModel.FILTER_CHANGED, filters(b), filters(m), p + "/filters");
            if (Objects.equals(filters(b), filters(m))) {
                model(OfModel.FILTER_RATIONALE_CHANGED, rationales(b), rationales(m), p + "/filters");
            }
            model(OfModel.GROUPING_CHANGED, list(b.groupBy()), list(m.groupBy()), p + "/group_by");
            Constraints kb = b.constraints();
            Constraints km = m.constraints();
            model(OfModel.HISTORY_CHANGED, history(kb), history(km), p + "/constraints");
            model(OfModel.PRIMARY_KEY_CHANGED, list(kb.primaryKey()), list(km.primaryKey()), p + "/constraints");
            model(OfModel.LAYOUT_CHANGED, layout(kb), layout(km), p + "/constraints");
            unitTests(p);
            model(OfModel.DESCRIPTION_CHANGED, b.description(), m.description(), p + "/description");
            model(OfModel.OWNER_CHANGED, b.owner(), m.owner(), p + "/owner");
            model(OfModel.TAGS_CHANGED, list(b.tags()), list(m.tags()), p + "/tags");
            columns();
        }

        private void model(OfModel kind, String before, String after, String pointer) {
            if (!Objects.equals(blankToNull(before), blankToNull(after))) {
                out.add(new Change(m.name(), null, kind, blankToNull(before), blankToNull(after), List.of(), pointer));
            }
        }

        private void unitTests(String p) {
            Map<String, UnitTest> before = new LinkedHashMap<>();
            b.unitTests().forEach(u -> before.putIfAbsent(u.name(), u));
            Map<String, UnitTest> after = new LinkedHashMap<>();
            m.unitTests().forEach(u -> after.putIfAbsent(u.name(), u));
            int i = 0;
            for (UnitTest u : m.unitTests()) {
                String at = p + "/unit_tests/" + i++;
                UnitTest old = before.get(u.name());
                if (old == null) {
                    out.add(new Change(m.name(), null, OfModel.UNIT_TEST_ADDED, null, u.name(), List.of(), at));
                } else if (!old.equals(u)) {
                    out.add(new Change(m.name(), null, OfModel.UNIT_TEST_CHANGED, u.name(), u.name(), List.of(), at));
                }
            }
            for (UnitTest u : b.unitTests()) {
                if (!after.containsKey(u.name())) {
                    out.add(new Change(
                            m.name(), null, OfModel.UNIT_TEST_REMOVED, u.name(), null, List.of(), p + "/unit_tests"));
                }
            }
        }

        private void columns() {
            List<Col> before = columnsOf(baseSpec, b);
            List<Col> after = columnsOf(currentSpec, m);
            Map<String, Col> oldByName = new LinkedHashMap<>();
            before.forEach(c -> oldByName.putIfAbsent(lower(c.name()), c));
            Map<String, Col> newByName = new LinkedHashMap<>();
            after.forEach(c -> newByName.putIfAbsent(lower(c.name()), c));
            List<Col> removed = new ArrayList<>();
            oldByName.forEach((k, c) -> {
                if (!newByName.containsKey(k)) {
                    removed.add(c);
                }
            });
            for (Col c : newByName.values()) {
                Col old = oldByName.get(lower(c.name()));
                if (old == null) {
                    Col renamedFrom = renamedFrom(c, removed);
                    if (renamedFrom != null) {
                        removed.remove(renamedFrom);
                        column(OfColumn.COLUMN_RENAMED, c, renamedFrom.name(), c.name(), c.pointer());
                        compare(renamedFrom, c);
                    } else {
                        column(OfColumn.COLUMN_ADDED, c, null, describe(c), c.pointer());
                    }
                } else {
                    compare(old, c);
                }
            }
            String removedAt = m.pointer() + (m.columns().isEmpty() ? "" : "/column_mapping");
            for (Col c : removed) {
                out.add(new Change(
                        m.name(), c.name(), OfColumn.COLUMN_REMOVED, describe(c), null, List.of(), removedAt));
            }
        }

        /** The removed column this added one is a rename of: the same origin, which must name a source column. */
        private static Col renamedFrom(Col added, List<Col> removed) {
            if (added.origin() == null) {
                return null;
            }
            for (Col r : removed) {
                if (added.origin().equals(r.origin())) {
                    return r;
                }
            }
            return null;
        }

        private void compare(Col old, Col c) {
            if (old.type() != null && c.type() != null && !TypeChange.same(old.type(), c.type())) {
                OfColumn kind =
                        TypeChange.widens(old.type(), c.type()) ? OfColumn.TYPE_WIDENED : OfColumn.TYPE_NARROWED;
                column(kind, c, SqlTypesText.show(old.type()), SqlTypesText.show(c.type()), c.typePointer());
            }
            if (!Objects.equals(old.origin(), c.origin())) {
                column(OfColumn.TRANSFORM_CHANGED, c, old.origin(), c.origin(), c.originPointer());
            }
            if (old.nullable() != null
                    && c.nullable() != null
                    && !old.nullable().equals(c.nullable())) {
                column(
                        OfColumn.NULLABLE_CHANGED,
                        c,
                        nullableText(old.nullable()),
                        nullableText(c.nullable()),
                        c.pointer() + "/nullable");
            }
            Set<String> oldTests = new LinkedHashSet<>(old.tests());
            Set<String> newTests = new LinkedHashSet<>(c.tests());
            for (String t : newTests) {
                if (!oldTests.contains(t)) {
                    column(OfColumn.TEST_ADDED, c, null, t, c.pointer() + "/tests");
                }
            }
            for (String t : oldTests) {
                if (!newTests.contains(t)) {
                    column(OfColumn.TEST_REMOVED, c, t, null, c.pointer() + "/tests");
                }
            }
            if (!Objects.equals(blankToNull(old.description()), blankToNull(c.description()))) {
                column(
                        OfColumn.DESCRIPTION_CHANGED,
                        c,
                        blankToNull(old.description()),
                        blankToNull(c.description()),
                        c.pointer() + "/description");
            }
        }

        private void column(OfColumn kind, Col c, String before, String after, String pointer) {
            out.add(new Change(m.name(), c.name(), kind, before, after, List.of(), pointer));
        }
    }

    /** A model's output columns in output order, with what the diff compares of each. */
    private static List<Col> columnsOf(ValidatedSpec spec, Model m) {
        // a column without a name (a spec with errors) cannot be matched: it is left out
        return allColumnsOf(spec, m).stream().filter(c -> c.name() != null).toList();
    }

    private static List<Col> allColumnsOf(ValidatedSpec spec, Model m) {
        Map<String, String> outputTypes = new HashMap<>();
        for (Column c : spec.outputColumns(m.name())) {
            if (c.name() != null) {
                outputTypes.putIfAbsent(lower(c.name()), c.type());
            }
        }
        List<Col> cols = new ArrayList<>();
        String p = m.pointer();
        if (!m.aggregations().isEmpty() && !m.groupBy().isEmpty() && m.columns().isEmpty()) {
            for (int i = 0; i < m.groupBy().size(); i++) {
                String g = m.groupBy().get(i);
                String at = p + "/group_by/" + i;
                cols.add(new Col(
                        g, at, at, outputTypes.get(lower(g)), "group_by " + g, at, null, null, List.of(), null));
            }
        }
        // a column without from_table reads the only relation: the union (by its name) when the model has one
        String onlySource = m.relations().size() == 1 ? m.relations().get(0).table() : null;
        for (int i = 0; i < m.columns().size(); i++) {
            ColumnMapping c = m.columns().get(i);
            String at = p + "/column_mapping/" + i;
            String type = c.type() != null ? c.type() : outputTypes.get(lower(c.targetColumn()));
            String table = c.fromTable() != null ? c.fromTable() : onlySource;
            String from = c.fromColumn() == null ? null : (table == null ? "" : table + ".") + c.fromColumn();
            String origin = c.transform() == null ? from : c.transform() + (from == null ? "" : " (from " + from + ")");
            cols.add(new Col(
                    c.targetColumn(),
                    at,
                    c.type() != null ? at + "/type" : at,
                    type,
                    origin,
                    c.transform() != null ? at + "/transform" : at + "/from_column",
                    origin,
                    c.nullable(),
                    c.tests().stream().map(SpecDiff::testLabel).toList(),
                    c.description()));
        }
        if (m.columns().isEmpty() && m.aggregations().isEmpty()) {
            // an SCD2 model passes its source's columns through
            for (Column c : spec.outputColumns(m.name())) {
                cols.add(new Col(
                        c.name(),
                        p,
                        p,
                        c.type(),
                        "passed through from " + onlySource,
                        p + "/sources",
                        null,
                        null,
                        List.of(),
                        null));
            }
        }
        for (int i = 0; i < m.aggregations().size(); i++) {
            Aggregation a = m.aggregations().get(i);
            String at = p + "/aggregations/" + i;
            String type = a.type() != null ? a.type() : outputTypes.get(lower(a.metricColumn()));
            cols.add(new Col(
                    a.metricColumn(),
                    at,
                    a.type() != null ? at + "/type" : at,
                    type,
                    a.formula(),
                    at + "/formula",
                    a.formula(),
                    null,
                    a.tests().stream().map(SpecDiff::testLabel).toList(),
                    a.description()));
        }
        return cols;
    }

    private static String describe(Col c) {
        return (c.type() == null ? "" : SqlTypesText.show(c.type()) + " ") + (c.origin() == null ? "" : c.origin());
    }

    /** A declared test as a reviewer reads it (as the review exports write it). */
    static String testLabel(DataTest t) {
        if (t instanceof DataTest.AcceptedValues av) {
            return "accepted_values("
                    + av.values().stream().map(SpecDiff::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (t instanceof DataTest.Relationships r) {
            return "relationships(" + r.to() + "." + r.field() + ")";
        }
        if (t instanceof DataTest.Expression e) {
            return "expression(" + e.sql() + ")";
        }
        return t.kind();
    }

    private static String literal(Literal l) {
        if (l.isNull()) {
            return "NULL";
        }
        return l.kind() == Literal.Kind.STRING ? "'" + l.text().replace("'", "''") + "'" : l.text();
    }

    /** The sources as a reviewer compares them: a union first, with its source column and name, then the others. */
    private static String sources(Model m) {
        List<String> out = new ArrayList<>();
        if (m.union() != null) {
            Union u = m.union();
            out.add("union(" + String.join(", ", u.texts())
                    + (u.sourceColumn() == null ? "" : "; source_column " + u.sourceColumn())
                    + (u.alias() == null ? "" : "; as " + u.alias()) + ")");
        }
        m.sources().forEach(s -> out.add(s.text()));
        return list(out);
    }

    private static String joins(Model m) {
        List<String> parts = new ArrayList<>();
        for (Join j : m.joins()) {
            parts.add(j.leftTable() + " " + (j.type() == null ? "" : j.type().name() + " ") + "JOIN " + j.rightTable()
                    + " ON " + j.condition());
        }
        return String.join("; ", parts);
    }

    private static String filters(Model m) {
        List<String> parts = new ArrayList<>();
        for (Filter f : m.filters()) {
            parts.add((f.appliesTo() == null ? "" : f.appliesTo() + ": ") + f.predicate());
        }
        return String.join("; ", parts);
    }

    private static String rationales(Model m) {
        List<String> parts = new ArrayList<>();
        boolean any = false;
        for (Filter f : m.filters()) {
            parts.add(f.rationale() == null ? "" : f.rationale());
            any |= f.rationale() != null && !f.rationale().isEmpty();
        }
        return any ? String.join("; ", parts) : null;
    }

    private static String history(Constraints k) {
        if (!k.isScd2()) {
            return null;
        }
        return "scd_type 2, natural_key " + list(k.naturalKey()) + ", effective_at " + k.effectiveAt() + ", expiry_at "
                + k.expiryAt() + ", current_flag " + k.currentFlag();
    }

    private static String layout(Constraints k) {
        List<String> parts = new ArrayList<>();
        if (k.partitionBy() != null) {
            parts.add("partition_by " + k.partitionBy());
        }
        if (!k.clusterBy().isEmpty()) {
            parts.add("cluster_by " + list(k.clusterBy()));
        }
        return String.join("; ", parts);
    }

    private static String list(List<String> items) {
        return String.join(", ", items);
    }

    private static String id(io.github.specpipeline.core.model.Layer layer) {
        return layer == null ? null : layer.id();
    }

    private static String nullableText(boolean nullable) {
        return nullable ? "nullable" : "not null";
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
