package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.json.SourceMap;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.parse.Names;
import io.github.specpipeline.core.sql.NamedExpressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Expands named expressions ({@code @name(...)}) in every SQL fragment of a spec before anything analyzes it, so
 * validation, GoogleSQL, types, lineage and every generator see the expanded SQL. A model's {@code expressions}
 * override the spec's of the same name (the nearer definition wins, as a local variable does). Problems are located
 * at the {@code @} of the call inside the fragment (SP221 unknown name with "did you mean", SP222 wrong number of
 * arguments, SP223 a cycle, named) or in the definition (SP224 a malformed placeholder or name). The spec as written
 * is not changed: the validated spec holds the expanded copy.
 */
final class NamedExpansion {
    private final Reporter r;
    private final Set<String> failed;

    private NamedExpansion(Reporter r, Set<String> failed) {
        this.r = r;
        this.failed = failed;
    }

    /**
     * {@code spec} with every call expanded; the same instance when the spec defines and calls none.
     *
     * @param failed receives the pointer of each fragment whose expansion was reported: it is not analyzed further
     */
    static Spec expand(Spec spec, Reporter r, Set<String> failed) {
        boolean any = !spec.expressions().isEmpty()
                || spec.models().stream()
                        .anyMatch(m -> m != null && !m.expressions().isEmpty())
                || spec.models().stream().anyMatch(NamedExpansion::mayCall);
        if (!any) {
            return spec;
        }
        NamedExpansion x = new NamedExpansion(r, failed);
        NamedExpressions specLevel = new NamedExpressions(spec.expressions());
        spec.expressions().forEach((name, body) -> x.checkDefinition(specLevel, name, body, "/expressions/"));
        List<Model> models = new ArrayList<>();
        for (Model m : spec.models()) {
            models.add(m == null ? null : x.model(spec, m));
        }
        return spec.withModels(models);
    }

    private static boolean mayCall(Model m) {
        if (m == null) {
            return false;
        }
        return m.columns().stream().anyMatch(c -> NamedExpressions.mayCall(c.transform()) || mayCall(c.tests()))
                || m.joins().stream().anyMatch(j -> NamedExpressions.mayCall(j.condition()))
                || m.filters().stream().anyMatch(f -> NamedExpressions.mayCall(f.predicate()))
                || m.aggregations().stream().anyMatch(a -> NamedExpressions.mayCall(a.formula()) || mayCall(a.tests()));
    }

    private static boolean mayCall(List<DataTest> tests) {
        return tests.stream().anyMatch(t -> t instanceof DataTest.Expression e && NamedExpressions.mayCall(e.sql()));
    }

    private void checkDefinition(NamedExpressions scope, String name, String body, String prefix) {
        String pointer = prefix + SourceMap.token(name);
        for (NamedExpressions.Problem p : scope.check(name)) {
            report(pointer, body, p, scope);
        }
    }

    private Model model(Spec spec, Model m) {
        NamedExpressions scope = new NamedExpressions(spec.expressions(), m.expressions());
        String p = m.pointer();
        if (!m.expressions().isEmpty()) {
            NamedExpressions own = scope;
            m.expressions().forEach((name, body) -> checkDefinition(own, name, body, p + "/expressions/"));
        }
        if (!mayCall(m)) {
            return m;
        }
        List<ColumnMapping> columns = new ArrayList<>();
        for (int i = 0; i < m.columns().size(); i++) {
            ColumnMapping c = m.columns().get(i);
            String cp = p + "/column_mapping/" + i;
            columns.add(new ColumnMapping(
                    c.targetColumn(),
                    c.type(),
                    c.fromTable(),
                    c.fromColumn(),
                    expand(scope, c.transform(), cp + "/transform"),
                    c.nullable(),
                    tests(scope, c.tests(), cp + "/tests/"),
                    c.description()));
        }
        List<Join> joins = new ArrayList<>();
        for (int i = 0; i < m.joins().size(); i++) {
            Join j = m.joins().get(i);
            joins.add(new Join(
                    j.leftTable(),
                    j.rightTable(),
                    j.type(),
                    expand(scope, j.condition(), p + "/joins/" + i + "/condition")));
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < m.filters().size(); i++) {
            Filter f = m.filters().get(i);
            filters.add(new Filter(
                    f.appliesTo(), expand(scope, f.predicate(), p + "/filters/" + i + "/predicate"), f.rationale()));
        }
        List<Aggregation> aggregations = new ArrayList<>();
        for (int i = 0; i < m.aggregations().size(); i++) {
            Aggregation a = m.aggregations().get(i);
            String ap = p + "/aggregations/" + i;
            aggregations.add(new Aggregation(
                    a.metricColumn(),
                    a.type(),
                    expand(scope, a.formula(), ap + "/formula"),
                    tests(scope, a.tests(), ap + "/tests/"),
                    a.description()));
        }
        return new Model(
                m.index(),
                m.name(),
                m.layer(),
                m.description(),
                m.owner(),
                m.tags(),
                m.materialization(),
                m.sources(),
                columns,
                joins,
                filters,
                aggregations,
                m.groupBy(),
                m.constraints(),
                m.unitTests(),
                m.expressions(),
                m.incremental(),
                m.union());
    }

    private List<DataTest> tests(NamedExpressions scope, List<DataTest> tests, String prefix) {
        List<DataTest> out = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            DataTest t = tests.get(i);
            out.add(
                    t instanceof DataTest.Expression e
                            ? new DataTest.Expression(expand(scope, e.sql(), prefix + i + "/expression"))
                            : t);
        }
        return out;
    }

    private String expand(NamedExpressions scope, String text, String pointer) {
        if (!NamedExpressions.mayCall(text)) {
            return text;
        }
        NamedExpressions.Result result = scope.expand(text);
        for (NamedExpressions.Problem p : result.problems()) {
            report(pointer, text, p, scope);
            failed.add(pointer);
        }
        return result.text();
    }

    private void report(String pointer, String text, NamedExpressions.Problem p, NamedExpressions scope) {
        DiagnosticCode code = switch (p.kind()) {
            case UNKNOWN -> DiagnosticCode.SP221;
            case ARITY -> DiagnosticCode.SP222;
            case CYCLE -> DiagnosticCode.SP223;
            case MALFORMED -> DiagnosticCode.SP224;
        };
        String hint = p.kind() == NamedExpressions.Kind.UNKNOWN
                ? Names.closest(p.hint(), scope.names())
                        .map(c -> "did you mean @" + c + "?")
                        .orElse(
                                scope.names().isEmpty()
                                        ? "define it in the spec's or the model's \"expressions\""
                                        : "named expressions here: @" + String.join(", @", scope.names()))
                : p.hint();
        if (text == null || pointer.endsWith("/tests/")) {
            r.error(code, pointer, p.message(), hint);
            return;
        }
        r.inString(Severity.ERROR, code, pointer, 1, FragmentLocation.jsonColumn(text, p.offset()), p.message(), hint);
    }
}
