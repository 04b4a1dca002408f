package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import io.github.specpipeline.core.sql.FilterStage;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import io.github.specpipeline.core.validate.Column;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;

/**
 * A small relational plan of one model, decided once from the spec and rendered by every target (DuckDB SQL,
 * BigQuery SQL for dbt and Dataform, PySpark). The semantics live here: one relation per source with its own
 * filters, joins in spec order, row filters on the joined rows, the select list and the grouping. Each filter is
 * placed at the stage of SQL's logical order its predicate needs ({@link FilterStage}): plain predicates in WHERE,
 * aggregates in HAVING after the grouping, window functions in QUALIFY after the windows.
 *
 * @param model       the model
 * @param sources     one per source, in spec order; each is read once and filtered by the filters that apply to it
 * @param branches    the connected groups of sources; one unless several sources have no join between them
 * @param combine     how several branches become the model's rows
 * @param outputs     the model's output columns in order
 * @param scd2        set for an SCD type 2 model: the select gives the rows as of now, history is kept around it
 * @param incremental set for an incremental model that is not SCD2: how a run's rows are merged
 * @param layout      the partitioning and clustering the spec asks for
 */
public record ModelPlan(
        Model model,
        List<Source> sources,
        List<Branch> branches,
        Combine combine,
        List<OutputColumn> outputs,
        Scd2Plan scd2,
        IncrementalPlan incremental,
        TableLayout layout) {

    public ModelPlan {
        sources = List.copyOf(sources);
        branches = List.copyOf(branches);
        outputs = List.copyOf(outputs);
    }

    /** How branches are combined. */
    public enum Combine {
        /** One branch: its select is the model's select. */
        SINGLE,
        /** Each branch is aggregated by the group keys; the results are FULL OUTER JOINed on the keys. */
        FULL_JOIN_ON_KEYS,
        /** Branches without group keys are cross-joined (validation warns: SP401). */
        CROSS
    }

    /** An SQL fragment of the spec, parsed, with how its columns are written where it is used. */
    public record Expr(Expression tree, RenderScope scope) {
        public SqlRenderer.Rendering render(Dialect dialect) {
            return SqlRenderer.render(tree, dialect, scope);
        }

        /** The SQL for {@code dialect}; generation only runs on specs whose fragments translate. */
        public String sql(Dialect dialect) {
            SqlRenderer.Rendering r = render(dialect);
            if (!r.ok()) {
                throw new IllegalStateException(r.problems().get(0).describe());
            }
            return r.sql();
        }
    }

    /**
     * A source of the model.
     *
     * @param alias   the name the model's fragments use for it (the table or model name)
     * @param ref     as written in {@code sources}
     * @param model   whether it is another model (else a raw table)
     * @param filters predicates applied to this source alone, before any join
     * @param qualify window predicates on this source alone: the windows are computed over the source's rows that
     *                pass {@code filters}, before any join
     * @param columns its columns when known, else null
     * @param union   set when the source is the model's union: its rows are its members' appended by name
     */
    public record Source(
            String alias,
            SourceRef ref,
            boolean model,
            List<Expr> filters,
            List<Expr> qualify,
            List<Column> columns,
            UnionPlan union) {
        public Source {
            filters = List.copyOf(filters);
            qualify = List.copyOf(qualify);
            columns = columns == null ? null : List.copyOf(columns);
        }

        /** A source that is one table or model. */
        public Source(
                String alias,
                SourceRef ref,
                boolean model,
                List<Expr> filters,
                List<Expr> qualify,
                List<Column> columns) {
            this(alias, ref, model, filters, qualify, columns, null);
        }

        /** The same source with {@code filters} and {@code qualify}. */
        Source filtered(List<Expr> filters, List<Expr> qualify) {
            return new Source(alias, ref, model, filters, qualify, columns, union);
        }
    }

    /**
     * The union a model reads as its primary source ({@code UNION ALL} by name): each member selected with the
     * union's columns named in one order, so a member whose columns are in another order cannot shift values.
     *
     * @param members      the members in spec order, each a source of its own (no filters; the union's filters apply
     *                     to the unioned rows)
     * @param columns      the union's columns in order (the first member's), without the source column
     * @param casts        per member, per column: the BigQuery type the member's value is cast to (a widening, as
     *                     BigQuery's UNION would apply it, written out so every engine applies it), or null
     * @param sourceColumn the column holding each row's member as written in the spec, or null
     */
    public record UnionPlan(List<Source> members, List<Column> columns, List<List<String>> casts, String sourceColumn) {
        public UnionPlan {
            members = List.copyOf(members);
            columns = List.copyOf(columns);
            casts = casts.stream()
                    .map(c -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(c)))
                    .toList();
        }
    }

    /** A join step: {@code <type> JOIN <table> ON <condition>} ({@code condition} is null for CROSS). */
    public record JoinStep(JoinType type, String table, Expr condition) {}

    /**
     * One item of a select list.
     *
     * @param name      the output column
     * @param expr      its expression
     * @param castType  the BigQuery type to cast to (the declared type), or null when the expression already has it
     * @param aggregate whether it contains an aggregate function
     */
    public record SelectItem(String name, Expr expr, String castType, boolean aggregate) {}

    /**
     * A connected group of sources and what is selected from it.
     *
     * @param name    the CTE name of the branch when there are several branches, else null
     * @param from    the first source
     * @param joins   the joins in spec order
     * @param where   row filters on the joined rows, before grouping
     * @param having  filters with an aggregate, on the groups (only in a grouped branch)
     * @param qualify filters with a window function, after the windows (only in a branch that does not group)
     * @param select  the select list
     * @param groupBy the grouping expressions; empty without grouping
     * @param grouped whether the branch aggregates (a select of only aggregates has no GROUP BY but is grouped)
     */
    public record Branch(
            String name,
            String from,
            List<JoinStep> joins,
            List<Expr> where,
            List<Expr> having,
            List<Expr> qualify,
            List<SelectItem> select,
            List<Expr> groupBy,
            boolean grouped) {
        public Branch {
            joins = List.copyOf(joins);
            where = List.copyOf(where);
            having = List.copyOf(having);
            qualify = List.copyOf(qualify);
            select = List.copyOf(select);
            groupBy = List.copyOf(groupBy);
        }
    }

    /**
     * An output column of the model.
     *
     * @param name       the column
     * @param type       its BigQuery type, or null when unknown
     * @param branch     for a combined model: the index of the branch it comes from, or -1 for a group key
     * @param emptyValue for a combined model: the SQL literal the column takes for a key its branch has no rows
     *                   for ({@code 0} for a count), or null for NULL
     */
    public record OutputColumn(String name, String type, int branch, String emptyValue) {}

    /** The names of the columns the select produces (without the SCD2 validity columns). */
    public List<String> selectColumns() {
        return outputs.stream()
                .map(OutputColumn::name)
                .filter(n -> scd2 == null
                        || !(n.equalsIgnoreCase(scd2.effectiveAt())
                                || n.equalsIgnoreCase(scd2.expiryAt())
                                || n.equalsIgnoreCase(scd2.currentFlag())))
                .toList();
    }

    public Source source(String alias) {
        return sources.stream()
                .filter(s -> s.alias().equals(alias))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source " + alias));
    }
}
