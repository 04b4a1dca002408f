package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Partitioning;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.sql.SqlToken;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.EngineDifference;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import io.github.specpipeline.core.sql.dialect.Untranslatable;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.Expression;

/**
 * Part of validation: every SQL fragment must render in the dialect of every configured target (SP304, located
 * at the function in the fragment), and every model must be expressible (SP305: a formula or filter reading
 * sources that are aggregated apart; SP214: an SCD2 pass-through of unknown columns). What passes here
 * generates; nothing is approximated: partitioning or clustering a selected target cannot express is a warning
 * (SP218, decided by {@link LayoutSupport}), not dropped silently.
 */
public final class TranslationCheck {
    /**
     * Replaces {@code {from}} with a column reference of the same length, so positions stay those of the spec: the
     * check parses a transform with {@code SqlFragments.parse(text, SAME_LENGTH_FROM)}.
     */
    public static final String SAME_LENGTH_FROM = "_f._f_";

    private final Reporter r;
    private final Set<Target> targets;

    /** The dialects to check fragments in: those of the targets but BigQuery, the spec's own. */
    private final List<Dialect> dialects;

    private final Map<Rendered, List<SqlRenderer.Rendering>> renderings = new HashMap<>();

    /** The targets of each of {@link #dialects}, for messages ("dbt-duckdb, duckdb"): the same for every finding. */
    private final List<String> targetIds;

    /**
     * The typed renderings made so far, per tree (by identity: the parse cache gives every model with the same
     * fragment text the same tree) and per index into {@link #dialects}; see {@link #typedDifferences(ModelPlan.Expr,
     * int)}.
     */
    private final Map<Expression, List<List<Typed>>> typed = new java.util.IdentityHashMap<>();

    /**
     * Fragments whose function BigQuery's analyzer does not know (SP232): that is the one finding, a translation
     * of a function BigQuery lacks is no question.
     */
    private final Set<String> unknownToBigQuery = new java.util.HashSet<>();

    private TranslationCheck(Reporter reporter, Set<Target> targets) {
        this.r = reporter;
        this.targets = targets;
        for (io.github.specpipeline.core.diag.Diagnostic d : reporter.sink().sorted()) {
            if (d.code() == DiagnosticCode.SP232 && d.message().contains("Function not found")) {
                unknownToBigQuery.add(d.pointer());
            }
        }
        this.dialects = Target.dialects(targets).stream()
                .filter(d -> d != Dialect.BIGQUERY)
                .toList();
        this.targetIds = dialects.stream()
                .map(d -> targets.stream()
                        .filter(t -> t.dialect() == d)
                        .map(Target::id)
                        .collect(Collectors.joining(", ")))
                .toList();
    }

    /** Reports into {@code reporter}'s sink. */
    public static void check(ValidatedSpec spec, Set<Target> targets, Reporter reporter) {
        TranslationCheck c = new TranslationCheck(reporter, targets);
        List<Model> models = spec.spec().models();
        List<Model> order = spec.graph().order();
        if (spec.hasErrors() || !samePermutation(models, order)) {
            for (Model m : models) {
                c.fragments(m);
            }
            if (!spec.hasErrors()) {
                for (Model m : order) {
                    c.plan(spec, m);
                }
            }
            return;
        }
        // One pass, a model's fragments and then its plan: the plan reads the same fragment texts, which are then
        // still in the parse cache. Two passes over all models (all fragments, then all plans) parsed every fragment
        // again on a spec larger than the cache (10,000 models: performance.md). The findings do not depend on the
        // order: a difference is keyed by its model's pointer, and the fragments of a model come before its plan.
        for (Model m : order) {
            c.fragments(m);
            c.plan(spec, m);
        }
    }

    /** Whether {@code order} holds exactly the models of {@code models}, each once (the graph's order of them). */
    private static boolean samePermutation(List<Model> models, List<Model> order) {
        if (models.size() != order.size()) {
            return false;
        }
        Set<Model> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.addAll(models);
        for (Model m : order) {
            if (!seen.remove(m)) {
                return false;
            }
        }
        return seen.isEmpty();
    }

    private void fragments(Model m) {
        String p = m.pointer();
        for (int i = 0; i < m.columns().size(); i++) {
            ColumnMapping c = m.columns().get(i);
            if (c.transform() != null) {
                fragment(
                        c.transform(),
                        p + "/column_mapping/" + i + "/transform",
                        "transform of '" + c.targetColumn() + "'",
                        true);
            }
            tests(c.targetColumn(), c.tests(), p + "/column_mapping/" + i + "/tests");
        }
        for (int i = 0; i < m.joins().size(); i++) {
            Join j = m.joins().get(i);
            if (j.condition() != null) {
                fragment(j.condition(), p + "/joins/" + i + "/condition", "join condition", false);
            }
        }
        for (int i = 0; i < m.filters().size(); i++) {
            Filter f = m.filters().get(i);
            fragment(f.predicate(), p + "/filters/" + i + "/predicate", "filter", false);
        }
        for (int i = 0; i < m.aggregations().size(); i++) {
            Aggregation a = m.aggregations().get(i);
            fragment(
                    a.formula(), p + "/aggregations/" + i + "/formula", "formula of '" + a.metricColumn() + "'", false);
            tests(a.metricColumn(), a.tests(), p + "/aggregations/" + i + "/tests");
        }
        String partitionBy = m.constraints().partitionBy();
        if (partitionBy != null && Partitioning.of(partitionBy).isEmpty()) {
            List<String> affected = new ArrayList<>();
            for (Target t : Target.values()) {
                if (targets.contains(t) && LayoutSupport.needsColumnForm(t)) {
                    affected.add(t.id());
                }
            }
            if (!affected.isEmpty()) {
                r.error(
                        DiagnosticCode.SP304,
                        p + "/constraints/partition_by",
                        "partition_by '" + partitionBy.strip()
                                + "' has no translation for " + String.join(", ", affected)
                                + ": partitioning there takes a column,"
                                + " DATE(column) or DATE_TRUNC/TIMESTAMP_TRUNC(column, DAY|MONTH|YEAR|HOUR)",
                        DiagnosticCode.SP304.fix());
            }
        }
    }

    private void tests(String column, List<DataTest> tests, String pointer) {
        for (DataTest t : tests) {
            if (t instanceof DataTest.Expression e) {
                // tests that failed to bind are left out of the list, so locate at the list, not an index
                fragment(e.sql(), pointer, "expression test on '" + column + "'", false);
            }
        }
    }

    private void fragment(String text, String pointer, String what, boolean hasFrom) {
        if (text == null || text.isBlank() || unknownToBigQuery.contains(pointer)) {
            return;
        }
        String from = hasFrom && text.contains(SqlFragments.FROM_PLACEHOLDER) ? SAME_LENGTH_FROM : null;
        List<SqlRenderer.Rendering> perDialect = renderings.computeIfAbsent(new Rendered(text, from), this::render);
        if (perDialect == null) {
            return; // a syntax error: validation reported it (SP301)
        }
        for (int k = 0; k < dialects.size(); k++) {
            String ids = targetIds.get(k);
            for (EngineDifference e : perDialect.get(k).differences()) {
                reportedDifferences.add(differenceKey(pointer, e));
                String message = what + ": " + e.describe() + " (target " + ids + ")";
                if (pointer.endsWith("/tests")) {
                    r.warning(e.code(), pointer, message, e.code().fix());
                } else {
                    r.inString(
                            Severity.WARNING,
                            e.code(),
                            pointer,
                            e.line(),
                            e.column(),
                            message,
                            e.code().fix());
                }
            }
            for (Untranslatable u : perDialect.get(k).problems()) {
                String message = what + ": " + u.describe() + " (target " + ids + ")";
                String hint = DiagnosticCode.SP304.fix() + " (-Dspecpipeline.targets=...)";
                if (pointer.endsWith("/tests")) {
                    r.error(DiagnosticCode.SP304, pointer, message, hint);
                } else {
                    r.inString(Severity.ERROR, DiagnosticCode.SP304, pointer, u.line(), u.column(), message, hint);
                }
            }
        }
    }

    /** Differences reported so far, by pointer, code, dialect and construct: each is reported once. */
    private final Set<String> reportedDifferences = new HashSet<>();

    /** A fragment as rendered: its text and what its {@code {from}} is replaced with. */
    private record Rendered(String text, String from) {}

    /**
     * The problems of rendering a fragment in each of {@link #dialects}, or null when it does not parse. They
     * depend only on the text (the scope writes columns as written and knows no types), so a text that occurs many
     * times is rendered once.
     */
    private List<SqlRenderer.Rendering> render(Rendered fragment) {
        Expression tree;
        try {
            tree = SqlFragments.parse(fragment.text(), fragment.from()).expression();
        } catch (SqlFragmentException e) {
            return null;
        }
        List<SqlRenderer.Rendering> out = new ArrayList<>();
        for (Dialect d : dialects) {
            out.add(SqlRenderer.render(tree, d, RenderScope.AS_WRITTEN));
        }
        return out;
    }

    private void plan(ValidatedSpec spec, Model m) {
        ModelPlanner.Result result;
        try {
            result = ModelPlanner.plan(spec, m);
        } catch (RuntimeException e) {
            return; // only a valid spec is planned; a model validation could not fully check is left to its errors
        }
        for (ModelPlanner.Problem problem : result.problems()) {
            r.error(
                    problem.scd2() ? DiagnosticCode.SP214 : DiagnosticCode.SP305,
                    problem.pointer(),
                    "model '" + m.name() + "': " + problem.message(),
                    problem.scd2() ? DiagnosticCode.SP214.fix() : DiagnosticCode.SP305.fix());
        }
        layout(m, result.plan());
        typedDifferences(m, result.plan());
    }

    /**
     * The differences that only the types of the operands reveal (a NUMERIC quotient, SP241): the fragments were
     * rendered above as written, without types; the plan's SELECT items are rendered with the types of the model's
     * sources. Reported at the transform or formula, as the others; one that was reported already is not repeated.
     */
    private void typedDifferences(Model m, ModelPlan plan) {
        Map<String, Written> written = null;
        for (ModelPlan.SelectItem item :
                plan.branches().stream().flatMap(b -> b.select().stream()).toList()) {
            if (written == null) {
                written = selectFragments(m);
            }
            Written fragment = item.name() == null ? null : written.get(item.name());
            if (fragment == null) {
                continue;
            }
            String pointer = fragment.pointer();
            String text = fragment.text();
            for (int k = 0; k < dialects.size(); k++) {
                String ids = targetIds.get(k);
                for (EngineDifference e : typedDifferences(item.expr(), k)) {
                    if (!reportedDifferences.add(differenceKey(pointer, e))) {
                        continue;
                    }
                    // the plan's trees have no positions in the spec's text: the construct's first token has
                    SqlToken at = firstToken(text, e.construct());
                    r.inString(
                            Severity.WARNING,
                            e.code(),
                            pointer,
                            at == null ? 1 : at.line(),
                            at == null ? 1 : at.column(),
                            fragment.what() + ": " + e.describe() + " (target " + ids + ")",
                            e.code().fix());
                }
            }
        }
    }

    /**
     * The differences of rendering {@code expr} in {@code dialects[k]}, rendered once per tree and column types: a
     * rendering is decided by the tree, the dialect and the answers of the scope's {@link RenderScope#typeOf} (the
     * scope's column text, a quoted name, decides no difference), so a rendering whose typeOf questions, asked again
     * of this scope in the same order, get the same answers has the same differences. A 10,000-model spec writes a
     * few hundred fragment texts over tens of thousands of columns of a few types: most SELECT items are not rendered.
     */
    private List<EngineDifference> typedDifferences(ModelPlan.Expr expr, int k) {
        List<List<Typed>> perDialect = typed.computeIfAbsent(expr.tree(), t -> {
            List<List<Typed>> empty = new ArrayList<>();
            for (int i = 0; i < dialects.size(); i++) {
                empty.add(new ArrayList<>());
            }
            return empty;
        });
        List<Typed> made = perDialect.get(k);
        for (Typed t : made) {
            if (t.sameTypes(expr.scope())) {
                return t.differences();
            }
        }
        Recording scope = new Recording(expr.scope());
        List<EngineDifference> differences =
                SqlRenderer.render(expr.tree(), dialects.get(k), scope).differences();
        made.add(new Typed(List.copyOf(scope.asked), new ArrayList<>(scope.answers), differences));
        return differences;
    }

    /** A typed rendering's differences and the column types it asked for (in order) and got (null: unknown). */
    private record Typed(
            List<io.github.specpipeline.core.sql.ColumnRef> asked,
            List<String> answers,
            List<EngineDifference> differences) {
        boolean sameTypes(RenderScope scope) {
            for (int i = 0; i < asked.size(); i++) {
                if (!java.util.Objects.equals(scope.typeOf(asked.get(i)), answers.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A scope that passes everything to {@code base} and records the typeOf questions and answers. */
    private static final class Recording implements RenderScope {
        private final RenderScope base;
        final List<io.github.specpipeline.core.sql.ColumnRef> asked = new ArrayList<>();
        final List<String> answers = new ArrayList<>();

        Recording(RenderScope base) {
            this.base = base;
        }

        @Override
        public String column(io.github.specpipeline.core.sql.ColumnRef ref, Dialect dialect) {
            return base.column(ref, dialect);
        }

        @Override
        public String typeOf(io.github.specpipeline.core.sql.ColumnRef ref) {
            String type = base.typeOf(ref);
            asked.add(ref);
            answers.add(type);
            return type;
        }
    }

    /** A fragment where the spec writes it: its pointer, its text and what it is, for messages. */
    private record Written(String pointer, String text, String what) {}

    /**
     * The transform or formula that writes each column, by name (any case): the first transform of that name, else
     * the first formula.
     */
    private static Map<String, Written> selectFragments(Model m) {
        Map<String, Written> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < m.columns().size(); i++) {
            ColumnMapping c = m.columns().get(i);
            if (c.transform() != null && c.targetColumn() != null) {
                out.putIfAbsent(
                        c.targetColumn(),
                        new Written(
                                m.pointer() + "/column_mapping/" + i + "/transform",
                                c.transform(),
                                "transform of '" + c.targetColumn() + "'"));
            }
        }
        for (int i = 0; i < m.aggregations().size(); i++) {
            Aggregation a = m.aggregations().get(i);
            if (a.formula() != null && a.metricColumn() != null) {
                out.putIfAbsent(
                        a.metricColumn(),
                        new Written(
                                m.pointer() + "/aggregations/" + i + "/formula",
                                a.formula(),
                                "formula of '" + a.metricColumn() + "'"));
            }
        }
        return out;
    }

    /** The first token of {@code text} that is the construct (a function's name, an operator), or null. */
    private static SqlToken firstToken(String text, String construct) {
        try {
            for (SqlToken t : SqlLexer.tokenize(text)) {
                boolean symbol = construct.length() == 1 && t.isSymbol(construct.charAt(0));
                if (symbol || t.isWord(construct)) {
                    return t;
                }
            }
        } catch (SqlLexer.LexicalError e) {
            // validation reported it
        }
        return null;
    }

    private static String differenceKey(String pointer, EngineDifference e) {
        return pointer + '\n' + e.code() + '\n' + e.dialect() + '\n' + e.construct();
    }

    /** SP218: the partitioning or clustering a selected target cannot express, one finding per config. */
    private void layout(Model m, ModelPlan plan) {
        List<String> partition = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        for (Target t : Target.values()) {
            if (!targets.contains(t)) {
                continue;
            }
            if (LayoutSupport.partition(t, plan) instanceof LayoutSupport.Support.Dropped d) {
                partition.add(t.id() + " (" + d.reason() + ")");
            }
            if (LayoutSupport.cluster(t, plan) instanceof LayoutSupport.Support.Dropped d) {
                cluster.add(t.id() + " (" + d.reason() + ")");
            }
        }
        String p = m.pointer() + "/constraints/";
        if (!partition.isEmpty()) {
            r.warning(
                    DiagnosticCode.SP218,
                    p + "partition_by",
                    "model '" + m.name() + "': partition_by '" + plan.layout().partitionBy() + "' is not written for "
                            + String.join("; ", partition),
                    DiagnosticCode.SP218.fix());
        }
        if (!cluster.isEmpty()) {
            r.warning(
                    DiagnosticCode.SP218,
                    p + "cluster_by",
                    "model '" + m.name() + "': cluster_by "
                            + String.join(", ", plan.layout().clusterBy()) + " is not written for "
                            + String.join("; ", cluster),
                    DiagnosticCode.SP218.fix());
        }
    }
}
