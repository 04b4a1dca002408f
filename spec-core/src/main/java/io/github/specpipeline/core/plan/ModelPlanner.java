package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Incremental;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.model.Union;
import io.github.specpipeline.core.plan.ModelPlan.Branch;
import io.github.specpipeline.core.plan.ModelPlan.Combine;
import io.github.specpipeline.core.plan.ModelPlan.Expr;
import io.github.specpipeline.core.plan.ModelPlan.JoinStep;
import io.github.specpipeline.core.plan.ModelPlan.OutputColumn;
import io.github.specpipeline.core.plan.ModelPlan.SelectItem;
import io.github.specpipeline.core.plan.ModelPlan.Source;
import io.github.specpipeline.core.sql.BigQuerySyntax;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.FilterStage;
import io.github.specpipeline.core.sql.IntervalLiteral;
import io.github.specpipeline.core.sql.ParsedFragment;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlTypes;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ColumnIndex;
import io.github.specpipeline.core.validate.UnionColumns;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

/**
 * Builds the {@link ModelPlan} of a model from a validated spec: the semantic decisions every target shares.
 * Problems that make a model impossible to express (a formula reading two sources that are aggregated apart,
 * an SCD2 pass-through of a table whose columns are unknown) are collected, with the JSON pointer to blame.
 */
public final class ModelPlanner {

    /** Something about the model that cannot be generated. */
    public record Problem(String pointer, String message, boolean scd2) {}

    /** The plan (usable only when {@code problems} is empty) and the problems. */
    public record Result(ModelPlan plan, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private static final Set<String> COUNTS = Set.of("COUNT", "COUNTIF", "APPROX_COUNT_DISTINCT");

    private final ValidatedSpec spec;
    private final Model m;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final SourceScope scope;
    /** Whether {@code {from}} fragments and plain columns use shared templates (else each is parsed as written). */
    private final boolean templates;
    /** The select items of the column mapping and aggregations, in spec order. */
    private List<Item> mapped = List.of();

    private ModelPlanner(ValidatedSpec spec, Model model, boolean templates) {
        this.spec = spec;
        this.templates = templates;
        this.m = model;
        if (model.union() != null) {
            Source union = union(model.union());
            sources.put(union.alias(), union);
        }
        for (SourceRef ref : model.sources()) {
            if (!sources.containsKey(ref.table())) {
                sources.put(
                        ref.table(),
                        new Source(ref.table(), ref, !ref.isQualified(), List.of(), List.of(), columnsOf(ref)));
            }
        }
        this.scope = new SourceScope(sources);
    }

    /** Plans {@code model} of {@code spec} (a spec without errors). */
    public static Result plan(ValidatedSpec spec, Model model) {
        return plan(spec, model, true);
    }

    /**
     * Plans {@code model}; without {@code templates} every column and transform is parsed with its column written
     * in, the reference the templated plan must equal (tests).
     */
    static Result plan(ValidatedSpec spec, Model model, boolean templates) {
        ModelPlanner p = new ModelPlanner(spec, model, templates);
        ModelPlan plan = p.build();
        return new Result(plan, p.problems);
    }

    /** The plan, or an exception naming the first problem: for generators, which only run on valid specs. */
    public static ModelPlan planOrThrow(ValidatedSpec spec, Model model) {
        Result r = plan(spec, model);
        if (!r.problems().isEmpty()) {
            throw new IllegalStateException(
                    "model '" + model.name() + "': " + r.problems().get(0).message());
        }
        return r.plan();
    }

    /**
     * The union as one source under its name: its columns are {@link UnionColumns}' (the first member's order, the
     * widened types) and the source column, a STRING.
     */
    private Source union(Union u) {
        List<Source> members = new ArrayList<>();
        List<List<Column>> memberColumns = new ArrayList<>();
        for (SourceRef ref : u.sources()) {
            List<Column> cols = columnsOf(ref);
            members.add(new Source(ref.table(), ref, !ref.isQualified(), List.of(), List.of(), cols));
            memberColumns.add(cols);
        }
        UnionColumns.Result result = UnionColumns.of(memberColumns);
        if (result.columns() == null || !result.problems().isEmpty()) {
            throw new IllegalStateException("model '" + m.name() + "': the union's sources do not have known, equal"
                    + " columns (validation reports it)");
        }
        List<List<String>> casts = UnionColumns.casts(memberColumns, result.columns());
        List<Column> columns = new ArrayList<>(result.columns());
        if (u.sourceColumn() != null) {
            columns.add(new Column(u.sourceColumn(), "STRING"));
        }
        return new Source(
                u.name(),
                u.ref(),
                false,
                List.of(),
                List.of(),
                columns,
                new ModelPlan.UnionPlan(members, result.columns(), casts, u.sourceColumn()));
    }

    private List<Column> columnsOf(SourceRef ref) {
        if (ref.isQualified()) {
            Optional<SourceTable> t = spec.sourceCatalog().flatMap(c -> c.table(ref.schema(), ref.table()));
            if (t.isEmpty()) {
                return null;
            }
            List<Column> out = new ArrayList<>();
            for (SourceColumn c : t.get().columns()) {
                out.add(new Column(c.name(), c.type()));
            }
            return out;
        }
        return spec.outputColumns().containsKey(ref.table()) ? spec.outputColumns(ref.table()) : null;
    }

    // ---- build ---------------------------------------------------------------------------------------------

    private ModelPlan build() {
        // filters on a single source, before any join
        Map<String, List<Expr>> sourceFilters = new LinkedHashMap<>();
        Map<String, List<Expr>> sourceQualify = new LinkedHashMap<>();
        List<Expr> rowFilters = new ArrayList<>();
        List<String> rowFilterPointers = new ArrayList<>();
        for (int i = 0; i < m.filters().size(); i++) {
            Filter f = m.filters().get(i);
            Expr e = parse(f.predicate(), null);
            String alias = f.appliesTo() == null || f.appliesTo().equals(m.name()) ? null : aliasOf(f.appliesTo());
            if (alias != null && sources.containsKey(alias)) {
                // the filter reads its source alone (its CTE), so an unqualified column is that source's even when
                // an earlier source has a column of the same name
                e = new Expr(e.tree(), new SourceScope(Map.of(alias, sources.get(alias))));
            }
            if (alias != null) {
                switch (FilterStage.of(e.tree())) {
                    case WHERE ->
                        sourceFilters
                                .computeIfAbsent(alias, k -> new ArrayList<>())
                                .add(e);
                    case QUALIFY ->
                        sourceQualify
                                .computeIfAbsent(alias, k -> new ArrayList<>())
                                .add(e);
                    case HAVING ->
                        problems.add(new Problem(
                                m.pointer() + "/filters/" + i + "/predicate",
                                "a filter on a source cannot hold an aggregate: the source is not grouped",
                                false));
                }
            } else {
                rowFilters.add(e);
                rowFilterPointers.add(m.pointer() + "/filters/" + i + "/predicate");
            }
        }
        List<Source> planned = new ArrayList<>();
        for (Source s : List.copyOf(sources.values())) {
            Source withFilters = s.filtered(
                    sourceFilters.getOrDefault(s.alias(), List.of()), sourceQualify.getOrDefault(s.alias(), List.of()));
            planned.add(withFilters);
            sources.put(s.alias(), withFilters);
        }

        List<List<String>> components = components();
        List<Item> items = items();
        mapped = items;
        boolean explicitGroups = !m.groupBy().isEmpty();

        List<Branch> branches = new ArrayList<>();
        List<OutputColumn> outputs = new ArrayList<>();
        Combine combine;
        if (components.size() <= 1) {
            combine = Combine.SINGLE;
            List<String> component = components.isEmpty() ? List.of() : components.get(0);
            List<Item> all = new ArrayList<>();
            if (explicitGroups && m.columns().isEmpty()) {
                for (String key : m.groupBy()) {
                    all.add(keyItem(key, component));
                }
            }
            all.addAll(items);
            branches.add(branch(null, component, rowFilters, all, explicitGroups ? keyExprs(component) : List.of()));
            for (Item it : all) {
                outputs.add(new OutputColumn(it.name, it.type, 0, null));
            }
        } else {
            combine = explicitGroups ? Combine.FULL_JOIN_ON_KEYS : Combine.CROSS;
            List<List<Item>> perBranch = new ArrayList<>();
            components.forEach(c -> perBranch.add(new ArrayList<>()));
            for (Item it : items) {
                perBranch
                        .get(branchOf(it.expr, components, it.pointer, "'" + it.name + "'"))
                        .add(it);
            }
            List<List<Expr>> perBranchFilters = new ArrayList<>();
            components.forEach(c -> perBranchFilters.add(new ArrayList<>()));
            for (int i = 0; i < rowFilters.size(); i++) {
                perBranchFilters
                        .get(branchOf(rowFilters.get(i), components, rowFilterPointers.get(i), "the filter"))
                        .add(rowFilters.get(i));
            }
            Set<String> taken = new LinkedHashSet<>(sources.keySet());
            for (int b = 0; b < components.size(); b++) {
                List<String> component = components.get(b);
                List<Item> branchItems = new ArrayList<>();
                if (explicitGroups) {
                    for (String key : m.groupBy()) {
                        branchItems.add(keyItem(key, component));
                    }
                }
                branchItems.addAll(perBranch.get(b));
                String name = component.get(0) + "__agg";
                while (!taken.add(name)) {
                    name = name + "_";
                }
                branches.add(branch(
                        name,
                        component,
                        perBranchFilters.get(b),
                        branchItems,
                        explicitGroups ? keyExprs(component) : List.of()));
            }
            if (explicitGroups) {
                for (String key : m.groupBy()) {
                    Item k = keyItem(key, components.get(0));
                    outputs.add(new OutputColumn(key, k.type, -1, null));
                }
            }
            for (Item it : items) {
                int b = branchOf(it.expr, components, null, null);
                outputs.add(new OutputColumn(
                        it.name, it.type, b, combine == Combine.FULL_JOIN_ON_KEYS && isCount(it.expr) ? "0" : null));
            }
        }
        Scd2Plan scd2 = null;
        if (m.constraints().isScd2()) {
            Constraints k = m.constraints();
            // every select column is compared, so a group key of a model without column_mapping is tracked too
            scd2 = Scd2Plan.of(
                    outputs.stream().map(OutputColumn::name).toList(),
                    k.naturalKey(),
                    k.effectiveAt(),
                    k.expiryAt(),
                    k.currentFlag());
            outputs.add(new OutputColumn(k.effectiveAt(), "TIMESTAMP", 0, null));
            outputs.add(new OutputColumn(k.expiryAt(), "TIMESTAMP", 0, null));
            outputs.add(new OutputColumn(k.currentFlag(), "BOOL", 0, null));
        }
        IncrementalPlan incremental =
                scd2 == null && m.effectiveMaterialization() == Materialization.INCREMENTAL ? incremental() : null;
        return new ModelPlan(m, planned, branches, combine, outputs, scd2, incremental, layout());
    }

    /** The block's key (else the primary key) and its watermark, if it names one. */
    private IncrementalPlan incremental() {
        Incremental block = m.incremental();
        List<String> key = block.uniqueKey().isEmpty() ? m.constraints().primaryKey() : block.uniqueKey();
        IncrementalPlan.Watermark watermark = block.updatedAt() == null
                ? null
                : new IncrementalPlan.Watermark(
                        block.updatedAt(),
                        spec.outputColumns(m.name()).stream()
                                .filter(c -> c.name().equalsIgnoreCase(block.updatedAt()))
                                .map(Column::type)
                                .filter(t -> t != null)
                                .findFirst()
                                .orElse(null),
                        IntervalLiteral.parse(block.lookback()).orElse(null));
        return new IncrementalPlan(key, watermark);
    }

    private TableLayout layout() {
        Constraints k = m.constraints();
        if (k.partitionBy() == null && k.clusterBy().isEmpty()) {
            return TableLayout.NONE;
        }
        Partitioning partitioning = Partitioning.of(k.partitionBy()).orElse(null);
        String type = partitioning == null
                ? null
                : spec.outputColumns(m.name()).stream()
                        .filter(c -> c.name().equalsIgnoreCase(partitioning.column()))
                        .map(Column::type)
                        .filter(t -> t != null)
                        .findFirst()
                        .orElse(null);
        return new TableLayout(
                k.partitionBy() == null ? null : k.partitionBy().strip(), partitioning, type, k.clusterBy());
    }

    /** A select item before it is placed in a branch. */
    private record Item(String name, Expr expr, String type, String castType, boolean aggregate, String pointer) {}

    private List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < m.columns().size(); i++) {
            ColumnMapping c = m.columns().get(i);
            String pointer = m.pointer() + "/column_mapping/" + i;
            String fromTable = c.fromTable() != null
                    ? aliasOf(c.fromTable())
                    : c.fromColumn() != null && sources.size() == 1
                            ? sources.keySet().iterator().next()
                            : null;
            ColumnRef from =
                    fromTable != null && c.fromColumn() != null ? new ColumnRef(fromTable, c.fromColumn()) : null;
            Expr e = c.transform() == null ? column(from) : transform(c.transform(), from);
            String type = c.type() == null
                    ? sourceType(fromTable, c.fromColumn(), c.transform())
                    : SqlTypes.normalise(c.type());
            items.add(new Item(
                    c.targetColumn(),
                    e,
                    type,
                    castType(c.type(), e),
                    containsAggregate(e),
                    pointer + (c.transform() == null ? "" : "/transform")));
        }
        for (int i = 0; i < m.aggregations().size(); i++) {
            Aggregation a = m.aggregations().get(i);
            Expr e = parse(a.formula(), null);
            items.add(new Item(
                    a.metricColumn(),
                    e,
                    a.type() == null ? null : SqlTypes.normalise(a.type()),
                    castType(a.type(), e),
                    true,
                    m.pointer() + "/aggregations/" + i + "/formula"));
        }
        if (m.columns().isEmpty()
                && m.aggregations().isEmpty()
                && m.constraints().isScd2()
                && sources.size() == 1) {
            Source only = sources.values().iterator().next();
            if (only.columns() == null) {
                problems.add(new Problem(
                        m.pointer() + "/sources/0",
                        "the columns of '" + only.ref().text()
                                + "' are unknown, so the SCD2 model cannot pass them through; give the source DDL",
                        true));
            } else {
                for (Column c : only.columns()) {
                    Expr e = column(new ColumnRef(only.alias(), c.name()));
                    items.add(new Item(c.name(), e, c.type(), null, false, m.pointer()));
                }
            }
        }
        return items;
    }

    private String sourceType(String alias, String column, String transform) {
        if (transform != null || alias == null || column == null || !sources.containsKey(alias)) {
            return null;
        }
        List<Column> cols = sources.get(alias).columns();
        // findFirst before map: a column without a declared type maps to null, which findFirst cannot hold
        return cols == null
                ? null
                : cols.stream()
                        .filter(c -> c.name().equalsIgnoreCase(column))
                        .findFirst()
                        .map(Column::type)
                        .orElse(null);
    }

    /** A group key as a select item: a mapped column of that name, else the source column. */
    private Item keyItem(String key, List<String> component) {
        for (Item it : mapped) {
            if (it.name.equalsIgnoreCase(key)) {
                return it;
            }
        }
        String alias =
                component.stream().filter(a -> hasColumn(a, key)).findFirst().orElse(null);
        if (alias == null && component.stream().allMatch(a -> sources.get(a).columns() != null)) {
            problems.add(new Problem(
                    m.pointer() + "/group_by",
                    "group key '" + key + "' is not a column of " + String.join(" or ", component)
                            + ", so their aggregates cannot be joined on it",
                    false));
        }
        if (alias == null && component.size() == 1) {
            alias = component.get(0);
        }
        Expr e = column(new ColumnRef(alias, key));
        String type = alias == null ? null : sourceType(alias, key, null);
        return new Item(key, e, type, null, false, m.pointer() + "/group_by");
    }

    private List<Expr> keyExprs(List<String> component) {
        List<Expr> out = new ArrayList<>();
        for (String key : m.groupBy()) {
            out.add(keyItem(key, component).expr);
        }
        return out;
    }

    // ---- branches ------------------------------------------------------------------------------------------

    /** Sources connected by joins, in order of their first source; a join names two of the model's sources. */
    private List<List<String>> components() {
        Map<String, String> parent = new HashMap<>();
        sources.keySet().forEach(a -> parent.put(a, a));
        for (Join j : m.joins()) {
            String l = aliasOf(j.leftTable());
            String r = aliasOf(j.rightTable());
            if (parent.containsKey(l) && parent.containsKey(r)) {
                parent.put(find(parent, l), find(parent, r));
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String a : sources.keySet()) {
            groups.computeIfAbsent(find(parent, a), x -> new ArrayList<>()).add(a);
        }
        return new ArrayList<>(groups.values());
    }

    private static String find(Map<String, String> parent, String a) {
        String x = a;
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    /**
     * A branch over {@code component}; {@code filters} are the model's row filters that read it, each placed at its
     * {@link FilterStage}.
     */
    private Branch branch(String name, List<String> component, List<Expr> filters, List<Item> items, List<Expr> keys) {
        List<Expr> where = new ArrayList<>();
        List<Expr> having = new ArrayList<>();
        List<Expr> qualify = new ArrayList<>();
        for (Expr f : filters) {
            switch (FilterStage.of(f.tree())) {
                case WHERE -> where.add(f);
                case HAVING -> having.add(f);
                case QUALIFY -> qualify.add(f);
            }
        }
        String from = null;
        List<JoinStep> steps = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        List<Join> pending = new ArrayList<>();
        for (Join j : m.joins()) {
            if (component.contains(aliasOf(j.leftTable())) && component.contains(aliasOf(j.rightTable()))) {
                pending.add(j);
            }
        }
        if (!pending.isEmpty()) {
            from = aliasOf(pending.get(0).leftTable());
        } else if (!component.isEmpty()) {
            from = component.get(0);
        }
        if (from != null) {
            present.add(from);
        }
        // joins in spec order; one whose tables are both not yet joined waits for a later join to bring one in
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (int i = 0; i < pending.size(); i++) {
                Join j = pending.get(i);
                String l = aliasOf(j.leftTable());
                String r = aliasOf(j.rightTable());
                Expr condition =
                        j.type() == JoinType.CROSS || j.condition() == null ? null : parse(j.condition(), null);
                JoinType type = j.type() != JoinType.CROSS && condition == null ? JoinType.CROSS : j.type();
                if (present.contains(l) && !present.contains(r)) {
                    steps.add(new JoinStep(type, r, condition));
                    present.add(r);
                } else if (present.contains(r) && !present.contains(l)) {
                    steps.add(new JoinStep(mirror(type), l, condition));
                    present.add(l);
                } else if (present.contains(l) && present.contains(r)) {
                    // both joined already: the condition further restricts the rows
                    if (condition != null) {
                        where.add(condition);
                    }
                } else {
                    continue;
                }
                pending.remove(i);
                progress = true;
                break;
            }
        }
        for (String a : component) {
            if (!present.contains(a)) {
                steps.add(new JoinStep(JoinType.CROSS, a, null));
                present.add(a);
            }
        }
        List<SelectItem> select = new ArrayList<>();
        boolean anyAggregate = false;
        for (Item it : items) {
            select.add(new SelectItem(it.name, it.expr, it.castType, it.aggregate));
            anyAggregate |= it.aggregate;
        }
        boolean grouped = anyAggregate || !keys.isEmpty();
        List<Expr> groupBy = new ArrayList<>();
        if (grouped) {
            Set<String> seen = new LinkedHashSet<>();
            for (Expr k : keys) {
                addGroup(groupBy, seen, k);
            }
            for (Item it : items) {
                if (!it.aggregate) {
                    addGroup(groupBy, seen, it.expr);
                }
            }
            for (Item it : items) {
                if (it.aggregate) {
                    for (Expression column : bareColumns(it.expr.tree())) {
                        addGroup(groupBy, seen, new Expr(column, it.expr.scope()));
                    }
                }
            }
        }
        if (!having.isEmpty() && !grouped) {
            problems.add(new Problem(
                    m.pointer() + "/filters",
                    "a filter with an aggregate needs a model that aggregates (group_by or aggregations)",
                    false));
        }
        if (!qualify.isEmpty() && grouped) {
            problems.add(new Problem(
                    m.pointer() + "/filters",
                    "a filter with a window function is not supported in a model that aggregates",
                    false));
        }
        return new Branch(name, from, steps, where, having, qualify, select, groupBy, grouped);
    }

    /** Adds a grouping expression unless it is a constant or already there. */
    private static void addGroup(List<Expr> groupBy, Set<String> seen, Expr e) {
        if (!containsAnyColumn(e.tree())) {
            return; // GROUP BY a constant is an error in BigQuery and changes nothing
        }
        String key = e.render(Dialect.BIGQUERY).sql();
        if (seen.add(key)) {
            groupBy.add(e);
        }
    }

    private static JoinType mirror(JoinType t) {
        return switch (t) {
            case LEFT -> JoinType.RIGHT;
            case RIGHT -> JoinType.LEFT;
            default -> t;
        };
    }

    /** The branch whose sources {@code e} reads; reports (when {@code pointer} is set) reading several. */
    private int branchOf(Expr e, List<List<String>> components, String pointer, String what) {
        Set<Integer> found = new LinkedHashSet<>();
        for (ColumnRef ref : columnRefs(e)) {
            String alias = ref.qualifier() != null ? aliasOf(ref.qualifier()) : scope.resolve(ref.column());
            for (int b = 0; b < components.size(); b++) {
                if (alias != null && components.get(b).contains(alias)) {
                    found.add(b);
                }
            }
        }
        if (found.size() > 1 && pointer != null) {
            List<String> names = found.stream()
                    .map(b -> String.join(" + ", components.get(b)))
                    .toList();
            problems.add(new Problem(
                    pointer,
                    what + " reads " + String.join(" and ", names)
                            + ", which are not joined and are aggregated separately",
                    false));
        }
        return found.isEmpty() ? 0 : found.iterator().next();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The alias of a table as the spec names it: the table name, or the source as written ({@code raw.x}). */
    private String aliasOf(String table) {
        if (table == null) {
            return null;
        }
        if (sources.containsKey(table)) {
            return table;
        }
        for (Source s : sources.values()) {
            if (s.ref().text().equals(table)) {
                return s.alias();
            }
        }
        return table;
    }

    private boolean hasColumn(String alias, String column) {
        List<Column> cols = sources.get(alias).columns();
        return cols != null && cols.stream().anyMatch(c -> c.name().equalsIgnoreCase(column));
    }

    /** {@code `table`.`column`} as SQL, the text {@code {from}} stands for. */
    static String quotedRef(ColumnRef ref) {
        return (ref.qualifier() == null ? "" : "`" + ref.qualifier() + "`.") + "`" + ref.column() + "`";
    }

    /**
     * A plain column reference: what parsing {@link #quotedRef} gives, built from the shared {@code {from}} template
     * (parsed once) with a scope that binds its placeholder to {@code ref}, instead of a parse per column.
     */
    private Expr column(ColumnRef ref) {
        return ref == null ? parse(null, null) : transform(SqlFragments.FROM_PLACEHOLDER, ref);
    }

    /**
     * A transform with its {@code {from}} bound to {@code from}: the text's shared template with a binding scope when
     * the template reads exactly so (see {@link SqlFragments#fromTemplate}), else a parse with the column written in.
     */
    private Expr transform(String text, ColumnRef from) {
        if (from != null && templates) {
            Optional<ParsedFragment> template = SqlFragments.fromTemplate(text);
            if (template.isPresent()) {
                return new Expr(template.get().expression(), new FromScope(scope, from));
            }
        }
        return parse(text, from == null ? null : quotedRef(from));
    }

    private Expr parse(String text, String fromReplacement) {
        try {
            return new Expr(SqlFragments.parse(text, fromReplacement).expression(), scope);
        } catch (SqlFragmentException e) {
            throw new IllegalStateException(
                    "fragment of model '" + m.name() + "' does not parse: " + e.getMessage(), e);
        }
    }

    private String castType(String declared, Expr e) {
        return castType(declared, e, e.scope());
    }

    /**
     * The declared type to cast an expression to, or null when it has that type already: a column of the same
     * type, or a STRING/BOOL/DATE expression (whose representation is the same in every engine). Complex types
     * are never cast.
     */
    static String castType(String declared, Expr e, RenderScope scope) {
        if (declared == null || !SqlTypes.isValid(declared)) {
            return null;
        }
        String nd = SqlTypes.normalise(declared);
        String base = SqlTypes.baseType(nd);
        if (nd.startsWith("ARRAY<")
                || nd.startsWith("STRUCT<")
                || base.equals("GEOGRAPHY")
                || base.equals("JSON")
                || base.equals("INTERVAL")) {
            return null;
        }
        Expression t = e.tree();
        while (t instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            t = p.get(0);
        }
        if (t instanceof net.sf.jsqlparser.schema.Column c
                && SqlFragments.doubleQuotedString(c).isEmpty()) {
            String known = scope.typeOf(refOf(c));
            if (known != null && sameType(known, nd)) {
                return null;
            }
        }
        String inferred = SqlRenderer.typeOf(e.tree(), scope);
        if (inferred != null
                && !nd.contains("(")
                && Set.of("STRING", "BOOL", "DATE").contains(base)
                && inferred.equals(base)) {
            return null;
        }
        return nd;
    }

    private static boolean sameType(String a, String b) {
        String na = SqlTypes.normalise(a);
        String nb = SqlTypes.normalise(b);
        if (na.equals(nb)) {
            return true;
        }
        return !na.contains("(") && !nb.contains("(") && SqlTypes.baseType(na).equals(SqlTypes.baseType(nb));
    }

    static ColumnRef refOf(net.sf.jsqlparser.schema.Column c) {
        return BigQuerySyntax.refOf(c);
    }

    private static boolean containsAggregate(Expr e) {
        boolean[] found = {false};
        e.tree()
                .accept(
                        new ExpressionVisitorAdapter<Void>() {
                            @Override
                            public <S> Void visit(Function f, S context) {
                                if (SqlFragments.isAggregateFunction(functionName(f))) {
                                    found[0] = true;
                                }
                                return super.visit(f, context);
                            }

                            @Override
                            public <S> Void visit(AnalyticExpression a, S context) {
                                return null; // a window function is evaluated per row
                            }
                        },
                        null);
        return found[0];
    }

    /** A bare count (its value over no rows is 0). */
    private static boolean isCount(Expr e) {
        Expression t = e.tree();
        while (t instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            t = p.get(0);
        }
        return t instanceof Function f && COUNTS.contains(functionName(f));
    }

    private static String functionName(Function f) {
        return BigQuerySyntax.functionName(f);
    }

    /** Column references read outside aggregate calls (and outside date-part positions). */
    static List<Expression> bareColumns(Expression tree) {
        List<Expression> out = new ArrayList<>();
        tree.accept(new ColumnCollector(out, true), null);
        return out;
    }

    private static boolean containsAnyColumn(Expression tree) {
        List<Expression> out = new ArrayList<>();
        tree.accept(new ColumnCollector(out, false), null);
        return !out.isEmpty();
    }

    /** Every column reference of the expression, as its scope binds it. */
    static List<ColumnRef> columnRefs(Expr e) {
        List<Expression> out = new ArrayList<>();
        e.tree().accept(new ColumnCollector(out, false), null);
        return out.stream()
                .map(c -> bound(refOf((net.sf.jsqlparser.schema.Column) c), e.scope()))
                .toList();
    }

    /** The column {@code ref} stands for in {@code scope}: the bound column for a template's {@code {from}}. */
    private static ColumnRef bound(ColumnRef ref, RenderScope scope) {
        return scope instanceof FromScope f ? f.bind(ref) : ref;
    }

    private static final class ColumnCollector extends ExpressionVisitorAdapter<Void> {
        private final List<Expression> out;
        private final boolean skipAggregates;

        ColumnCollector(List<Expression> out, boolean skipAggregates) {
            this.out = out;
            this.skipAggregates = skipAggregates;
        }

        @Override
        public <S> Void visit(net.sf.jsqlparser.schema.Column c, S context) {
            if (SqlFragments.doubleQuotedString(c).isPresent()
                    || BigQuerySyntax.niladic(c).isPresent()) {
                return null;
            }
            out.add(c);
            return null;
        }

        @Override
        public <S> Void visit(Function f, S context) {
            String name = functionName(f);
            if (skipAggregates && SqlFragments.isAggregateFunction(name)) {
                return null;
            }
            if (f.getParameters() != null) {
                for (int i = 0; i < f.getParameters().size(); i++) {
                    if (BigQuerySyntax.isDatePartArgument(f, i)) {
                        continue;
                    }
                    Expression a = f.getParameters().get(i);
                    if (a != null) {
                        a.accept(this, context);
                    }
                }
            }
            return null;
        }

        @Override
        public <S> Void visit(AnalyticExpression a, S context) {
            return null;
        }
    }

    /**
     * The scope of an expression built from a {@link SqlFragments#fromTemplate}: the template's placeholder column
     * ({@link SqlFragments#FROM_COLUMN}) is {@code from}, as if {@code from} had been written for {@code {from}};
     * every other column is {@code base}'s.
     */
    record FromScope(RenderScope base, ColumnRef from) implements RenderScope {
        ColumnRef bind(ColumnRef ref) {
            return SqlFragments.FROM_COLUMN.equals(ref) ? from : ref;
        }

        @Override
        public String column(ColumnRef ref, Dialect dialect) {
            return base.column(bind(ref), dialect);
        }

        @Override
        public String typeOf(ColumnRef ref) {
            return base.typeOf(bind(ref));
        }
    }

    /**
     * Column references of the model's sources: qualified ones keep their source, unqualified ones are
     * qualified with the first source (in spec order) that has the column, so the generated SQL never depends
     * on an engine's ambiguity rules.
     */
    static final class SourceScope implements RenderScope {
        private final Map<String, Source> sources;

        SourceScope(Map<String, Source> sources) {
            this.sources = sources;
        }

        /**
         * Each source's columns by name ({@link ColumnIndex}), keyed by the list (the sources' map is updated with
         * filtered copies of a source, which keep its list): every column reference of every fragment asks.
         */
        private final Map<List<Column>, ColumnIndex> byName = new java.util.IdentityHashMap<>();

        private Column column(Source s, String name) {
            return s.columns() == null
                    ? null
                    : byName.computeIfAbsent(s.columns(), ColumnIndex::of).get(name);
        }

        /** The source an unqualified column comes from: the first that has it, the only source, or null. */
        String resolve(String column) {
            for (Source s : sources.values()) {
                if (column(s, column) != null) {
                    return s.alias();
                }
            }
            return sources.size() == 1 ? sources.keySet().iterator().next() : null;
        }

        private String alias(String qualifier) {
            if (qualifier == null) {
                return null;
            }
            if (sources.containsKey(qualifier)) {
                return qualifier;
            }
            for (Source s : sources.values()) {
                if (s.ref().text().equals(qualifier)) {
                    return s.alias();
                }
            }
            return null;
        }

        @Override
        public String column(ColumnRef ref, Dialect dialect) {
            if (ref.qualifier() != null) {
                String alias = alias(ref.qualifier());
                return alias == null
                        ? RenderScope.qualified(ref.qualifier(), ref.column(), dialect)
                        : dialect.quote(alias) + "." + dialect.quote(ref.column());
            }
            String alias = resolve(ref.column());
            return alias == null
                    ? dialect.quote(ref.column())
                    : dialect.quote(alias) + "." + dialect.quote(ref.column());
        }

        @Override
        public String typeOf(ColumnRef ref) {
            String alias = ref.qualifier() != null ? alias(ref.qualifier()) : resolve(ref.column());
            if (alias == null || sources.get(alias).columns() == null) {
                return null;
            }
            // an upstream model's column may have no declared type: unknown, like a column no source has
            Column c = column(sources.get(alias), ref.column());
            return c == null ? null : c.type();
        }
    }
}
