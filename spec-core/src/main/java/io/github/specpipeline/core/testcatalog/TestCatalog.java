package io.github.specpipeline.core.testcatalog;

import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.sql.ParsedFragment;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlTypes;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The data tests of a spec, derived once for every target.
 *
 * <ul>
 * <li>Per column: the declared tests; {@code not_null} also when the column is {@code nullable: false};
 * {@code accepted_values(...)} takes the literal results of the column's CASE transform.</li>
 * <li>Per model: the primary key is unique and not NULL (per version for an SCD2 model: with its
 * {@code effective_at}); an aggregate model has one row per group key (skipped when the primary key is exactly
 * the group keys); an SCD2 model has one current version per natural key and no overlapping versions.</li>
 * </ul>
 *
 * <p>Order: models in dependency order; within a model the columns in output order (each column's tests by
 * kind, declared order among equals), then the model-level tests.
 */
public final class TestCatalog {
    private static final List<String> KIND_ORDER = List.of(
            "not_null",
            "unique",
            "accepted_values",
            "relationships",
            "expression",
            "primary_key",
            "group_key_unique",
            "scd2_one_current",
            "scd2_no_overlap");
    private static final Set<String> NUMERIC = Set.of("INT64", "NUMERIC", "BIGNUMERIC", "FLOAT64");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final List<TestCase> tests;

    private TestCatalog(List<TestCase> tests) {
        this.tests = List.copyOf(tests);
    }

    /** The tests of a spec without errors. */
    public static TestCatalog of(ValidatedSpec spec) {
        List<Draft> all = new ArrayList<>();
        for (Model m : spec.graph().order()) {
            all.addAll(modelTests(spec, m));
        }
        return new TestCatalog(TestIds.assign(all));
    }

    public List<TestCase> tests() {
        return tests;
    }

    public List<TestCase> tests(String model) {
        return tests.stream().filter(t -> t.model().equals(model)).toList();
    }

    private static List<Draft> modelTests(ValidatedSpec spec, Model m) {
        List<Draft> out = new ArrayList<>();
        for (int i = 0; i < m.columns().size(); i++) {
            ColumnMapping c = m.columns().get(i);
            String p = m.pointer() + "/column_mapping/" + i;
            List<Pending> column = new ArrayList<>();
            boolean declaresNotNull = c.tests().stream().anyMatch(t -> t instanceof DataTest.NotNull);
            if (!c.nullable() && !declaresNotNull) {
                column.add(new Pending(new TestCase.NotNull(c.targetColumn()), p + "/nullable"));
            }
            for (int t = 0; t < c.tests().size(); t++) {
                column.add(
                        new Pending(check(spec, m, c.targetColumn(), c.tests().get(t), c), p + "/tests/" + t));
            }
            add(out, m, c.targetColumn(), column);
        }
        for (int i = 0; i < m.aggregations().size(); i++) {
            Aggregation a = m.aggregations().get(i);
            String p = m.pointer() + "/aggregations/" + i + "/tests/";
            List<Pending> column = new ArrayList<>();
            for (int t = 0; t < a.tests().size(); t++) {
                column.add(
                        new Pending(check(spec, m, a.metricColumn(), a.tests().get(t), null), p + t));
            }
            add(out, m, a.metricColumn(), column);
        }
        List<Pending> model = new ArrayList<>();
        Constraints k = m.constraints();
        if (!k.primaryKey().isEmpty()) {
            List<String> pk = new ArrayList<>(k.primaryKey());
            if (k.isScd2()
                    && k.effectiveAt() != null
                    && pk.stream().noneMatch(x -> x.equalsIgnoreCase(k.effectiveAt()))) {
                pk.add(k.effectiveAt());
            }
            model.add(new Pending(new TestCase.PrimaryKey(pk), m.pointer() + "/constraints/primary_key"));
        }
        List<String> keys = groupKeys(spec, m);
        if (!keys.isEmpty() && !sameColumns(keys, k.primaryKey())) {
            model.add(new Pending(
                    new TestCase.GroupKeyUnique(keys),
                    m.pointer() + (m.groupBy().isEmpty() ? "/column_mapping" : "/group_by")));
        }
        if (k.isScd2()) {
            model.add(new Pending(
                    new TestCase.Scd2OneCurrent(k.naturalKey(), k.currentFlag()), m.pointer() + "/constraints"));
            model.add(new Pending(
                    new TestCase.Scd2NoOverlap(k.naturalKey(), k.effectiveAt(), k.expiryAt(), k.currentFlag()),
                    m.pointer() + "/constraints"));
        }
        add(out, m, null, model);
        return out;
    }

    private record Pending(TestCase.Check check, String pointer) {}

    /** A test before its id is assigned: {@code name} is the id it gets unless another test has it too. */
    record Draft(String name, String model, String column, String description, String pointer, TestCase.Check check) {
        TestCase withId(String id) {
            return new TestCase(id, model, column, description, pointer, check);
        }
    }

    private static void add(List<Draft> out, Model m, String column, List<Pending> pending) {
        List<Pending> sorted = new ArrayList<>(pending);
        sorted.sort(Comparator.comparingInt(x -> KIND_ORDER.indexOf(x.check().kind())));
        for (Pending p : sorted) {
            String name = p.check().kind() + "__" + m.name() + (column == null ? "" : "__" + column);
            out.add(new Draft(name, m.name(), column, TestText.describe(column, p.check()), p.pointer(), p.check()));
        }
    }

    /** The group keys of an aggregate model: {@code group_by}, or the non-aggregated outputs of implicit grouping. */
    private static List<String> groupKeys(ValidatedSpec spec, Model m) {
        if (!m.groupBy().isEmpty()) {
            return m.groupBy();
        }
        ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
        if (plan.combine() != ModelPlan.Combine.SINGLE
                || !plan.branches().get(0).grouped()) {
            return List.of();
        }
        return plan.branches().get(0).select().stream()
                .filter(s -> !s.aggregate())
                .map(ModelPlan.SelectItem::name)
                .toList();
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        Set<String> x = a.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> y = b.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return x.equals(y);
    }

    private static TestCase.Check check(ValidatedSpec spec, Model m, String column, DataTest t, ColumnMapping mapping) {
        if (t instanceof DataTest.NotNull) {
            return new TestCase.NotNull(column);
        }
        if (t instanceof DataTest.Unique) {
            return new TestCase.Unique(column);
        }
        if (t instanceof DataTest.AcceptedValues av) {
            if (!av.values().isEmpty()) {
                return new TestCase.AcceptedValues(column, av.values());
            }
            return new TestCase.AcceptedValues(column, caseOutputs(mapping));
        }
        if (t instanceof DataTest.Relationships r) {
            return new TestCase.Relationships(column, SourceRef.parse(r.to()), r.field());
        }
        if (t instanceof DataTest.Expression e) {
            return new TestCase.Expression(e.sql());
        }
        throw new IllegalStateException("unknown test " + t);
    }

    /** The literal outputs of the column's CASE transform, typed by the column's type. */
    private static List<Literal> caseOutputs(ColumnMapping c) {
        if (c == null || c.transform() == null) {
            return List.of();
        }
        String from = c.fromTable() != null && c.fromColumn() != null
                ? "`" + c.fromTable() + "`.`" + c.fromColumn() + "`"
                : c.fromColumn() != null ? "`" + c.fromColumn() + "`" : null;
        ParsedFragment f;
        try {
            f = SqlFragments.parse(c.transform(), from);
        } catch (SqlFragmentException e) {
            return List.of();
        }
        boolean numeric = c.type() != null && NUMERIC.contains(SqlTypes.baseType(c.type()));
        List<Literal> out = new ArrayList<>();
        for (String v : new LinkedHashSet<>(f.caseLiteralOutputs())) {
            out.add(numeric && NUMBER.matcher(v).matches() ? Literal.number(v) : Literal.string(v));
        }
        return out;
    }
}
