package io.github.specpipeline.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.bench.SyntheticSpecs;
import io.github.specpipeline.core.generate.GenerateGoldenTest;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.ModelPlan.Branch;
import io.github.specpipeline.core.plan.ModelPlan.Expr;
import io.github.specpipeline.core.plan.ModelPlan.JoinStep;
import io.github.specpipeline.core.plan.ModelPlan.SelectItem;
import io.github.specpipeline.core.plan.ModelPlan.Source;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.ParsedFragment;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner builds plain column references and {@code {from}} transforms from shared templates (parsed once, the
 * placeholder bound by a {@link ModelPlanner.FromScope}) instead of parsing each with its column written in. The
 * result must be indistinguishable: the same SQL in every dialect, the same types, casts, columns and problems.
 */
class ModelPlannerTemplateTest {

    /** Transforms of every shape a {@code {from}} can take, including ones a template must refuse. */
    private static final List<String> TRANSFORMS = List.of(
            "{from}",
            "({from})",
            "UPPER(TRIM({from}))",
            "TIMESTAMP_TRUNC({from}, DAY)",
            "DATE_TRUNC({from}, MONTH)",
            "DATE_DIFF({from}, DATE '2020-01-01', DAY)",
            "EXTRACT(YEAR FROM {from})",
            "CAST({from} AS STRING)",
            "SAFE_CAST({from} AS INT64)",
            "CASE WHEN {from} IS NULL THEN 'unknown' WHEN LENGTH({from}) > 20 THEN 'long' ELSE 'short' END",
            "CASE {from} WHEN 1 THEN 'a' ELSE 'b' END",
            "IF({from} > 0, {from}, NULL)",
            "COALESCE({from}, 0) * 100 / 3",
            "{from} IN (1, 2, 3)",
            "{from} BETWEEN 1 AND 10",
            "{from} || '-' || {from}",
            "-{from}",
            "NOT {from}",
            "{from} IS NOT NULL AND {from} <> ''",
            "{from} LIKE 'a%'",
            "CONCAT({from}, 'x')",
            "REGEXP_REPLACE({from}, r'\\d', '#')",
            "ROUND(SAFE_DIVIDE({from}, 100), 2)",
            "SUM({from})",
            "COUNT(DISTINCT {from})",
            "{from}[OFFSET(0)]",
            "{from} -- a comment {from}\n + 1",
            "'{from}' || {from}",
            "DATE_ADD({from}, INTERVAL 1 DAY)",
            "GREATEST({from}, 0)",
            "ARRAY_LENGTH({from})",
            // a {from} that is not a whole column: the template must not be used
            "{from}.field",
            "x.{from}",
            "{from}{from}",
            // not all placeholders are reached by the tree walk (the window clause): refused, parsed per column
            "SUM({from}) OVER (PARTITION BY {from} ORDER BY {from} DESC)",
            // spelling the placeholder column itself
            "{from} + __spec_pipeline_from__.__spec_pipeline_from__",
            // not valid
            "{from} +",
            "");

    private static final List<ColumnRef> COLUMNS = List.of(
            new ColumnRef("orders", "amount"),
            new ColumnRef("raw_orders", "order_date"),
            new ColumnRef(null, "status"),
            new ColumnRef("t", "select"));

    /** A scope that renders columns in its own way and knows some types, to catch a binding that bypasses it. */
    private static final RenderScope BASE = new RenderScope() {
        @Override
        public String column(ColumnRef ref, Dialect dialect) {
            return "<" + (ref.qualifier() == null ? "" : ref.qualifier() + "|") + ref.column() + "@" + dialect + ">";
        }

        @Override
        public String typeOf(ColumnRef ref) {
            return switch (ref.column()) {
                case "amount" -> "NUMERIC";
                case "order_date" -> "DATE";
                case "status" -> "STRING";
                default -> null;
            };
        }
    };

    @Test
    void aTemplateBoundToAColumnRendersLikeTheColumnWrittenIn() {
        int templated = 0;
        for (String text : TRANSFORMS) {
            Optional<ParsedFragment> template = SqlFragments.fromTemplate(text);
            for (ColumnRef column : COLUMNS) {
                String written = ModelPlanner.quotedRef(column);
                ParsedFragment parsed;
                try {
                    parsed = SqlFragments.parse(text, written);
                } catch (SqlFragmentException e) {
                    assertThat(template).as(text).isEmpty();
                    continue;
                }
                if (template.isEmpty()) {
                    continue;
                }
                templated++;
                Expr reference = new Expr(parsed.expression(), BASE);
                Expr bound = new Expr(template.get().expression(), new ModelPlanner.FromScope(BASE, column));
                assertThat(describe(bound)).as(text + " with " + column).isEqualTo(describe(reference));
            }
        }
        assertThat(templated).isEqualTo(31 * COLUMNS.size()); // all but the last 7 of TRANSFORMS
    }

    @Test
    void aTemplateIsOnlyGivenWhenEveryFromIsAWholeColumn() {
        assertThat(SqlFragments.fromTemplate("{from}.field")).isEmpty();
        assertThat(SqlFragments.fromTemplate("x.{from}")).isEmpty();
        assertThat(SqlFragments.fromTemplate("{from}{from}")).isEmpty();
        assertThat(SqlFragments.fromTemplate("SUM({from}) OVER (PARTITION BY {from} ORDER BY {from} DESC)"))
                .isEmpty();
        assertThat(SqlFragments.fromTemplate("{from} + __spec_pipeline_from__.__spec_pipeline_from__"))
                .isEmpty();
        assertThat(SqlFragments.fromTemplate("{from} +")).isEmpty();
        assertThat(SqlFragments.fromTemplate("UPPER(x)")).isEmpty();
        assertThat(SqlFragments.fromTemplate("'{from}'")).isEmpty();
        assertThat(SqlFragments.fromTemplate("UPPER({from})"))
                .get()
                .satisfies(t -> assertThat(t.columns()).containsExactly(SqlFragments.FROM_COLUMN));
        // parsed once: every caller gets the same tree
        assertThat(SqlFragments.fromTemplate("UPPER({from})").get().expression())
                .isSameAs(SqlFragments.fromTemplate("UPPER({from})").get().expression());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shop-analytics", "hostile"})
    void plansOfTheGoldenSpecsAreTheSameWithAndWithoutTemplates(String name) {
        Path dir = GenerateGoldenTest.ROOT.resolve(name);
        Path ddl = dir.resolve("source_ddl");
        assertSamePlans(load(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir));
    }

    @Test
    void plansOfASyntheticSpecAreTheSameWithAndWithoutTemplates(@TempDir Path dir) throws IOException {
        Path spec = SyntheticSpecs.generate(60, 7L).writeTo(dir);
        assertSamePlans(load(spec, dir.resolve("source_ddl"), dir));
    }

    private static ValidatedSpec load(Path spec, Path ddl, Path dir) {
        SpecLoader.Result r = SpecLoader.load(new SpecInput(spec, ddl, dir));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return r.spec().orElseThrow();
    }

    private static void assertSamePlans(ValidatedSpec spec) {
        int models = 0;
        for (Model m : spec.graph().order()) {
            ModelPlanner.Result templated = ModelPlanner.plan(spec, m, true);
            ModelPlanner.Result parsed = ModelPlanner.plan(spec, m, false);
            assertThat(templated.problems()).as(m.name()).isEqualTo(parsed.problems());
            assertThat(describe(templated.plan())).as(m.name()).isEqualTo(describe(parsed.plan()));
            models++;
        }
        assertThat(models).isPositive();
    }

    /** Everything a generator can learn from a plan. */
    private static String describe(ModelPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(plan.combine())
                .append('\n')
                .append(plan.outputs())
                .append('\n')
                .append(plan.scd2())
                .append('\n');
        for (Source s : plan.sources()) {
            sb.append("source ")
                    .append(s.alias())
                    .append(' ')
                    .append(s.model())
                    .append(' ')
                    .append(s.columns())
                    .append('\n');
            s.filters().forEach(f -> sb.append("  filter ").append(describe(f)).append('\n'));
        }
        for (Branch b : plan.branches()) {
            sb.append("branch ")
                    .append(b.name())
                    .append(" from ")
                    .append(b.from())
                    .append(" grouped ")
                    .append(b.grouped())
                    .append('\n');
            for (JoinStep j : b.joins()) {
                sb.append("  join ")
                        .append(j.type())
                        .append(' ')
                        .append(j.table())
                        .append(' ')
                        .append(j.condition() == null ? "-" : describe(j.condition()))
                        .append('\n');
            }
            b.where().forEach(w -> sb.append("  where ").append(describe(w)).append('\n'));
            for (SelectItem s : b.select()) {
                sb.append("  select ")
                        .append(s.name())
                        .append(" cast ")
                        .append(s.castType())
                        .append(" aggregate ")
                        .append(s.aggregate())
                        .append(' ')
                        .append(describe(s.expr()))
                        .append('\n');
            }
            b.groupBy().forEach(g -> sb.append("  group ").append(describe(g)).append('\n'));
        }
        return sb.toString();
    }

    /** The SQL and problems in every dialect, the inferred type, the cast to each type, the columns read. */
    private static String describe(Expr e) {
        List<String> out = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            SqlRenderer.Rendering r = e.render(d);
            out.add(d + ": " + r.sql() + " "
                    + r.problems().stream().map(p -> p.describe()).toList());
        }
        out.add("type " + SqlRenderer.typeOf(e.tree(), e.scope()));
        for (String type : List.of("STRING", "NUMERIC", "DATE", "INT64", "BOOL")) {
            out.add(type + " cast " + ModelPlanner.castType(type, e, e.scope()));
        }
        out.add("columns " + ModelPlanner.columnRefs(e));
        out.add("bare " + ModelPlanner.bareColumns(e.tree()).size());
        return String.join(" | ", out);
    }
}
