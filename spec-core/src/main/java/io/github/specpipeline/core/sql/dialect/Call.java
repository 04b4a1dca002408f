package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.BigQuerySyntax;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * One BigQuery function call being rendered, as a {@link FunctionRule} sees it: its arguments, rendered on
 * demand, and the ways to write or refuse it. A niladic function written without brackets ({@code CURRENT_DATE})
 * is a call with no arguments whose node is not a {@link Function}.
 */
public final class Call {
    /** The functions DISTINCT is translated for. */
    private static final Set<String> DISTINCT_TRANSLATED =
            Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "STRING_AGG", "ARRAY_AGG", "APPROX_COUNT_DISTINCT");

    /** The aggregates whose ORDER BY is translated. */
    private static final Set<String> ORDER_BY_TRANSLATED = Set.of("STRING_AGG", "ARRAY_AGG");

    /** The aggregate whose IGNORE NULLS, RESPECT NULLS and LIMIT are translated. */
    private static final String ARRAY_AGG = "ARRAY_AGG";

    private final SqlRenderer walk;
    private final Expression node;
    private final String name;
    private final List<Expression> args;

    Call(SqlRenderer walk, Expression node, String name, List<Expression> args) {
        this.walk = walk;
        this.node = node;
        this.name = name;
        this.args = List.copyOf(args);
    }

    /** The function's name, upper-case ({@code SAFE.SUBSTR}). */
    public String name() {
        return name;
    }

    public int size() {
        return args.size();
    }

    public Expression arg(int i) {
        return args.get(i);
    }

    public List<Expression> args() {
        return args;
    }

    /** Argument {@code i} rendered. */
    public String sql(int i) {
        return walk.r(args.get(i));
    }

    /** Argument {@code i} rendered as an operand of an inserted operator: bracketed unless atomic. */
    public String operand(int i) {
        return walk.operand(args.get(i));
    }

    /** Any expression rendered as an operand. */
    String operand(Expression e) {
        return walk.operand(e);
    }

    /** {@code fn(args...)}, keeping the call's DISTINCT. */
    public String sameCall(String fn) {
        return walk.call(fn, distinct(), args, null);
    }

    /** {@code fn(args...)}. */
    public String call(String fn) {
        return walk.call(fn, false, args, null);
    }

    /** {@code fn(arguments...)} with other arguments, DISTINCT and ORDER BY. */
    public String call(String fn, boolean distinct, List<Expression> arguments, List<OrderByElement> orderBy) {
        return walk.call(fn, distinct, arguments, orderBy);
    }

    public boolean distinct() {
        return node instanceof Function f && f.isDistinct();
    }

    public List<OrderByElement> orderBy() {
        return node instanceof Function f ? f.getOrderByElements() : null;
    }

    /** Whether the call says IGNORE NULLS ({@code ARRAY_AGG(x IGNORE NULLS)}). */
    public boolean ignoreNulls() {
        return node instanceof Function f
                && (f.isIgnoreNulls() || f.getNullHandling() == Function.NullHandling.IGNORE_NULLS);
    }

    /** The row count of the call's LIMIT ({@code ARRAY_AGG(x LIMIT 1)}), if it has one. */
    public Optional<Expression> limit() {
        return node instanceof Function f && f.getLimit() != null
                ? Optional.ofNullable(f.getLimit().getRowCount())
                : Optional.empty();
    }

    /** A string literal of the dialect holding {@code value}. */
    public String string(String value) {
        return walk.rules().string(value);
    }

    /** The text of a string-literal argument, if it is one. */
    public Optional<String> literal(int i) {
        return SqlRenderer.literalText(args.get(i));
    }

    /** The BigQuery type of argument {@code i}, when it can be told; else null. */
    public String type(int i) {
        return walk.type(args.get(i));
    }

    /** The BigQuery type of any expression of the call (an ORDER BY key), when it can be told; else null. */
    String type(Expression e) {
        return walk.type(e);
    }

    /** The date-part word of argument {@code i} ({@code DAY}), upper-case; empty for any other argument. */
    public Optional<String> datePart(int i) {
        return i < args.size() ? BigQuerySyntax.datePartWord(args.get(i)) : Optional.empty();
    }

    /** Argument {@code i} shortened for a message. */
    public String abbreviated(int i) {
        return SqlRenderer.abbreviate(args.get(i).toString());
    }

    /** Argument {@code i} as {@code INTERVAL n PART}: (amount rendered, part upper-case), or null. */
    public String[] interval(int i) {
        if (i < args.size() && args.get(i) instanceof IntervalExpression in && in.getIntervalType() != null) {
            String amount = in.getExpression() != null ? walk.r(in.getExpression()) : in.getParameter();
            return new String[] {amount, in.getIntervalType().toUpperCase(java.util.Locale.ROOT)};
        }
        return null;
    }

    /** Records that this call cannot be translated, and why; returns the call's text. */
    public String refuse(String reason) {
        return walk.untranslatable(name, reason, node);
    }

    /** Records that the call has an argument count the translation does not handle ({@code expected}: "1 or 2"). */
    public String arity(String expected) {
        return refuse("it is translated with " + expected + " argument" + (expected.equals("1") ? "" : "s") + ", not "
                + args.size());
    }

    /** Records that the translation can give another result than BigQuery's, and when; the rendering goes on. */
    public void differs(io.github.specpipeline.core.diag.DiagnosticCode code, String reason) {
        walk.differs(code, name, reason, node);
    }

    /** Records a problem with a construct of the call other than the call itself; the rendering goes on. */
    public void problem(String construct, String reason) {
        walk.problem(construct, reason, node);
    }

    /** The call kept as BigQuery wrote it, its columns and arguments rendered (date parts stay words). */
    String asWritten() {
        if (!(node instanceof Function f)) {
            return name + "()";
        }
        if (unusual(f)) {
            return f.toString();
        }
        return walk.callAsWritten(f, args);
    }

    /**
     * The checks every translation shares, then {@code translation}: a call form or prefix the dialect refuses
     * stops here, whatever the function.
     */
    String translated(FunctionRule.Translation translation) {
        if (node instanceof Function f) {
            if (refusedForm(f) || (f.getOrderByElements() != null && !ORDER_BY_TRANSLATED.contains(name))) {
                Optional<String> refused = walk.rules().refusal(Construct.CALL_FORM);
                if (refused.isPresent()) {
                    walk.problem(name, refused.get(), f);
                    return f.toString();
                }
            }
            if (f.isDistinct() && !DISTINCT_TRANSLATED.contains(name)) {
                walk.rules().refusal(Construct.DISTINCT_ARGUMENT).ifPresent(r -> walk.problem(name, r, f));
            }
            if (name.startsWith("SAFE.")) {
                Optional<String> refused = walk.rules().refusal(Construct.SAFE_PREFIX);
                if (refused.isPresent()) {
                    walk.problem(name, refused.get(), f);
                    return f.toString();
                }
            }
            if (name.equals("COUNT") && args.size() == 1 && args.get(0) instanceof AllColumns) {
                return "COUNT(*)";
            }
        }
        return translation.render(this);
    }

    /** A call form a target refuses: {@link #unusual}, but ARRAY_AGG's IGNORE NULLS, RESPECT NULLS and LIMIT. */
    private boolean refusedForm(Function f) {
        boolean arrayAgg = name.equals(ARRAY_AGG);
        return f.getNamedParameters() != null
                || f.getKeep() != null
                || f.getHavingClause() != null
                || (f.getLimit() != null && !arrayAgg)
                || f.getAttribute() != null
                || (f.isIgnoreNulls() && !arrayAgg)
                || (f.getNullHandling() != null && !arrayAgg)
                || f.isUnique()
                || f.getExtraKeyword() != null;
    }

    private static boolean unusual(Function f) {
        return f.getNamedParameters() != null
                || f.getKeep() != null
                || f.getHavingClause() != null
                || f.getLimit() != null
                || f.getAttribute() != null
                || f.isIgnoreNulls()
                || f.getNullHandling() != null
                || f.isUnique()
                || f.getExtraKeyword() != null;
    }
}
