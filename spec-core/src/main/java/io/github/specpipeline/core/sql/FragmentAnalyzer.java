package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import net.sf.jsqlparser.schema.MultiPartName;
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
 * <p>JSqlParser models several BigQuery words as columns: the date part of {@code DATE_DIFF(a, b, DAY)}, the
 * {@code WEEK(MONDAY)} form, and {@code "text"} (a string in BigQuery, a quoted name in standard SQL). Those are
 * recognised here by their position so they are not reported as columns.
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

    /** BigQuery date/time parts, as the last argument of the *_DIFF, *_TRUNC and LAST_DAY functions. */
    private static final Set<String> DATE_PARTS = Set.of(
            "NANOSECOND",
            "MICROSECOND",
            "MILLISECOND",
            "SECOND",
            "MINUTE",
            "HOUR",
            "DAY",
            "DAYOFWEEK",
            "DAYOFYEAR",
            "WEEK",
            "ISOWEEK",
            "MONTH",
            "QUARTER",
            "YEAR",
            "ISOYEAR",
            "DATE",
            "DATETIME",
            "TIME");

    /** {@code WEEK(<weekday>)} is a date part, not a call. */
    private static final Set<String> WEEK_PARTS = Set.of("WEEK", "ISOWEEK");

    /** Functions whose argument at the given index is a date part. */
    private static final Map<String, Integer> DATE_PART_ARGUMENT = Map.ofEntries(
            Map.entry("DATE_DIFF", 2),
            Map.entry("DATETIME_DIFF", 2),
            Map.entry("TIMESTAMP_DIFF", 2),
            Map.entry("TIME_DIFF", 2),
            Map.entry("DATE_TRUNC", 1),
            Map.entry("DATETIME_TRUNC", 1),
            Map.entry("TIMESTAMP_TRUNC", 1),
            Map.entry("TIME_TRUNC", 1),
            Map.entry("LAST_DAY", 1));

    /** The BigQuery array subscript operators of {@code arr[OFFSET(0)]}: syntax, not function calls. */
    private static final Set<String> SUBSCRIPTS = Set.of("OFFSET", "ORDINAL", "SAFE_OFFSET", "SAFE_ORDINAL");

    /** Niladic date/time functions JSqlParser may model as a column when written without parentheses. */
    private static final Set<String> NILADIC =
            Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_DATETIME", "CURRENT_TIMESTAMP");

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
        String name = column.getColumnName();
        boolean unqualified =
                column.getTable() == null || column.getTable().getNameParts().isEmpty();
        if (unqualified && name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return null; // BigQuery: "text" is a string literal
        }
        if (unqualified && !MultiPartName.isQuoted(name) && NILADIC.contains(SqlLiterals.upper(name))) {
            functions.add(SqlLiterals.upper(name));
            return null;
        }
        columns.putIfAbsent(new ColumnRef(qualifier(column), column.getUnquotedColumnName()), column);
        if (column.getArrayConstructor() != null) {
            visitSubscripts(column.getArrayConstructor(), context);
        }
        return null;
    }

    /** The table part of a column reference, unquoted; {@code a.b} for {@code a.b.c}. */
    private static String qualifier(Column column) {
        if (column.getTable() == null) {
            return null;
        }
        // name parts are stored innermost first (table, schema, catalog) and may hold nulls for "a..b"
        List<String> parts = new ArrayList<>();
        for (String part : column.getTable().getNameParts()) {
            if (part != null && !part.isEmpty()) {
                parts.add(0, MultiPartName.unquote(part));
            }
        }
        return parts.isEmpty() ? null : String.join(".", parts);
    }

    @Override
    public <S> Void visit(Function function, S context) {
        String name = functionName(function);
        functions.add(name);
        if (SqlFragments.isAggregateFunction(name)) {
            aggregate = true;
        }
        List<Expression> arguments = new ArrayList<>();
        if (function.getParameters() != null) {
            arguments.addAll(function.getParameters());
        }
        Integer datePart = DATE_PART_ARGUMENT.get(name.startsWith("SAFE.") ? name.substring(5) : name);
        for (int i = 0; i < arguments.size(); i++) {
            Expression argument = arguments.get(i);
            if (datePart != null && datePart == i && isDatePart(argument)) {
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
        if (index instanceof Function f && SUBSCRIPTS.contains(functionName(f)) && f.getParameters() != null) {
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
        functions.add(
                SqlLiterals.upper(timeKey.getStringValue()).replace("()", "").trim());
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

    /** Upper-case name with unquoted parts joined by dots: {@code SAFE.SUBSTR}, {@code HLL_COUNT.MERGE}. */
    static String functionName(Function function) {
        List<String> parts = function.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return SqlLiterals.upper(String.valueOf(function.getName()));
        }
        List<String> unquoted = new ArrayList<>();
        for (String part : parts) {
            unquoted.add(MultiPartName.unquote(part));
        }
        return SqlLiterals.upper(String.join(".", unquoted));
    }

    /** A date-part argument: an unquoted, unqualified date-part word, or {@code WEEK(<weekday>)}. */
    private static boolean isDatePart(Expression argument) {
        if (argument instanceof Column c) {
            return (c.getTable() == null || c.getTable().getNameParts().isEmpty())
                    && !MultiPartName.isQuoted(c.getColumnName())
                    && DATE_PARTS.contains(SqlLiterals.upper(c.getColumnName()));
        }
        return argument instanceof Function f
                && WEEK_PARTS.contains(functionName(f))
                && f.getParameters() != null
                && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof Column;
    }

    private static boolean isStar(Expression e) {
        return e instanceof AllColumns || e instanceof AllTableColumns;
    }
}
