package io.github.specpipeline.core.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.WindowRange;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FunctionAllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Walks a parsed fragment and collects what the validator needs: the columns it reads, the functions it
 * calls, whether it aggregates. Rejects what a spec fragment must not contain (subqueries, a bare {@code *}).
 *
 * <p>JSqlParser models several BigQuery words as columns (date parts, {@code "text"}, a bare
 * {@code CURRENT_DATE}); {@link BigQuerySyntax} tells them apart so they are not reported as columns.
 */
final class FragmentAnalyzer extends ExpressionVisitorAdapter<Void> {

    /** A construct a spec fragment must not contain; {@code node} locates it. */
    static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Object node;

        Rejection(String message, Object node) {
            super(message, null, false, false);
            this.node = node;
        }
    }

    private static final String STAR_MESSAGE =
            "'*' is only allowed as the single argument of a function, as in COUNT(*)";

    private final Map<ColumnRef, Column> columns = new LinkedHashMap<>();
    private final SortedSet<String> functions = new TreeSet<>();
    private boolean aggregate;

    static FragmentAnalyzer analyze(Expression expression) {
        FragmentAnalyzer analyzer = new FragmentAnalyzer();
        expression.accept(analyzer, null);
        return analyzer;
    }

    /** Distinct columns in order of first appearance, each with the node of that first appearance. */
    Map<ColumnRef, Column> columns() {
        return columns;
    }

    SortedSet<String> functions() {
        return functions;
    }

    boolean containsAggregate() {
        return aggregate;
    }

    @Override
    public <S> Void visit(Column column, S context) {
        if (BigQuerySyntax.isDoubleQuotedString(column)) {
            return null; // BigQuery: "text" is a string literal
        }
        Optional<String> niladic = BigQuerySyntax.niladic(column);
        if (niladic.isPresent()) {
            functions.add(niladic.get());
            return null;
        }
        columns.putIfAbsent(BigQuerySyntax.refOf(column), column);
        if (column.getArrayConstructor() != null) {
            visitSubscripts(column.getArrayConstructor(), context);
        }
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        String name = BigQuerySyntax.functionName(function);
        functions.add(name);
        if (SqlFragments.isAggregateFunction(name)) {
            aggregate = true;
        }
        List<Expression> arguments = BigQuerySyntax.arguments(function);
        for (int i = 0; i < arguments.size(); i++) {
            Expression argument = arguments.get(i);
            if (BigQuerySyntax.isDatePartArgument(function, i)) {
                continue;
            }
            if (isStar(argument) && arguments.size() == 1) {
                continue; // COUNT(*)
            }
            argument.accept(this, context);
        }
        if (function.getNamedParameters() != null) {
            for (Expression e : function.getNamedParameters()) {
                e.accept(this, context);
            }
        }
        if (function.getKeep() != null) {
            function.getKeep().accept(this, context);
        }
        visitOrderBy(function.getOrderByElements(), context);
        if (function.getHavingClause() != null && function.getHavingClause().getExpression() != null) {
            function.getHavingClause().getExpression().accept(this, context); // ANY_VALUE(x HAVING MAX y)
        }
        return null;
    }

    @Override
    public <S> Void visit(AnalyticExpression analytic, S context) {
        String name = SqlLiterals.upper(analytic.getName());
        functions.add(name);
        // With OVER (...) the call is a window function, evaluated per row; FILTER / WITHIN GROUP alone still
        // aggregate.
        AnalyticType type = analytic.getType();
        if ((type == AnalyticType.FILTER_ONLY || type == AnalyticType.WITHIN_GROUP)
                && SqlFragments.isAggregateFunction(name)) {
            aggregate = true;
        }
        if (analytic.getExpression() != null && !isStar(analytic.getExpression())) {
            analytic.getExpression().accept(this, context);
        }
        for (Expression e : new Expression[] {
            analytic.getOffset(), analytic.getDefaultValue(), analytic.getKeep(), analytic.getFilterExpression()
        }) {
            if (e != null) {
                e.accept(this, context);
            }
        }
        if (analytic.getPartitionExpressionList() != null) {
            for (Expression e : analytic.getPartitionExpressionList()) {
                e.accept(this, context);
            }
        }
        visitOrderBy(analytic.getOrderByElements(), context);
        visitOrderBy(analytic.getFuncOrderBy(), context);
        WindowElement window = analytic.getWindowElement();
        if (window != null) {
            WindowRange range = window.getRange();
            for (WindowOffset offset : new WindowOffset[] {
                range == null ? null : range.getStart(), range == null ? null : range.getEnd(), window.getOffset()
            }) {
                if (offset != null && offset.getExpression() != null) {
                    offset.getExpression().accept(this, context);
                }
            }
        }
        return null;
    }

    @Override
    public <S> Void visit(ArrayExpression array, S context) {
        array.getObjExpression().accept(this, context);
        for (Expression index : new Expression[] {
            array.getIndexExpression(), array.getStartIndexExpression(), array.getStopIndexExpression()
        }) {
            if (index != null) {
                visitSubscript(index, context);
            }
        }
        return null;
    }

    private <S> void visitSubscripts(ArrayConstructor subscripts, S context) {
        if (subscripts.getExpressions() != null) {
            for (Expression index : subscripts.getExpressions()) {
                visitSubscript(index, context);
            }
        }
    }

    /** {@code [OFFSET(i)]}: visit {@code i} without recording OFFSET as a function. */
    private <S> void visitSubscript(Expression index, S context) {
        if (index instanceof Function f && BigQuerySyntax.isSubscript(f) && f.getParameters() != null) {
            for (Expression e : f.getParameters()) {
                e.accept(this, context);
            }
        } else {
            index.accept(this, context);
        }
    }

    @Override
    public <S> Void visit(CastExpression cast, S context) {
        if (cast.keyword != null) {
            functions.add(SqlLiterals.upper(cast.keyword)); // CAST, SAFE_CAST; null for DATE '...' and x::T
        }
        return cast.getLeftExpression().accept(this, context);
    }

    @Override
    public <S> Void visit(TrimFunction trim, S context) {
        functions.add("TRIM");
        if (trim.getExpression() != null) {
            trim.getExpression().accept(this, context);
        }
        if (trim.getFromExpression() != null) {
            trim.getFromExpression().accept(this, context);
        }
        return null;
    }

    @Override
    public <S> Void visit(ExtractExpression extract, S context) {
        functions.add("EXTRACT");
        return extract.getExpression().accept(this, context);
    }

    @Override
    public <S> Void visit(TimeKeyExpression timeKey, S context) {
        functions.add(BigQuerySyntax.niladic(timeKey));
        return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
        throw new Rejection("subqueries are not allowed in a spec fragment", select);
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        throw new Rejection("subqueries are not allowed in a spec fragment", select);
    }

    @Override
    public <S> Void visit(FromQuery fromQuery, S context) {
        throw new Rejection("subqueries are not allowed in a spec fragment", fromQuery);
    }

    @Override
    public <S> Void visit(AllColumns allColumns, S context) {
        throw new Rejection(STAR_MESSAGE, allColumns);
    }

    @Override
    public <S> Void visit(AllTableColumns allTableColumns, S context) {
        throw new Rejection(STAR_MESSAGE, allTableColumns);
    }

    @Override
    public <S> Void visit(FunctionAllColumns functionAllColumns, S context) {
        throw new Rejection(STAR_MESSAGE, functionAllColumns);
    }

    private <S> void visitOrderBy(List<OrderByElement> elements, S context) {
        if (elements != null) {
            for (OrderByElement element : elements) {
                element.getExpression().accept(this, context);
            }
        }
    }

    private static boolean isStar(Expression e) {
        return e instanceof AllColumns || e instanceof AllTableColumns;
    }
}
