package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.BigQuerySyntax;
import io.github.specpipeline.core.sql.ExpressionTypes;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
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
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * Renders a parsed BigQuery expression in a {@link Dialect} by walking its tree; every choice that depends on the
 * dialect is its {@link DialectRules}' (the function table, the type map, quoting, literals and the syntax that
 * is not a call). Only the node types listed here are rendered; any other syntax, and any function without a
 * known translation, is reported as {@link Untranslatable} rather than guessed at. BigQuery output keeps the
 * expression's meaning as written.
 */
public final class SqlRenderer {

    /**
     * The result: SQL text, what could not be translated (the SQL is unusable when that is not empty), and the
     * calls whose translation can give other results than BigQuery for some values (the SQL is usable).
     */
    public record Rendering(String sql, List<Untranslatable> problems, List<EngineDifference> differences) {
        public Rendering {
            problems = List.copyOf(problems);
            differences = List.copyOf(differences);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Dialect d;
    private final DialectRules rules;
    private final RenderScope scope;
    private final List<Untranslatable> problems = new ArrayList<>();
    private final List<EngineDifference> differences = new ArrayList<>();
    private int[] lastPosition = {1, 1};
    /** The types of the tree's nodes, each inferred once. */
    private final ExpressionTypes types;

    private SqlRenderer(Dialect dialect, RenderScope scope) {
        this.d = dialect;
        this.rules = dialect.rules();
        this.scope = scope;
        this.types = new ExpressionTypes(ref -> scope.typeOf(ref));
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
        return new Rendering(sql, r.problems, r.differences);
    }

    /** The BigQuery type an expression evaluates to, when it can be told without a catalog; else null. */
    public static String typeOf(Expression expression, RenderScope scope) {
        try {
            return new ExpressionTypes(ref -> scope.typeOf(ref)).type(expression);
        } catch (StackOverflowError e) {
            return null; // thousands of chained operators: the parse accepted it, but its type is not worth a crash
        }
    }

    // ---- dispatch ------------------------------------------------------------------------------------------

    DialectRules rules() {
        return rules;
    }

    String r(Expression e) {
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
            return rules.floatLiteral(n.toString());
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
            return niladic(BigQuerySyntax.niladic(t), e);
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
            return rules.arrayLiteral(a.getExpressions() == null ? "" : list(a.getExpressions()));
        }
        if (e instanceof ArrayExpression a) {
            return arrayExpression(a);
        }
        if (e instanceof BinaryExpression b) {
            return binary(b);
        }
        return unsupported(e);
    }

    private String unsupported(Expression e) {
        rules.refusal(Construct.OTHER_SYNTAX).ifPresent(reason -> problem(syntaxName(e), reason, e));
        return e.toString();
    }

    private static String syntaxName(Expression e) {
        String simple = e.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return "'" + abbreviate(e.toString()) + "' (" + simple + ")";
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }

    private String list(List<? extends Expression> items) {
        return items.stream().map(this::r).collect(Collectors.joining(", "));
    }

    // ---- leaves --------------------------------------------------------------------------------------------

    private String column(Column c) {
        Optional<String> text = BigQuerySyntax.doubleQuotedString(c);
        if (text.isPresent()) {
            return rules.string(text.get());
        }
        Optional<String> niladic = BigQuerySyntax.niladic(c);
        if (niladic.isPresent()) {
            return niladic(niladic.get(), c);
        }
        String rendered = scope.column(BigQuerySyntax.refOf(c), d);
        if (c.getArrayConstructor() != null) {
            List<? extends Expression> index = c.getArrayConstructor().getExpressions();
            if (index == null || index.size() != 1) {
                return otherSubscript(rendered + c.getArrayConstructor().toString(), c);
            }
            return subscript(rendered, index.get(0), c);
        }
        return rendered;
    }

    /**
     * {@code array[OFFSET(i)]}, {@code [SAFE_OFFSET(i)]}, {@code [ORDINAL(i)]}, {@code [SAFE_ORDINAL(i)]} or a bare
     * {@code [i]} (an OFFSET) of any array expression, in the dialect's terms.
     */
    private String subscript(String array, Expression index, Expression node) {
        if (index instanceof net.sf.jsqlparser.expression.JsonExpression) {
            return otherSubscript(array + "[" + index + "]", node); // arr[1:2]: JSqlParser's slice, not BigQuery
        }
        Subscript kind = Subscript.OFFSET;
        Expression position = index;
        if (index instanceof Function f && BigQuerySyntax.isSubscript(f)) {
            kind = Subscript.named(BigQuerySyntax.functionName(f)).orElseThrow();
            List<Expression> args = BigQuerySyntax.arguments(f);
            if (args.size() != 1) {
                return otherSubscript(array + "[" + index + "]", node);
            }
            position = args.get(0);
        }
        return rules.subscript(array, kind, operand(position));
    }

    private String otherSubscript(String asWritten, Expression node) {
        rules.refusal(Construct.ARRAY_SUBSCRIPT).ifPresent(reason -> problem("array subscript", reason, node));
        return asWritten;
    }

    private String arrayExpression(ArrayExpression a) {
        if (a.getIndexExpression() == null) {
            return otherSubscript(a.toString(), a); // a slice, arr[1:2]
        }
        return subscript(operand(a.getObjExpression()), a.getIndexExpression(), a);
    }

    private String stringValue(StringValue s) {
        String prefix = s.getPrefix() == null ? "" : s.getPrefix().toUpperCase(Locale.ROOT);
        String value = SqlFragments.stringLiteralValue(s);
        if (prefix.isEmpty()) {
            return rules.string(value);
        }
        if (prefix.equals("R")) {
            return rules.rawString(value);
        }
        rules.refusal(Construct.BYTES_LITERAL).ifPresent(reason -> problem("bytes literal", reason, s));
        return s.toString();
    }

    /** The text value of a string literal argument, if the argument is one. */
    static Optional<String> literalText(Expression e) {
        Expression x = BigQuerySyntax.unwrap(e);
        if (x instanceof StringValue s
                && (s.getPrefix() == null || s.getPrefix().equalsIgnoreCase("R"))) {
            return Optional.of(SqlFragments.stringLiteralValue(s));
        }
        if (x instanceof Column c) {
            return SqlFragments.doubleQuotedString(c);
        }
        return Optional.empty();
    }

    /** A niladic function written without brackets: the function's rule, called with no arguments. */
    private String niladic(String name, Expression node) {
        return rules.function(name).render(new Call(this, node, name, List.of()));
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
            rules.division(this, type(b.getLeftExpression()), type(b.getRightExpression()), b);
            op = "/";
        } else if (b instanceof Modulo) {
            op = "%";
        } else if (b instanceof BitwiseAnd) {
            op = "&";
        } else if (b instanceof BitwiseOr) {
            op = "|";
        } else if (b instanceof BitwiseXor) {
            String left = r(b.getLeftExpression());
            return rules.bitwiseXor(left, r(b.getRightExpression()));
        } else if (b instanceof IsDistinctExpression x) {
            op = x.getStringExpression().trim().replaceAll("\\s+", " ");
        } else if (b instanceof Concat) {
            return rules.concatOperator(this, b.getLeftExpression(), b.getRightExpression());
        } else {
            return unsupported(b);
        }
        return r(b.getLeftExpression()) + " " + op + " " + r(b.getRightExpression());
    }

    /** An operand in an inserted operator: bracketed unless it is atomic. */
    String operand(Expression e) {
        String s = r(e);
        Expression x = e;
        boolean atomic = x instanceof Column
                || x instanceof StringValue
                || x instanceof LongValue
                || x instanceof DoubleValue
                || x instanceof NullValue
                || x instanceof BooleanValue
                || x instanceof Function
                || x instanceof ArrayConstructor
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
        rules.refusal(Construct.IN_NOT_A_LIST)
                .ifPresent(reason -> problem("IN " + abbreviate(right.toString()), reason, in));
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
        return rules.likeWithoutEscape(sql, l.getRightExpression());
    }

    private String interval(IntervalExpression i) {
        String unit = i.getIntervalType() == null ? "" : i.getIntervalType().toUpperCase(Locale.ROOT);
        String amount = i.getExpression() != null ? r(i.getExpression()) : i.getParameter();
        return rules.interval(this, i, amount, unit);
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
        if (c.getFormat() != null) {
            rules.refusal(Construct.CAST_FORMAT).ifPresent(reason -> problem(keyword + " ... FORMAT", reason, c));
        }
        String target = targetType(bigQueryType, keyword, c);
        String inner = r(c.getLeftExpression());
        String from = type(c.getLeftExpression());
        CastTypes types = new CastTypes(from, SqlTypes.baseType(bigQueryType));
        rules.castDifference(types).ifPresent(d -> differs(d.code(), d.construct(), d.reason(), c));
        return rules.cast(keyword, inner, target, types, c);
    }

    String targetType(String bigQueryType, String construct, Expression node) {
        Optional<String> t = rules.type(bigQueryType);
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
        return rules.typedLiteral(this, bigQueryType, value, node);
    }

    // ---- functions -----------------------------------------------------------------------------------------

    private String function(Function f) {
        String name = BigQuerySyntax.functionName(f);
        return rules.function(name).render(new Call(this, f, name, BigQuerySyntax.arguments(f)));
    }

    /** The call as written: its name as the spec spelled it, date-part arguments kept as words. */
    String callAsWritten(Function f, List<Expression> args) {
        String name = String.join(".", f.getMultipartName() == null ? List.of(f.getName()) : f.getMultipartName());
        StringBuilder sb = new StringBuilder(name).append('(');
        if (f.isDistinct()) {
            sb.append("DISTINCT ");
        }
        for (int i = 0; i < args.size(); i++) {
            Expression a = args.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append(
                            a instanceof AllColumns
                                    ? "*"
                                    : BigQuerySyntax.isDatePartArgument(f, i) ? BigQuerySyntax.datePartText(a) : r(a));
        }
        if (f.getOrderByElements() != null && !f.getOrderByElements().isEmpty()) {
            sb.append(" ORDER BY ").append(orderBy(f.getOrderByElements()));
        }
        return sb.append(')').toString();
    }

    String call(String name, boolean distinct, List<Expression> args, List<OrderByElement> orderBy) {
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

    String untranslatable(String name, String reason, Expression node) {
        problem(name, reason, node);
        return node.toString();
    }

    private String trim(TrimFunction t) {
        if (t.getTrimSpecification() != null || t.isUsingFromKeyword()) {
            return unsupported(t); // not BigQuery syntax
        }
        String subject = r(t.getExpression());
        if (t.getFromExpression() == null) {
            return "TRIM(" + subject + ")";
        }
        return rules.trimChars(subject, r(t.getFromExpression()));
    }

    private String extract(ExtractExpression x) {
        String part = x.getName().toUpperCase(Locale.ROOT);
        return rules.extract(this, part, r(x.getExpression()), x);
    }

    // ---- window functions ----------------------------------------------------------------------------------

    private String analytic(AnalyticExpression a) {
        String name = a.getName().toUpperCase(Locale.ROOT);
        boolean printable = a.getType() == AnalyticType.OVER && a.getWindowName() == null;
        Optional<String> refused = rules.refusal(Construct.WINDOW_FORM);
        if (refused.isPresent()
                && (!printable
                        || a.getKeep() != null
                        || a.getFilterExpression() != null
                        || a.getHavingClause() != null
                        || a.getLimit() != null)) {
            return untranslatable(name, refused.get(), a);
        }
        if (!printable) {
            return a.toString(); // kept as written
        }
        Optional<String> renamed = rules.windowFunction(name);
        if (renamed.isEmpty()) {
            return untranslatable(name + " OVER (...)", "", a);
        }
        String fn = renamed.get();
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
            } else {
                sb.append(rules.defaultNullOrdering(e.isAsc()));
            }
            out.add(sb.toString());
        }
        return String.join(", ", out);
    }

    // ---- types -----------------------------------------------------------------------------------------------

    /** The BigQuery type of a node of the tree being rendered, when it can be told; else null. */
    String type(Expression e) {
        return types.type(e);
    }

    // ---- problems ------------------------------------------------------------------------------------------

    private void track(Object node) {
        int[] p = position(node);
        if (p != null) {
            lastPosition = p;
        }
    }

    void differs(io.github.specpipeline.core.diag.DiagnosticCode code, String construct, String reason, Object node) {
        int[] p = position(node);
        if (p == null) {
            p = lastPosition;
        }
        differences.add(new EngineDifference(code, construct, d, reason, p[0], p[1]));
    }

    void problem(String construct, String reason, Object node) {
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
