package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlTypes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.MultiPartName;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * Renders a parsed BigQuery expression in a {@link Dialect} by walking its tree. Only the node types listed here
 * are rendered; any other syntax, and any function without a known translation, is reported as
 * {@link Untranslatable} rather than guessed at. BigQuery output keeps the expression's meaning as written.
 *
 * <p>Semantics that differ between engines are translated, not renamed: BigQuery's {@code CONCAT} is NULL when an
 * argument is NULL (DuckDB's skips NULLs), {@code REGEXP_REPLACE} replaces every match, {@code REGEXP_EXTRACT}
 * returns its capture group and NULL when nothing matches, {@code SAFE_DIVIDE} is NULL for a zero divisor,
 * {@code DATE_DIFF} takes its arguments in the other order in DuckDB, {@code GREATEST}/{@code LEAST} are NULL when
 * an argument is NULL, window {@code ORDER BY} puts NULLs first when ascending.
 */
public final class SqlRenderer {

    /** The result: SQL text and what could not be translated (the SQL is unusable when that is not empty). */
    public record Rendering(String sql, List<Untranslatable> problems) {
        public Rendering {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final Set<String> SAME_NAME = Set.of(
            "ABS",
            "ACOS",
            "ASIN",
            "ATAN",
            "ATAN2",
            "CEIL",
            "CEILING",
            "COS",
            "COSH",
            "EXP",
            "FLOOR",
            "SQRT",
            "POWER",
            "POW",
            "SIGN",
            "SIN",
            "SINH",
            "TAN",
            "TANH",
            "LOG10",
            "LOWER",
            "UPPER",
            "LENGTH",
            "CHAR_LENGTH",
            "CHARACTER_LENGTH",
            "REPLACE",
            "REVERSE",
            "SUBSTR",
            "SUBSTRING",
            "LEFT",
            "RIGHT",
            "COALESCE",
            "NULLIF",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "STDDEV",
            "STDDEV_SAMP",
            "STDDEV_POP",
            "VARIANCE",
            "VAR_SAMP",
            "VAR_POP",
            "APPROX_COUNT_DISTINCT",
            "ANY_VALUE",
            "LAST_DAY",
            "MOD",
            "ROUND",
            "COUNT");

    private static final Set<String> WINDOW_FUNCTIONS = Set.of(
            "ROW_NUMBER",
            "RANK",
            "DENSE_RANK",
            "PERCENT_RANK",
            "CUME_DIST",
            "NTILE",
            "LAG",
            "LEAD",
            "FIRST_VALUE",
            "LAST_VALUE",
            "NTH_VALUE",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "COUNT",
            "COUNTIF",
            "LOGICAL_AND",
            "LOGICAL_OR");

    private static final Map<String, String> RENAMED_AGGREGATES =
            Map.of("COUNTIF", "count_if", "LOGICAL_AND", "bool_and", "LOGICAL_OR", "bool_or");

    private static final Set<String> DATE_PARTS_FOR_DATES = Set.of("DAY", "ISOWEEK", "MONTH", "QUARTER", "YEAR");
    private static final Set<String> TIME_PARTS =
            Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY");
    private static final Set<String> NILADIC =
            Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_DATETIME", "CURRENT_TIMESTAMP");

    private final Dialect d;
    private final RenderScope scope;
    private final List<Untranslatable> problems = new ArrayList<>();
    private int[] lastPosition = {1, 1};
    /**
     * The type of each node already inferred ({@link #UNKNOWN} for null): {@code COALESCE}, {@code IF} and the
     * arithmetic read an argument's type more than once, which without this is exponential in the nesting
     * (25 nested COALESCE took over 40 s); with it, a tree is typed in one pass. Keyed by identity: equal-looking
     * subtrees in different places may read columns of different types.
     */
    private final Map<Expression, String> types = new IdentityHashMap<>();

    private static final String UNKNOWN = "";

    private SqlRenderer(Dialect dialect, RenderScope scope) {
        this.d = dialect;
        this.scope = scope;
    }

    /** Renders {@code expression} (a tree from {@link SqlFragments#parse}) in {@code dialect}. */
    public static Rendering render(Expression expression, Dialect dialect, RenderScope scope) {
        SqlRenderer r = new SqlRenderer(dialect, scope);
        String sql;
        try {
            sql = r.r(expression);
        } catch (StackOverflowError e) {
            r.problems.add(new Untranslatable("expression", dialect, "it is nested too deeply", 1, 1));
            sql = "";
        }
        return new Rendering(sql, r.problems);
    }

    /** The BigQuery type an expression evaluates to, when it can be told without a catalog; else null. */
    public static String typeOf(Expression expression, RenderScope scope) {
        try {
            return new SqlRenderer(Dialect.BIGQUERY, scope).type(expression);
        } catch (StackOverflowError e) {
            return null; // thousands of chained operators: the parse accepted it, but its type is not worth a crash
        }
    }

    // ---- dispatch ------------------------------------------------------------------------------------------

    private String r(Expression e) {
        track(e);
        if (e instanceof Column c) {
            return column(c);
        }
        if (e instanceof StringValue s) {
            return stringValue(s);
        }
        if (e instanceof LongValue n) {
            return n.getStringValue();
        }
        if (e instanceof DoubleValue n) {
            return n.toString();
        }
        if (e instanceof NullValue) {
            return "NULL";
        }
        if (e instanceof BooleanValue b) {
            return b.getValue() ? "TRUE" : "FALSE";
        }
        if (e instanceof SignedExpression s) {
            String inner = r(s.getExpression());
            return s.getSign() == '-' && inner.startsWith("-") ? "-(" + inner + ")" : s.getSign() + inner;
        }
        if (e instanceof NotExpression n) {
            return "NOT " + r(n.getExpression());
        }
        if (e instanceof ParenthesedExpressionList<?> p) {
            return "(" + list(p) + ")";
        }
        if (e instanceof ExpressionList<?> l) {
            return list(l);
        }
        if (e instanceof CaseExpression c) {
            return caseExpression(c);
        }
        if (e instanceof Function f) {
            return function(f);
        }
        if (e instanceof CastExpression c) {
            return cast(c);
        }
        if (e instanceof ExtractExpression x) {
            return extract(x);
        }
        if (e instanceof TimeKeyExpression t) {
            return niladic(t.getStringValue().replace("()", "").trim().toUpperCase(Locale.ROOT), e);
        }
        if (e instanceof TrimFunction t) {
            return trim(t);
        }
        if (e instanceof AnalyticExpression a) {
            return analytic(a);
        }
        if (e instanceof Between b) {
            return r(b.getLeftExpression()) + (b.isNot() ? " NOT BETWEEN " : " BETWEEN ")
                    + r(b.getBetweenExpressionStart()) + " AND " + r(b.getBetweenExpressionEnd());
        }
        if (e instanceof InExpression in) {
            return in(in);
        }
        if (e instanceof IsNullExpression n) {
            return r(n.getLeftExpression()) + (n.isNot() ? " IS NOT NULL" : " IS NULL");
        }
        if (e instanceof IsBooleanExpression b) {
            return r(b.getLeftExpression()) + " IS " + (b.isNot() ? "NOT " : "") + (b.isTrue() ? "TRUE" : "FALSE");
        }
        if (e instanceof LikeExpression l) {
            return like(l);
        }
        if (e instanceof IntervalExpression i) {
            return interval(i);
        }
        if (e instanceof DateTimeLiteralExpression l) {
            return typedLiteral(l.getType().name(), SqlFragments.parseLiteralText(l.getValue()), e);
        }
        if (e instanceof ArrayConstructor a && a.getDataType() == null) {
            String items = a.getExpressions() == null ? "" : list(a.getExpressions());
            return d == Dialect.SPARK ? "array(" + items + ")" : "[" + items + "]";
        }
        if (e instanceof BinaryExpression b) {
            return binary(b);
        }
        return unsupported(e);
    }

    private String unsupported(Expression e) {
        if (d != Dialect.BIGQUERY) {
            problem(syntaxName(e), "this syntax is not supported for " + d.displayName(), e);
        }
        return e.toString();
    }

    private static String syntaxName(Expression e) {
        String simple = e.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return "'" + abbreviate(e.toString()) + "' (" + simple + ")";
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }

    private String list(List<? extends Expression> items) {
        return items.stream().map(this::r).collect(Collectors.joining(", "));
    }

    // ---- leaves --------------------------------------------------------------------------------------------

    private String column(Column c) {
        Optional<String> text = SqlFragments.doubleQuotedString(c);
        if (text.isPresent()) {
            return d.string(text.get());
        }
        boolean unqualified =
                c.getTable() == null || c.getTable().getNameParts().isEmpty();
        String name = c.getColumnName();
        if (unqualified && !MultiPartName.isQuoted(name) && NILADIC.contains(name.toUpperCase(Locale.ROOT))) {
            return niladic(name.toUpperCase(Locale.ROOT), c);
        }
        String rendered = scope.column(ref(c), d);
        if (c.getArrayConstructor() != null) {
            if (d != Dialect.BIGQUERY) {
                problem("array subscript", "BigQuery's OFFSET/ORDINAL subscripts are not translated", c);
            }
            return rendered + c.getArrayConstructor().toString();
        }
        return rendered;
    }

    /** The column as a reference: quotes removed, the qualifier's parts joined by dots. */
    static ColumnRef ref(Column c) {
        String qualifier = null;
        if (c.getTable() != null && !c.getTable().getNameParts().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String part : c.getTable().getNameParts()) {
                if (part != null && !part.isEmpty()) {
                    parts.add(0, MultiPartName.unquote(part));
                }
            }
            qualifier = parts.isEmpty() ? null : String.join(".", parts);
        }
        return new ColumnRef(qualifier, MultiPartName.unquote(c.getColumnName()));
    }

    private String stringValue(StringValue s) {
        String prefix = s.getPrefix() == null ? "" : s.getPrefix().toUpperCase(Locale.ROOT);
        String value = SqlFragments.stringLiteralValue(s);
        if (prefix.isEmpty()) {
            return d.string(value);
        }
        if (prefix.equals("R")) {
            return d.rawString(value);
        }
        if (d != Dialect.BIGQUERY) {
            problem("bytes literal", "BYTES literals are not translated", s);
        }
        return s.toString();
    }

    /** The text value of a string literal argument, if the argument is one. */
    private static Optional<String> literalText(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof StringValue s
                && (s.getPrefix() == null || s.getPrefix().equalsIgnoreCase("R"))) {
            return Optional.of(SqlFragments.stringLiteralValue(s));
        }
        if (x instanceof Column c) {
            return SqlFragments.doubleQuotedString(c);
        }
        return Optional.empty();
    }

    private static Expression unwrap(Expression e) {
        Expression x = e;
        while (x instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            x = p.get(0);
        }
        return x;
    }

    private String niladic(String name, Expression node) {
        return switch (d) {
            case BIGQUERY -> name.equals("CURRENT_TIMESTAMP") ? "CURRENT_TIMESTAMP()" : name + "()";
            case DUCKDB ->
                switch (name) {
                    case "CURRENT_TIMESTAMP" -> "current_timestamp";
                    case "CURRENT_DATE" -> "current_date";
                    case "CURRENT_DATETIME" -> "CAST(current_timestamp AS TIMESTAMP)";
                    default -> "CAST(current_timestamp AS TIME)";
                };
            case SPARK ->
                switch (name) {
                    case "CURRENT_TIMESTAMP" -> "current_timestamp()";
                    case "CURRENT_DATE" -> "current_date()";
                    default -> {
                        problem(
                                name,
                                "Spark has no " + (name.equals("CURRENT_TIME") ? "TIME type" : "DATETIME function"),
                                node);
                        yield name;
                    }
                };
        };
    }

    // ---- operators -----------------------------------------------------------------------------------------

    private String binary(BinaryExpression b) {
        String op;
        if (b instanceof AndExpression) {
            op = "AND";
        } else if (b instanceof OrExpression) {
            op = "OR";
        } else if (b instanceof EqualsTo) {
            op = "=";
        } else if (b instanceof NotEqualsTo n) {
            op = n.getStringExpression().trim();
        } else if (b instanceof GreaterThan) {
            op = ">";
        } else if (b instanceof GreaterThanEquals) {
            op = ">=";
        } else if (b instanceof MinorThan) {
            op = "<";
        } else if (b instanceof MinorThanEquals) {
            op = "<=";
        } else if (b instanceof Addition) {
            op = "+";
        } else if (b instanceof Subtraction) {
            op = "-";
        } else if (b instanceof Multiplication) {
            op = "*";
        } else if (b instanceof Division) {
            op = "/";
        } else if (b instanceof Modulo) {
            op = "%";
        } else if (b instanceof BitwiseAnd) {
            op = "&";
        } else if (b instanceof BitwiseOr) {
            op = "|";
        } else if (b instanceof BitwiseXor) {
            if (d == Dialect.DUCKDB) {
                return "xor(" + r(b.getLeftExpression()) + ", " + r(b.getRightExpression()) + ")";
            }
            op = "^";
        } else if (b instanceof IsDistinctExpression x) {
            op = x.getStringExpression().trim().replaceAll("\\s+", " ");
        } else if (b instanceof Concat) {
            // precedence of || differs between engines: make the tree explicit
            if (d == Dialect.BIGQUERY) {
                return r(b.getLeftExpression()) + " || " + r(b.getRightExpression());
            }
            return "(" + operand(b.getLeftExpression()) + " || " + operand(b.getRightExpression()) + ")";
        } else {
            return unsupported(b);
        }
        return r(b.getLeftExpression()) + " " + op + " " + r(b.getRightExpression());
    }

    /** An operand in an inserted operator: bracketed unless it is atomic. */
    private String operand(Expression e) {
        String s = r(e);
        Expression x = e;
        boolean atomic = x instanceof Column
                || x instanceof StringValue
                || x instanceof LongValue
                || x instanceof DoubleValue
                || x instanceof NullValue
                || x instanceof BooleanValue
                || x instanceof Function
                || x instanceof CastExpression
                || x instanceof ParenthesedExpressionList<?>
                || x instanceof CaseExpression
                || x instanceof TrimFunction
                || x instanceof ExtractExpression
                || x instanceof TimeKeyExpression;
        return atomic || (s.startsWith("(") && s.endsWith(")") && balancedOuter(s)) ? s : "(" + s + ")";
    }

    /** Whether the first '(' of s closes at its last char. */
    private static boolean balancedOuter(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (quoted) {
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < s.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private String in(InExpression in) {
        Expression right = in.getRightExpression();
        String keyword = in.isNot() ? " NOT IN " : " IN ";
        if (right instanceof ParenthesedExpressionList<?> p) {
            return r(in.getLeftExpression()) + keyword + "(" + list(p) + ")";
        }
        if (d != Dialect.BIGQUERY) {
            problem("IN " + abbreviate(right.toString()), "only IN (value, ...) lists are translated", in);
        }
        return r(in.getLeftExpression()) + keyword + r(right);
    }

    private String like(LikeExpression l) {
        if (l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE || l.isUseBinary()) {
            return unsupported(l);
        }
        String left = r(l.getLeftExpression());
        String pattern = r(l.getRightExpression());
        String sql = left + (l.isNot() ? " NOT LIKE " : " LIKE ") + pattern;
        if (l.getEscape() != null) {
            return sql + " ESCAPE " + r(l.getEscape());
        }
        if (d == Dialect.DUCKDB) {
            // BigQuery LIKE treats a backslash as the escape character; DuckDB has none unless told
            Optional<String> literal = literalText(l.getRightExpression());
            if (literal.isEmpty() || literal.get().indexOf('\\') >= 0) {
                return sql + " ESCAPE '\\'";
            }
        }
        return sql;
    }

    private String interval(IntervalExpression i) {
        String unit = i.getIntervalType() == null ? "" : i.getIntervalType().toUpperCase(Locale.ROOT);
        String amount = i.getExpression() != null ? r(i.getExpression()) : i.getParameter();
        if (d == Dialect.BIGQUERY) {
            return "INTERVAL " + amount + " " + unit;
        }
        if (unit.isEmpty()
                || !Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND")
                        .contains(unit)) {
            problem("INTERVAL", "interval unit '" + unit + "' is not translated", i);
        }
        if (d == Dialect.DUCKDB) {
            return "INTERVAL (" + amount + ") " + unit;
        }
        if (!amount.matches("-?\\d+")) {
            problem("INTERVAL", "Spark needs a literal interval amount", i);
        }
        return "INTERVAL " + amount + " " + unit;
    }

    private String caseExpression(CaseExpression c) {
        StringBuilder sb = new StringBuilder("CASE");
        if (c.getSwitchExpression() != null) {
            sb.append(' ').append(r(c.getSwitchExpression()));
        }
        for (WhenClause w : c.getWhenClauses()) {
            sb.append(" WHEN ")
                    .append(r(w.getWhenExpression()))
                    .append(" THEN ")
                    .append(r(w.getThenExpression()));
        }
        if (c.getElseExpression() != null) {
            sb.append(" ELSE ").append(r(c.getElseExpression()));
        }
        return sb.append(" END").toString();
    }

    // ---- casts and types -----------------------------------------------------------------------------------

    private String cast(CastExpression c) {
        String bigQueryType = c.getColDataType().toString();
        if (!c.isUseCastKeyword()) {
            // a typed literal: DATE '2024-01-01', TIMESTAMP '...', NUMERIC '1.5'
            Optional<String> value = literalText(c.getLeftExpression());
            if (value.isEmpty()) {
                return unsupported(c);
            }
            return typedLiteral(SqlTypes.normalise(bigQueryType), value.get(), c);
        }
        String keyword = c.keyword == null ? "CAST" : c.keyword.toUpperCase(Locale.ROOT);
        if (!keyword.equals("CAST") && !keyword.equals("SAFE_CAST")) {
            return unsupported(c);
        }
        if (c.getFormat() != null && d != Dialect.BIGQUERY) {
            problem(keyword + " ... FORMAT", "casts with a FORMAT clause are not translated", c);
        }
        String target = targetType(bigQueryType, keyword, c);
        String inner = r(c.getLeftExpression());
        if (d == Dialect.BIGQUERY) {
            return c.getFormat() != null ? c.toString() : keyword + "(" + inner + " AS " + target + ")";
        }
        return (keyword.equals("SAFE_CAST") ? "TRY_CAST" : "CAST") + "(" + inner + " AS " + target + ")";
    }

    private String targetType(String bigQueryType, String construct, Expression node) {
        Optional<String> t = d.type(bigQueryType);
        if (t.isEmpty()) {
            problem(
                    construct,
                    "type " + SqlTypes.normalise(bigQueryType) + " has no " + d.displayName() + " equivalent",
                    node);
            return SqlTypes.normalise(bigQueryType);
        }
        return t.get();
    }

    private String typedLiteral(String bigQueryType, String value, Expression node) {
        String base = bigQueryType.toUpperCase(Locale.ROOT);
        if (d == Dialect.BIGQUERY) {
            return base + " " + d.string(value);
        }
        if (base.equals("DATE")) {
            return "DATE " + d.string(value);
        }
        if (base.equals("TIMESTAMP")) {
            return (d == Dialect.DUCKDB ? "TIMESTAMPTZ " : "TIMESTAMP ") + d.string(value);
        }
        return "CAST(" + d.string(value) + " AS " + targetType(base, base + " literal", node) + ")";
    }

    // ---- functions -----------------------------------------------------------------------------------------

    /** Upper-case name with unquoted parts joined by dots: {@code SAFE.SUBSTR}. */
    static String functionName(Function f) {
        List<String> parts = f.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return String.valueOf(f.getName()).toUpperCase(Locale.ROOT);
        }
        return parts.stream()
                .map(MultiPartName::unquote)
                .collect(Collectors.joining("."))
                .toUpperCase(Locale.ROOT);
    }

    private static List<Expression> arguments(Function f) {
        List<Expression> args = new ArrayList<>();
        if (f.getParameters() != null) {
            args.addAll(f.getParameters());
        }
        return args;
    }

    private boolean isStarCall(List<Expression> args) {
        return args.size() == 1 && args.get(0) instanceof AllColumns;
    }

    private String function(Function f) {
        String name = functionName(f);
        List<Expression> args = arguments(f);
        boolean unusual = f.getNamedParameters() != null
                || f.getKeep() != null
                || f.getHavingClause() != null
                || f.getLimit() != null
                || f.getAttribute() != null
                || f.isIgnoreNulls()
                || f.getNullHandling() != null
                || f.isUnique()
                || f.getExtraKeyword() != null;
        if (d == Dialect.BIGQUERY) {
            if (unusual) {
                return f.toString();
            }
            return call(
                    String.join(".", f.getMultipartName() == null ? List.of(f.getName()) : f.getMultipartName()),
                    f.isDistinct(),
                    args,
                    f.getOrderByElements());
        }
        if (unusual || (f.getOrderByElements() != null && !name.equals("STRING_AGG"))) {
            problem(
                    name,
                    "this form of the call (named arguments, IGNORE NULLS, HAVING, LIMIT, ORDER BY) is not translated",
                    f);
            return f.toString();
        }
        if (f.isDistinct()
                && !Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "STRING_AGG", "APPROX_COUNT_DISTINCT")
                        .contains(name)) {
            problem(name, "DISTINCT is not translated for this function", f);
        }
        if (name.startsWith("SAFE.")) {
            problem(name, "SAFE.-prefixed functions (NULL instead of an error) are not translated", f);
            return f.toString();
        }
        if (name.equals("COUNT") && isStarCall(args)) {
            return "COUNT(*)";
        }
        if (SAME_NAME.contains(name)) {
            if (name.equals("ROUND") && args.size() > 2) {
                return arity(name, f, "1 or 2");
            }
            if (name.equals("LAST_DAY") && args.size() != 1) {
                return arity(name, f, "1");
            }
            return call(name, f.isDistinct(), args, null);
        }
        return switch (name) {
            case "LOG" ->
                args.size() == 1
                        ? "ln(" + r(args.get(0)) + ")"
                        : args.size() == 2
                                ? "(ln(" + r(args.get(0)) + ") / ln(" + r(args.get(1)) + "))"
                                : arity(name, f, "1 or 2");
            case "LN" -> call("ln", false, args, null);
            // BigQuery's COUNTIF is 0 when no row matches; DuckDB's count_if is NULL when every input is NULL
            case "COUNTIF" ->
                args.size() == 1 ? "count(CASE WHEN " + r(args.get(0)) + " THEN 1 END)" : arity(name, f, "1");
            case "LOGICAL_AND", "LOGICAL_OR" ->
                args.size() == 1 ? call(RENAMED_AGGREGATES.get(name), false, args, null) : arity(name, f, "1");
            case "GREATEST", "LEAST" -> greatest(name, args);
            case "CONCAT" -> concat(args);
            case "IF" ->
                args.size() == 3
                        ? "CASE WHEN " + r(args.get(0)) + " THEN " + r(args.get(1)) + " ELSE " + r(args.get(2)) + " END"
                        : arity(name, f, "3");
            case "IFNULL" -> args.size() == 2 ? call("COALESCE", false, args, null) : arity(name, f, "2");
            case "SAFE_DIVIDE" ->
                args.size() != 2
                        ? arity(name, f, "2")
                        : d == Dialect.DUCKDB
                                ? "(" + operand(args.get(0)) + " / NULLIF(" + r(args.get(1)) + ", 0))"
                                : "try_divide(" + r(args.get(0)) + ", " + r(args.get(1)) + ")";
            case "DIV" ->
                args.size() != 2
                        ? arity(name, f, "2")
                        : "(" + operand(args.get(0)) + (d == Dialect.DUCKDB ? " // " : " DIV ") + operand(args.get(1))
                                + ")";
            case "STRING_AGG" -> stringAgg(f, args);
            case "REGEXP_CONTAINS" ->
                args.size() != 2
                        ? arity(name, f, "2")
                        : d == Dialect.DUCKDB
                                ? "regexp_matches(" + r(args.get(0)) + ", " + r(args.get(1)) + ")"
                                : "(" + operand(args.get(0)) + " RLIKE " + operand(args.get(1)) + ")";
            case "REGEXP_REPLACE" -> regexpReplace(f, args);
            case "REGEXP_EXTRACT" -> regexpExtract(f, args);
            case "REGEXP_EXTRACT_ALL" -> regexpExtractAll(f, args);
            case "STARTS_WITH", "ENDS_WITH" ->
                args.size() != 2
                        ? arity(name, f, "2")
                        : call(
                                d == Dialect.DUCKDB
                                        ? name.toLowerCase(Locale.ROOT)
                                        : name.replace("_", "").toLowerCase(Locale.ROOT),
                                false,
                                args,
                                null);
            case "STRPOS" ->
                args.size() != 2
                        ? arity(name, f, "2")
                        : call(d == Dialect.DUCKDB ? "strpos" : "instr", false, args, null);
            case "LPAD", "RPAD" -> pad(name, f, args);
            case "LTRIM", "RTRIM" -> sideTrim(name, f, args);
            case "SPLIT" -> split(f, args);
            case "ARRAY_LENGTH" ->
                args.size() != 1
                        ? arity(name, f, "1")
                        : d == Dialect.DUCKDB
                                ? "len(" + r(args.get(0)) + ")"
                                : "CASE WHEN " + r(args.get(0)) + " IS NULL THEN NULL ELSE size(" + r(args.get(0))
                                        + ") END";
            case "ARRAY_TO_STRING" ->
                args.size() != 2
                        ? arity(name, f, "2")
                        : call(d == Dialect.DUCKDB ? "array_to_string" : "array_join", false, args, null);
            case "GENERATE_UUID" -> d == Dialect.DUCKDB ? "CAST(uuid() AS VARCHAR)" : "uuid()";
            case "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_DATETIME", "CURRENT_TIME" ->
                args.isEmpty() ? niladic(name, f) : untranslatable(name, "the time zone argument is not translated", f);
            case "DATE" -> date(f, args);
            case "TIMESTAMP" ->
                args.size() == 1
                        ? "CAST(" + r(args.get(0)) + " AS " + (d == Dialect.DUCKDB ? "TIMESTAMPTZ" : "TIMESTAMP") + ")"
                        : untranslatable(name, "only TIMESTAMP(expression) is translated", f);
            case "DATE_TRUNC", "TIMESTAMP_TRUNC" -> dateTrunc(name, f, args);
            case "DATE_DIFF" -> dateDiff(f, args);
            case "TIMESTAMP_DIFF" -> timestampDiff(f, args);
            case "DATE_ADD", "DATE_SUB" -> dateAdd(name, f, args);
            case "TIMESTAMP_ADD", "TIMESTAMP_SUB" -> timestampAdd(name, f, args);
            case "FORMAT_DATE", "FORMAT_TIMESTAMP" -> formatDate(name, f, args);
            case "PARSE_DATE", "PARSE_TIMESTAMP" -> parseDate(name, f, args);
            default -> untranslatable(name, "", f);
        };
    }

    private String call(String name, boolean distinct, List<Expression> args, List<OrderByElement> orderBy) {
        StringBuilder sb = new StringBuilder(name).append('(');
        if (distinct) {
            sb.append("DISTINCT ");
        }
        sb.append(args.stream().map(a -> a instanceof AllColumns ? "*" : r(a)).collect(Collectors.joining(", ")));
        if (orderBy != null && !orderBy.isEmpty()) {
            sb.append(" ORDER BY ").append(orderBy(orderBy));
        }
        return sb.append(')').toString();
    }

    private String arity(String name, Function f, String expected) {
        return untranslatable(
                name,
                "it is translated with " + expected + " argument" + (expected.equals("1") ? "" : "s") + ", not "
                        + arguments(f).size(),
                f);
    }

    private String untranslatable(String name, String reason, Expression node) {
        problem(name, reason, node);
        return node.toString();
    }

    private String greatest(String name, List<Expression> args) {
        String call = call(name, false, args, null);
        // BigQuery: NULL if any argument is NULL; DuckDB and Spark skip NULLs
        String anyNull = args.stream().map(a -> operand(a) + " IS NULL").collect(Collectors.joining(" OR "));
        return "CASE WHEN " + anyNull + " THEN NULL ELSE " + call + " END";
    }

    private String concat(List<Expression> args) {
        if (d == Dialect.SPARK) {
            return call("concat", false, args, null); // NULL if any argument is NULL, as in BigQuery
        }
        // DuckDB's concat() skips NULLs; || propagates them like BigQuery's CONCAT
        if (args.size() == 1) {
            return "(" + r(args.get(0)) + " || '')";
        }
        return "(" + args.stream().map(this::operand).collect(Collectors.joining(" || ")) + ")";
    }

    private String stringAgg(Function f, List<Expression> args) {
        if (args.isEmpty() || args.size() > 2) {
            return arity("STRING_AGG", f, "1 or 2");
        }
        List<Expression> withSeparator = new ArrayList<>(args);
        if (d == Dialect.DUCKDB) {
            if (withSeparator.size() == 1) {
                withSeparator.add(new StringValue(","));
            }
            return call("string_agg", f.isDistinct(), withSeparator, f.getOrderByElements());
        }
        if (f.isDistinct() || f.getOrderByElements() != null) {
            return untranslatable("STRING_AGG", "DISTINCT and ORDER BY are not translated for Spark", f);
        }
        String separator = args.size() == 2 ? r(args.get(1)) : d.string(",");
        return "array_join(collect_list(" + r(args.get(0)) + "), " + separator + ")";
    }

    private String regexpReplace(Function f, List<Expression> args) {
        if (args.size() != 3) {
            return arity("REGEXP_REPLACE", f, "3");
        }
        if (d == Dialect.DUCKDB) {
            // BigQuery replaces every match; DuckDB only the first unless 'g'
            return "regexp_replace(" + r(args.get(0)) + ", " + r(args.get(1)) + ", " + r(args.get(2)) + ", 'g')";
        }
        Optional<String> replacement = literalText(args.get(2));
        if (replacement.isEmpty()) {
            return untranslatable(
                    "REGEXP_REPLACE", "the replacement must be a string literal to be rewritten for Spark", f);
        }
        Optional<String> java = Patterns.javaReplacement(replacement.get());
        if (java.isEmpty()) {
            return untranslatable("REGEXP_REPLACE", "the replacement uses an escape other than \\1..\\9 or \\\\", f);
        }
        return "regexp_replace(" + r(args.get(0)) + ", " + r(args.get(1)) + ", " + d.string(java.get()) + ")";
    }

    private String regexpExtract(Function f, List<Expression> args) {
        if (args.size() != 2) {
            return arity("REGEXP_EXTRACT", f, "2");
        }
        Optional<String> pattern = literalText(args.get(1));
        if (pattern.isEmpty()) {
            return untranslatable(
                    "REGEXP_EXTRACT", "the pattern must be a string literal (its capture group decides the result)", f);
        }
        int groups = Patterns.captureGroups(pattern.get());
        if (groups > 1) {
            return untranslatable(
                    "REGEXP_EXTRACT", "the pattern has " + groups + " capture groups; BigQuery allows at most one", f);
        }
        String subject = r(args.get(0));
        String p = r(args.get(1));
        // BigQuery returns the capture group if there is one, and NULL when nothing matches (DuckDB and Spark: '')
        String matches = d == Dialect.DUCKDB
                ? "regexp_matches(" + subject + ", " + p + ")"
                : operand(args.get(0)) + " RLIKE " + p;
        return "CASE WHEN " + matches + " THEN regexp_extract(" + subject + ", " + p + ", " + groups + ") END";
    }

    private String regexpExtractAll(Function f, List<Expression> args) {
        if (args.size() != 2) {
            return arity("REGEXP_EXTRACT_ALL", f, "2");
        }
        Optional<String> pattern = literalText(args.get(1));
        if (pattern.isEmpty()) {
            return untranslatable("REGEXP_EXTRACT_ALL", "the pattern must be a string literal", f);
        }
        int groups = Patterns.captureGroups(pattern.get());
        if (groups > 1) {
            return untranslatable(
                    "REGEXP_EXTRACT_ALL",
                    "the pattern has " + groups + " capture groups; BigQuery allows at most one",
                    f);
        }
        return "regexp_extract_all(" + r(args.get(0)) + ", " + r(args.get(1)) + ", " + groups + ")";
    }

    private String pad(String name, Function f, List<Expression> args) {
        if (args.size() < 2 || args.size() > 3) {
            return arity(name, f, "2 or 3");
        }
        String fill = args.size() == 3 ? r(args.get(2)) : d.string(" ");
        return name.toLowerCase(Locale.ROOT) + "(" + r(args.get(0)) + ", " + r(args.get(1)) + ", " + fill + ")";
    }

    private String sideTrim(String name, Function f, List<Expression> args) {
        if (args.size() == 1) {
            return call(name, false, args, null);
        }
        if (args.size() != 2) {
            return arity(name, f, "1 or 2");
        }
        if (d == Dialect.DUCKDB) {
            return call(name.toLowerCase(Locale.ROOT), false, args, null);
        }
        return "TRIM(" + (name.equals("LTRIM") ? "LEADING " : "TRAILING ") + r(args.get(1)) + " FROM " + r(args.get(0))
                + ")";
    }

    private String trim(TrimFunction t) {
        if (t.getTrimSpecification() != null || t.isUsingFromKeyword()) {
            return unsupported(t); // not BigQuery syntax
        }
        String subject = r(t.getExpression());
        if (t.getFromExpression() == null) {
            return "TRIM(" + subject + ")";
        }
        String chars = r(t.getFromExpression());
        return switch (d) {
            case BIGQUERY, DUCKDB -> "TRIM(" + subject + ", " + chars + ")";
            case SPARK -> "TRIM(BOTH " + chars + " FROM " + subject + ")";
        };
    }

    private String split(Function f, List<Expression> args) {
        if (d == Dialect.SPARK) {
            return untranslatable("SPLIT", "Spark's split takes a regular expression, not a delimiter", f);
        }
        if (args.isEmpty() || args.size() > 2) {
            return arity("SPLIT", f, "1 or 2");
        }
        return "string_split(" + r(args.get(0)) + ", " + (args.size() == 2 ? r(args.get(1)) : d.string(",")) + ")";
    }

    // ---- dates and times -----------------------------------------------------------------------------------

    /** The date part written as an argument ({@code DAY}), upper-case, or null. */
    private static String datePart(Expression e) {
        if (e instanceof Column c
                && (c.getTable() == null || c.getTable().getNameParts().isEmpty())
                && !MultiPartName.isQuoted(c.getColumnName())) {
            return c.getColumnName().toUpperCase(Locale.ROOT);
        }
        return null;
    }

    private String date(Function f, List<Expression> args) {
        if (args.size() == 1) {
            return "CAST(" + r(args.get(0)) + " AS DATE)";
        }
        if (args.size() == 3) {
            return call("make_date", false, args, null);
        }
        return untranslatable("DATE", "only DATE(expression) and DATE(year, month, day) are translated", f);
    }

    private String dateTrunc(String name, Function f, List<Expression> args) {
        if (args.size() != 2) {
            return untranslatable(name, "the time zone argument is not translated", f);
        }
        String part = datePart(args.get(1));
        boolean timestamp = name.equals("TIMESTAMP_TRUNC");
        Set<String> allowed = timestamp
                ? Set.of(
                        "MICROSECOND",
                        "MILLISECOND",
                        "SECOND",
                        "MINUTE",
                        "HOUR",
                        "DAY",
                        "ISOWEEK",
                        "MONTH",
                        "QUARTER",
                        "YEAR")
                : DATE_PARTS_FOR_DATES;
        if (part == null || !allowed.contains(part)) {
            return untranslatable(
                    name,
                    "date part " + (part == null ? abbreviate(args.get(1).toString()) : part)
                            + " is not translated (WEEK starts on Sunday in BigQuery, on Monday elsewhere)",
                    f);
        }
        String unit = part.equals("ISOWEEK") ? "week" : part.toLowerCase(Locale.ROOT);
        if (d == Dialect.SPARK) {
            unit = unit.toUpperCase(Locale.ROOT);
        }
        String truncated = "date_trunc('" + unit + "', " + r(args.get(0)) + ")";
        String argType = type(args.get(0));
        boolean keepTimestamp = timestamp || "TIMESTAMP".equals(argType) || "DATETIME".equals(argType);
        // DuckDB and Spark return a timestamp; BigQuery's DATE_TRUNC of a DATE is a DATE
        return keepTimestamp ? truncated : "CAST(" + truncated + " AS DATE)";
    }

    private String dateDiff(Function f, List<Expression> args) {
        if (args.size() != 3) {
            return arity("DATE_DIFF", f, "3");
        }
        String part = datePart(args.get(2));
        if (part == null || !DATE_PARTS_FOR_DATES.contains(part)) {
            return untranslatable(
                    "DATE_DIFF",
                    "date part " + (part == null ? abbreviate(args.get(2).toString()) : part)
                            + " is not translated (WEEK starts on Sunday in BigQuery)",
                    f);
        }
        String end = r(args.get(0));
        String start = r(args.get(1));
        if (d == Dialect.DUCKDB) {
            // BigQuery: DATE_DIFF(end, start, part); DuckDB: date_diff(part, start, end); both count part boundaries
            return "date_diff('" + (part.equals("ISOWEEK") ? "week" : part.toLowerCase(Locale.ROOT)) + "', " + start
                    + ", " + end + ")";
        }
        return switch (part) {
            case "DAY" -> "datediff(" + end + ", " + start + ")";
            case "MONTH" ->
                "((year(" + end + ") - year(" + start + ")) * 12 + month(" + end + ") - month(" + start + "))";
            case "QUARTER" ->
                "((year(" + end + ") - year(" + start + ")) * 4 + quarter(" + end + ") - quarter(" + start + "))";
            case "YEAR" -> "(year(" + end + ") - year(" + start + "))";
            default -> untranslatable("DATE_DIFF", "date part ISOWEEK is not translated for Spark", f);
        };
    }

    private String timestampDiff(Function f, List<Expression> args) {
        if (args.size() != 3) {
            return arity("TIMESTAMP_DIFF", f, "3");
        }
        String part = datePart(args.get(2));
        if (part == null || !TIME_PARTS.contains(part)) {
            return untranslatable(
                    "TIMESTAMP_DIFF",
                    "date part " + (part == null ? abbreviate(args.get(2).toString()) : part) + " is not translated",
                    f);
        }
        String end = r(args.get(0));
        String start = r(args.get(1));
        // whole intervals, as BigQuery counts them
        return d == Dialect.DUCKDB
                ? "date_sub('" + part.toLowerCase(Locale.ROOT) + "', " + start + ", " + end + ")"
                : "timestampdiff(" + part + ", " + start + ", " + end + ")";
    }

    /** {@code INTERVAL n PART} as (amount, part), or null. */
    private String[] intervalArgument(Expression e) {
        if (e instanceof IntervalExpression i && i.getIntervalType() != null) {
            String amount = i.getExpression() != null ? r(i.getExpression()) : i.getParameter();
            return new String[] {amount, i.getIntervalType().toUpperCase(Locale.ROOT)};
        }
        return null;
    }

    private String dateAdd(String name, Function f, List<Expression> args) {
        String[] interval = args.size() == 2 ? intervalArgument(args.get(1)) : null;
        if (interval == null) {
            return untranslatable(name, "only " + name + "(date, INTERVAL n part) is translated", f);
        }
        String amount = interval[0];
        String part = interval[1];
        if (!Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR").contains(part)) {
            return untranslatable(name, "date part " + part + " is not translated", f);
        }
        boolean sub = name.equals("DATE_SUB");
        String dateSql = r(args.get(0));
        if (d == Dialect.DUCKDB) {
            return "CAST(" + dateSql + (sub ? " - " : " + ") + "INTERVAL (" + amount + ") " + part + " AS DATE)";
        }
        String signed = sub ? "-(" + amount + ")" : amount;
        return switch (part) {
            case "DAY" -> (sub ? "date_sub(" : "date_add(") + dateSql + ", " + amount + ")";
            case "WEEK" -> "date_add(" + dateSql + ", 7 * (" + signed + "))";
            case "MONTH" -> "add_months(" + dateSql + ", " + signed + ")";
            case "QUARTER" -> "add_months(" + dateSql + ", 3 * (" + signed + "))";
            default -> "add_months(" + dateSql + ", 12 * (" + signed + "))";
        };
    }

    private String timestampAdd(String name, Function f, List<Expression> args) {
        String[] interval = args.size() == 2 ? intervalArgument(args.get(1)) : null;
        if (interval == null || !TIME_PARTS.contains(interval[1])) {
            return untranslatable(name, "only " + name + "(timestamp, INTERVAL n MICROSECOND..DAY) is translated", f);
        }
        boolean sub = name.equals("TIMESTAMP_SUB");
        String ts = r(args.get(0));
        if (d == Dialect.DUCKDB) {
            return "(" + ts + (sub ? " - " : " + ") + "INTERVAL (" + interval[0] + ") " + interval[1] + ")";
        }
        return "timestampadd(" + interval[1] + ", " + (sub ? "-(" + interval[0] + ")" : interval[0]) + ", " + ts + ")";
    }

    private String formatDate(String name, Function f, List<Expression> args) {
        if (args.size() != 2) {
            return untranslatable(name, "only " + name + "(format, value) is translated", f);
        }
        Optional<String> format = literalText(args.get(0));
        if (format.isEmpty()) {
            return untranslatable(name, "the format must be a string literal", f);
        }
        Optional<String> converted =
                d == Dialect.DUCKDB ? Patterns.duckDbFormat(format.get()) : Patterns.sparkPattern(format.get(), false);
        if (converted.isEmpty()) {
            return untranslatable(name, "format " + d.string(format.get()) + " uses an element with no equivalent", f);
        }
        return d == Dialect.DUCKDB
                ? "strftime(" + r(args.get(1)) + ", " + d.string(converted.get()) + ")"
                : "date_format(" + r(args.get(1)) + ", " + d.string(converted.get()) + ")";
    }

    private String parseDate(String name, Function f, List<Expression> args) {
        if (args.size() != 2) {
            return untranslatable(name, "only " + name + "(format, text) is translated", f);
        }
        Optional<String> format = literalText(args.get(0));
        if (format.isEmpty()) {
            return untranslatable(name, "the format must be a string literal", f);
        }
        Optional<String> converted =
                d == Dialect.DUCKDB ? Patterns.duckDbFormat(format.get()) : Patterns.sparkPattern(format.get(), true);
        if (converted.isEmpty()) {
            return untranslatable(name, "format " + d.string(format.get()) + " uses an element with no equivalent", f);
        }
        boolean date = name.equals("PARSE_DATE");
        String text = r(args.get(1));
        if (d == Dialect.DUCKDB) {
            return "CAST(strptime(" + text + ", " + d.string(converted.get()) + ") AS "
                    + (date ? "DATE" : "TIMESTAMPTZ") + ")";
        }
        return (date ? "to_date(" : "to_timestamp(") + text + ", " + d.string(converted.get()) + ")";
    }

    private String extract(ExtractExpression x) {
        String part = x.getName().toUpperCase(Locale.ROOT);
        String value = r(x.getExpression());
        if (d == Dialect.BIGQUERY) {
            return "EXTRACT(" + part + " FROM " + value + ")";
        }
        return switch (part) {
            case "YEAR", "QUARTER", "MONTH", "DAY", "HOUR", "MINUTE" -> "EXTRACT(" + part + " FROM " + value + ")";
            case "SECOND" -> d == Dialect.DUCKDB ? "EXTRACT(SECOND FROM " + value + ")" : "second(" + value + ")";
            case "DAYOFWEEK" -> d == Dialect.DUCKDB ? "(dayofweek(" + value + ") + 1)" : "dayofweek(" + value + ")";
            case "DAYOFYEAR" -> "dayofyear(" + value + ")";
            case "ISOWEEK" -> d == Dialect.DUCKDB ? "week(" + value + ")" : "weekofyear(" + value + ")";
            case "ISOYEAR" ->
                d == Dialect.DUCKDB
                        ? "isoyear(" + value + ")"
                        : untranslatable("EXTRACT(ISOYEAR)", "Spark has no ISO year function", x);
            case "DATE" -> "CAST(" + value + " AS DATE)";
            default -> untranslatable("EXTRACT(" + part + ")", "this date part is not translated", x);
        };
    }

    // ---- window functions ----------------------------------------------------------------------------------

    private String analytic(AnalyticExpression a) {
        String name = a.getName().toUpperCase(Locale.ROOT);
        if (d != Dialect.BIGQUERY) {
            if (a.getType() != AnalyticType.OVER
                    || a.getWindowName() != null
                    || a.getKeep() != null
                    || a.getFilterExpression() != null
                    || a.getHavingClause() != null
                    || a.getLimit() != null) {
                return untranslatable(name, "this form of window function is not translated", a);
            }
            if (!WINDOW_FUNCTIONS.contains(name)) {
                return untranslatable(name + " OVER (...)", "", a);
            }
        } else if (a.getType() != AnalyticType.OVER || a.getWindowName() != null) {
            return a.toString();
        }
        String fn = d == Dialect.BIGQUERY ? name : RENAMED_AGGREGATES.getOrDefault(name, name);
        StringBuilder sb = new StringBuilder(fn).append('(');
        if (a.isDistinct()) {
            sb.append("DISTINCT ");
        }
        List<String> args = new ArrayList<>();
        if (a.isAllColumns() || a.getExpression() instanceof AllColumns) {
            args.add("*");
        } else if (a.getExpression() != null) {
            args.add(r(a.getExpression()));
        }
        if (a.getOffset() != null) {
            args.add(r(a.getOffset()));
        }
        if (a.getDefaultValue() != null) {
            args.add(r(a.getDefaultValue()));
        }
        sb.append(String.join(", ", args)).append(')');
        if (a.isIgnoreNulls() || a.isIgnoreNullsOutside()) {
            sb.append(" IGNORE NULLS");
        }
        List<String> window = new ArrayList<>();
        if (a.getPartitionExpressionList() != null
                && !a.getPartitionExpressionList().isEmpty()) {
            window.add("PARTITION BY " + list(a.getPartitionExpressionList()));
        }
        if (a.getOrderByElements() != null && !a.getOrderByElements().isEmpty()) {
            window.add("ORDER BY " + orderBy(a.getOrderByElements()));
        }
        if (a.getWindowElement() != null) {
            window.add(a.getWindowElement().toString().trim());
        }
        return sb.append(" OVER (").append(String.join(" ", window)).append(')').toString();
    }

    private String orderBy(List<OrderByElement> elements) {
        List<String> out = new ArrayList<>();
        for (OrderByElement e : elements) {
            StringBuilder sb = new StringBuilder(r(e.getExpression()));
            if (e.isAscDescPresent() || !e.isAsc()) {
                sb.append(e.isAsc() ? " ASC" : " DESC");
            }
            if (e.getNullOrdering() != null) {
                sb.append(
                        e.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST
                                ? " NULLS FIRST"
                                : " NULLS LAST");
            } else if (d == Dialect.DUCKDB) {
                // BigQuery sorts NULLs first when ascending, last when descending; DuckDB always last
                sb.append(e.isAsc() ? " NULLS FIRST" : " NULLS LAST");
            }
            out.add(sb.toString());
        }
        return String.join(", ", out);
    }

    // ---- type inference ------------------------------------------------------------------------------------

    private String type(Expression e) {
        if (e == null) {
            return null;
        }
        String known = types.get(e);
        if (known == null) {
            String t = inferType(e);
            known = t == null ? UNKNOWN : t;
            types.put(e, known);
        }
        return known.equals(UNKNOWN) ? null : known;
    }

    private String inferType(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof Column c) {
            if (SqlFragments.doubleQuotedString(c).isPresent()) {
                return "STRING";
            }
            String t = scope.typeOf(ref(c));
            return t == null ? null : baseType(t);
        }
        if (x instanceof StringValue s) {
            return s.getPrefix() != null
                            && s.getPrefix().toUpperCase(Locale.ROOT).contains("B")
                    ? "BYTES"
                    : "STRING";
        }
        if (x instanceof LongValue) {
            return "INT64";
        }
        if (x instanceof DoubleValue) {
            return "FLOAT64";
        }
        if (x instanceof BooleanValue
                || x instanceof IsNullExpression
                || x instanceof IsBooleanExpression
                || x instanceof InExpression
                || x instanceof Between
                || x instanceof LikeExpression
                || x instanceof NotExpression
                || x instanceof AndExpression
                || x instanceof OrExpression
                || x instanceof EqualsTo
                || x instanceof NotEqualsTo
                || x instanceof GreaterThan
                || x instanceof GreaterThanEquals
                || x instanceof MinorThan
                || x instanceof MinorThanEquals
                || x instanceof IsDistinctExpression) {
            return "BOOL";
        }
        if (x instanceof CastExpression c) {
            return baseType(c.getColDataType().toString());
        }
        if (x instanceof Concat) {
            return "STRING";
        }
        if (x instanceof TimeKeyExpression t) {
            String n = t.getStringValue().replace("()", "").trim().toUpperCase(Locale.ROOT);
            return n.substring("CURRENT_".length());
        }
        if (x instanceof ExtractExpression ex) {
            return ex.getName().equalsIgnoreCase("DATE") ? "DATE" : "INT64";
        }
        if (x instanceof TrimFunction) {
            return "STRING";
        }
        if (x instanceof CaseExpression c) {
            for (WhenClause w : c.getWhenClauses()) {
                String t = type(w.getThenExpression());
                if (t != null) {
                    return t;
                }
            }
            return c.getElseExpression() == null ? null : type(c.getElseExpression());
        }
        if (x instanceof Addition || x instanceof Subtraction || x instanceof Multiplication || x instanceof Division) {
            BinaryExpression b = (BinaryExpression) x;
            String l = type(b.getLeftExpression());
            String rt = type(b.getRightExpression());
            if (l == null || rt == null) {
                return null;
            }
            if (l.equals("FLOAT64") || rt.equals("FLOAT64")) {
                return "FLOAT64";
            }
            if (l.equals("NUMERIC") || rt.equals("NUMERIC")) {
                return "NUMERIC";
            }
            if (l.equals("INT64") && rt.equals("INT64")) {
                return x instanceof Division ? "FLOAT64" : "INT64";
            }
            return null;
        }
        if (x instanceof Function f) {
            return functionType(functionName(f), arguments(f));
        }
        return null;
    }

    private String functionType(String name, List<Expression> args) {
        String first = args.isEmpty() || args.get(0) instanceof AllColumns ? null : type(args.get(0));
        return switch (name) {
            case "LOWER",
                    "UPPER",
                    "CONCAT",
                    "REGEXP_EXTRACT",
                    "REGEXP_REPLACE",
                    "FORMAT_DATE",
                    "FORMAT_TIMESTAMP",
                    "SUBSTR",
                    "SUBSTRING",
                    "LEFT",
                    "RIGHT",
                    "REPLACE",
                    "LTRIM",
                    "RTRIM",
                    "LPAD",
                    "RPAD",
                    "REVERSE",
                    "STRING_AGG",
                    "ARRAY_TO_STRING",
                    "GENERATE_UUID" -> "STRING";
            case "REGEXP_CONTAINS", "STARTS_WITH", "ENDS_WITH", "LOGICAL_AND", "LOGICAL_OR" -> "BOOL";
            case "COUNT",
                    "COUNTIF",
                    "DATE_DIFF",
                    "TIMESTAMP_DIFF",
                    "LENGTH",
                    "CHAR_LENGTH",
                    "CHARACTER_LENGTH",
                    "STRPOS",
                    "ARRAY_LENGTH",
                    "DIV",
                    "APPROX_COUNT_DISTINCT" -> "INT64";
            case "DATE", "PARSE_DATE", "DATE_ADD", "DATE_SUB", "LAST_DAY", "CURRENT_DATE" -> "DATE";
            case "TIMESTAMP",
                    "PARSE_TIMESTAMP",
                    "TIMESTAMP_TRUNC",
                    "TIMESTAMP_ADD",
                    "TIMESTAMP_SUB",
                    "CURRENT_TIMESTAMP" -> "TIMESTAMP";
            case "DATE_TRUNC", "MIN", "MAX", "ANY_VALUE", "NULLIF" -> first;
            case "COALESCE", "IFNULL", "GREATEST", "LEAST" ->
                args.stream().map(this::type).filter(t -> t != null).findFirst().orElse(null);
            case "IF" -> args.size() == 3 ? (type(args.get(1)) != null ? type(args.get(1)) : type(args.get(2))) : null;
            case "SUM" -> first;
            case "AVG" -> "NUMERIC".equals(first) ? "NUMERIC" : first == null ? null : "FLOAT64";
            case "ROUND", "ABS", "FLOOR", "CEIL", "CEILING" ->
                "INT64".equals(first) && !name.equals("ABS") ? "FLOAT64" : first;
            case "SAFE_DIVIDE" -> args.stream().map(this::type).anyMatch("NUMERIC"::equals) ? "NUMERIC" : "FLOAT64";
            default -> null;
        };
    }

    /**
     * The canonical name of a BigQuery type's base: INT64 for INTEGER, NUMERIC for DECIMAL(10, 2), BOOL for
     * BOOLEAN; ARRAY and STRUCT types are returned normalised.
     */
    public static String baseType(String type) {
        String t = SqlTypes.normalise(type);
        if (t.startsWith("ARRAY<") || t.startsWith("STRUCT<")) {
            return t;
        }
        int paren = t.indexOf('(');
        String base = (paren < 0 ? t : t.substring(0, paren)).trim();
        return switch (base) {
            case "INT64", "INTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT" -> "INT64";
            case "NUMERIC", "DECIMAL" -> "NUMERIC";
            case "BIGNUMERIC", "BIGDECIMAL" -> "BIGNUMERIC";
            case "FLOAT64", "FLOAT" -> "FLOAT64";
            case "BOOL", "BOOLEAN" -> "BOOL";
            default -> base;
        };
    }

    // ---- problems ------------------------------------------------------------------------------------------

    private void track(Object node) {
        int[] p = position(node);
        if (p != null) {
            lastPosition = p;
        }
    }

    private void problem(String construct, String reason, Object node) {
        int[] p = position(node);
        if (p == null) {
            p = lastPosition;
        }
        problems.add(new Untranslatable(construct, d, reason, p[0], p[1]));
    }

    private static int[] position(Object node) {
        if (node instanceof ASTNodeAccess access) {
            SimpleNode ast = access.getASTNode();
            Token first = ast == null ? null : ast.jjtGetFirstToken();
            if (first != null && first.beginLine > 0) {
                return new int[] {first.beginLine, first.beginColumn};
            }
        }
        return null;
    }
}
