package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.plan.IncrementalPlan;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlan.Branch;
import io.github.specpipeline.core.plan.ModelPlan.Combine;
import io.github.specpipeline.core.plan.ModelPlan.Expr;
import io.github.specpipeline.core.plan.ModelPlan.JoinStep;
import io.github.specpipeline.core.plan.ModelPlan.OutputColumn;
import io.github.specpipeline.core.plan.ModelPlan.SelectItem;
import io.github.specpipeline.core.plan.ModelPlan.Source;
import io.github.specpipeline.core.sql.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link ModelPlan} as one SQL query in a dialect: a CTE per source (with the filters that apply to
 * it), then the joined, filtered and grouped select; a model whose sources are aggregated apart gets a CTE per
 * branch and a final FULL OUTER JOIN on the group keys. The same text shape for every target.
 */
public final class SqlQueryWriter {
    private static final String INDENT = "    ";

    private final Dialect d;
    private final Function<Source, String> relation;
    private final Batch batch;

    private SqlQueryWriter(Dialect dialect, Function<Source, String> relation, Batch batch) {
        this.d = dialect;
        this.relation = relation;
        this.batch = batch;
    }

    /**
     * How an incremental model's batch predicate ({@link IncrementalPlan#predicate}) is written into its select.
     *
     * @param self  the stored table as the target names it ({@code {{ this }}}, {@code ${self()}}, a table name)
     * @param guard wraps the predicate's line ({@code WHERE ...} or {@code   AND ...}) in the target's "only on an
     *              incremental run" construct; the identity where the predicate itself covers the first run
     */
    public record Batch(String self, UnaryOperator<String> guard) {
        /** The predicate on every run: it selects every row while {@code self} is empty. */
        public static Batch always(String self) {
            return new Batch(self, UnaryOperator.identity());
        }
    }

    /**
     * The incremental model's batch: its select with the watermark predicate (the plain select for a model
     * without a watermark).
     */
    public static String batch(ModelPlan plan, Dialect dialect, Function<Source, String> relation, Batch batch) {
        return new SqlQueryWriter(dialect, relation, batch).write(plan);
    }

    /**
     * The model's query.
     *
     * @param relation the relation each source is read from, as it must appear after FROM
     */
    public static String select(ModelPlan plan, Dialect dialect, Function<Source, String> relation) {
        return new SqlQueryWriter(dialect, relation, null).write(plan);
    }

    /**
     * The model's SELECT over the relations a unit test or a test run gives its sources, keyed by each source as
     * written in {@code sources}.
     *
     * @throws IllegalArgumentException when a source has no relation
     */
    public static String select(ModelPlan plan, Dialect dialect, Map<String, String> inputs) {
        return select(plan, dialect, s -> {
            String relation = inputs.get(s.ref().text());
            if (relation == null) {
                throw new IllegalArgumentException("no input relation for source '"
                        + s.ref().text() + "' of " + plan.model().name());
            }
            return relation;
        });
    }

    private String write(ModelPlan plan) {
        watermark = batch == null || plan.incremental() == null ? null : plan.incremental();
        if (watermark != null && watermark.watermark() == null) {
            watermark = null;
        }
        List<String> ctes = new ArrayList<>();
        for (Source s : plan.sources()) {
            StringBuilder cte = new StringBuilder();
            cte.append(q(s.alias())).append(" AS (\n");
            cte.append(INDENT).append("SELECT *\n");
            cte.append(INDENT)
                    .append("FROM ")
                    .append(s.union() == null ? relation.apply(s) : union(s.union()))
                    .append(" AS ")
                    .append(q(s.alias()))
                    .append('\n');
            appendWhere(cte, s.filters(), INDENT);
            appendQualify(cte, s.qualify(), !s.filters().isEmpty(), INDENT);
            cte.append(')');
            ctes.add(cte.toString());
        }
        String main;
        if (plan.combine() == Combine.SINGLE) {
            main = branchSelect(plan.branches().get(0), "");
        } else {
            for (Branch b : plan.branches()) {
                ctes.add(q(b.name()) + " AS (\n" + branchSelect(b, INDENT) + ")");
            }
            main = combine(plan);
        }
        StringBuilder sb = new StringBuilder();
        if (!ctes.isEmpty()) {
            sb.append("WITH\n").append(String.join(",\n", ctes)).append('\n');
        }
        return sb.append(main).toString();
    }

    private IncrementalPlan watermark;

    /**
     * A union as a subquery: one SELECT per member naming the union's columns in one order (so columns in another
     * order in a member cannot shift values), each cast where the member's type is widened, and the source column as
     * the member's text in the spec; the SELECTs joined by UNION ALL.
     */
    private String union(ModelPlan.UnionPlan u) {
        String inner = INDENT + INDENT;
        StringBuilder sb = new StringBuilder("(\n");
        for (int i = 0; i < u.members().size(); i++) {
            Source member = u.members().get(i);
            if (i > 0) {
                sb.append(inner).append("UNION ALL\n");
            }
            List<String> items = new ArrayList<>();
            for (int c = 0; c < u.columns().size(); c++) {
                String name = q(u.columns().get(c).name());
                String cast = u.casts().get(i).get(c);
                String type = cast == null ? null : d.type(cast).orElse(null);
                items.add(type == null ? name : "CAST(" + name + " AS " + type + ") AS " + name);
            }
            if (u.sourceColumn() != null) {
                items.add(d.string(member.ref().text()) + " AS " + q(u.sourceColumn()));
            }
            sb.append(inner).append("SELECT ").append(String.join(", ", items)).append('\n');
            sb.append(inner).append("FROM ").append(relation.apply(member)).append('\n');
        }
        return sb.append(INDENT).append(')').toString();
    }

    private String branchSelect(Branch b, String indent) {
        StringBuilder sb = new StringBuilder();
        sb.append(indent).append("SELECT\n");
        List<String> items = new ArrayList<>();
        for (SelectItem item : b.select()) {
            items.add(indent + INDENT + selectItem(item));
        }
        sb.append(String.join(",\n", items)).append('\n');
        if (b.from() != null) {
            sb.append(indent).append("FROM ").append(q(b.from())).append('\n');
        }
        for (JoinStep j : b.joins()) {
            sb.append(indent).append(j.type().sql()).append(' ').append(q(j.table()));
            if (j.type() != JoinType.CROSS && j.condition() != null) {
                sb.append(" ON ").append(j.condition().sql(d));
            }
            sb.append('\n');
        }
        appendWhere(sb, b.where(), indent);
        if (watermark != null) {
            String column = watermark.watermark().column();
            SelectItem item = b.select().stream()
                    .filter(i -> i.name().equalsIgnoreCase(column))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("watermark " + column + " is not selected"));
            String predicate = watermark.predicate(d, value(item), batch.self());
            sb.append(batch.guard().apply(indent + (b.where().isEmpty() ? "WHERE " : "  AND ") + predicate))
                    .append('\n');
        }
        if (!b.groupBy().isEmpty()) {
            List<String> groups = new ArrayList<>();
            for (Expr e : b.groupBy()) {
                groups.add(e.sql(d));
            }
            sb.append(indent)
                    .append("GROUP BY ")
                    .append(String.join(", ", groups))
                    .append('\n');
        }
        appendClause(sb, "HAVING", b.having(), indent);
        appendQualify(
                sb,
                b.qualify(),
                !b.where().isEmpty() || !b.groupBy().isEmpty() || !b.having().isEmpty(),
                indent);
        return sb.toString();
    }

    /** {@code expr AS name}, with a cast to the declared type where the expression does not have it. */
    String selectItem(SelectItem item) {
        return value(item) + " AS " + q(item.name());
    }

    /** The item's value: its expression, cast to the declared type where the expression does not have it. */
    private String value(SelectItem item) {
        String sql = item.expr().sql(d);
        if (item.castType() != null) {
            String type = d.type(item.castType()).orElse(null);
            if (type != null) {
                sql = "CAST(" + sql + " AS " + type + ")";
            }
        }
        return sql;
    }

    private void appendWhere(StringBuilder sb, List<Expr> predicates, String indent) {
        appendClause(sb, "WHERE", predicates, indent);
    }

    /**
     * {@code QUALIFY}, the same in BigQuery, DuckDB and Spark SQL (seen on pyspark 4.3). BigQuery (and GoogleSQL)
     * take it only beside a WHERE, GROUP BY or HAVING clause, so a {@code WHERE TRUE} comes first where the query
     * has none; every dialect gets it, for one text shape.
     */
    private void appendQualify(StringBuilder sb, List<Expr> predicates, boolean hasClause, String indent) {
        if (!predicates.isEmpty() && !hasClause) {
            sb.append(indent).append("WHERE TRUE\n");
        }
        appendClause(sb, "QUALIFY", predicates, indent);
    }

    /** {@code WHERE}, {@code HAVING} or {@code QUALIFY} with the predicates ANDed. */
    private void appendClause(StringBuilder sb, String keyword, List<Expr> predicates, String indent) {
        String continuation = " ".repeat(keyword.length() - 3) + "AND ";
        for (int i = 0; i < predicates.size(); i++) {
            String p = predicates.get(i).sql(d);
            String text = predicates.size() == 1 ? p : "(" + p + ")";
            sb.append(indent)
                    .append(i == 0 ? keyword + " " : continuation)
                    .append(text)
                    .append('\n');
        }
    }

    private String combine(ModelPlan plan) {
        List<Branch> branches = plan.branches();
        List<String> keys = plan.model().groupBy();
        StringBuilder sb = new StringBuilder("SELECT\n");
        List<String> items = new ArrayList<>();
        for (OutputColumn c : plan.outputs()) {
            if (c.branch() < 0) {
                List<String> parts = new ArrayList<>();
                for (Branch b : branches) {
                    parts.add(q(b.name()) + "." + q(c.name()));
                }
                items.add(INDENT + "COALESCE(" + String.join(", ", parts) + ") AS " + q(c.name()));
            } else {
                String ref = q(branches.get(c.branch()).name()) + "." + q(c.name());
                items.add(INDENT + (c.emptyValue() == null ? ref : "COALESCE(" + ref + ", " + c.emptyValue() + ")")
                        + " AS " + q(c.name()));
            }
        }
        sb.append(String.join(",\n", items)).append('\n');
        sb.append("FROM ").append(q(branches.get(0).name())).append('\n');
        for (int i = 1; i < branches.size(); i++) {
            String name = q(branches.get(i).name());
            if (plan.combine() == Combine.CROSS) {
                sb.append("CROSS JOIN ").append(name).append('\n');
                continue;
            }
            List<String> conditions = new ArrayList<>();
            for (String key : keys) {
                List<String> earlier = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    earlier.add(q(branches.get(j).name()) + "." + q(key));
                }
                String left = earlier.size() == 1 ? earlier.get(0) : "COALESCE(" + String.join(", ", earlier) + ")";
                conditions.add(left + " = " + name + "." + q(key));
            }
            sb.append("FULL OUTER JOIN ")
                    .append(name)
                    .append(" ON ")
                    .append(String.join(" AND ", conditions))
                    .append('\n');
        }
        return sb.toString();
    }

    private String q(String identifier) {
        return d.quote(identifier);
    }
}
