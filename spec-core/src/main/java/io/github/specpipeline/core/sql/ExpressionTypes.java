package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
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
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;

/**
 * The BigQuery type an expression of a parsed fragment evaluates to, when it can be told without a catalog (the
 * types of the columns it reads come from {@code columnTypes}); null when it cannot. Dialect-independent: every
 * renderer and the planner's cast decisions read it.
 */
public final class ExpressionTypes {
    /**
     * The type of each node already inferred ({@link #UNKNOWN} for null): {@code COALESCE}, {@code IF} and the
     * arithmetic read an argument's type more than once, which without this is exponential in the nesting; with
     * it, a tree is typed in one pass. Keyed by identity: equal-looking subtrees in different places may read
     * columns of different types.
     */
    private final Map<Expression, String> types = new IdentityHashMap<>();

    private static final String UNKNOWN = "";

    private final java.util.function.Function<ColumnRef, String> columnTypes;

    /** @param columnTypes the BigQuery type of a column the expression reads, or null when unknown */
    public ExpressionTypes(java.util.function.Function<ColumnRef, String> columnTypes) {
        this.columnTypes = columnTypes;
    }

    public String type(Expression e) {
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
        Expression x = BigQuerySyntax.unwrap(e);
        if (x instanceof Column c) {
            if (BigQuerySyntax.doubleQuotedString(c).isPresent()) {
                return "STRING";
            }
            String t = columnTypes.apply(BigQuerySyntax.refOf(c));
            return t == null ? null : SqlTypes.baseType(t);
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
        if (x instanceof net.sf.jsqlparser.expression.SignedExpression s) {
            String t = type(s.getExpression());
            return "INT64".equals(t) || "FLOAT64".equals(t) || "NUMERIC".equals(t) || "BIGNUMERIC".equals(t) ? t : null;
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
            return SqlTypes.baseType(c.getColDataType().toString());
        }
        if (x instanceof Concat) {
            return "STRING";
        }
        if (x instanceof TimeKeyExpression t) {
            return BigQuerySyntax.niladic(t).substring("CURRENT_".length());
        }
        if (x instanceof ExtractExpression ex) {
            return ex.getName().equalsIgnoreCase("DATE") ? "DATE" : "INT64";
        }
        if (x instanceof TrimFunction) {
            return "STRING";
        }
        if (x instanceof CaseExpression c) {
            String known = null;
            boolean unknown = false;
            List<Expression> results = new ArrayList<>();
            c.getWhenClauses().forEach(w -> results.add(w.getThenExpression()));
            if (c.getElseExpression() != null) {
                results.add(c.getElseExpression());
            }
            for (Expression r : results) {
                String t = type(r);
                if (t == null) {
                    unknown = true;
                } else if (known == null) {
                    known = t;
                }
            }
            // INT64 beside a branch of unknown type (ELSE 0): the CASE may well be NUMERIC or FLOAT64
            return unknown && "INT64".equals(known) ? null : known;
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
            return functionType(BigQuerySyntax.functionName(f), BigQuerySyntax.arguments(f));
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
            // FLOAT64 only when both operands are known not to be NUMERIC: an unknown one may be
            case "SAFE_DIVIDE" ->
                args.stream().map(this::type).anyMatch("NUMERIC"::equals)
                        ? "NUMERIC"
                        : args.stream().map(this::type).anyMatch(t -> t == null) ? null : "FLOAT64";
            default -> null;
        };
    }
}
