package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.MultiPartName;

/**
 * What JSqlParser's tree does not say about BigQuery, for every walk over a parsed fragment (the analysis in
 * {@link SqlFragments}, the planner's column lists, the renderer of each dialect): they all read these answers
 * here instead of each knowing the quirks.
 *
 * <p>JSqlParser reads standard SQL, so several BigQuery words come out as columns: the date part of
 * {@code DATE_TRUNC(d, MONTH)} and of {@code WEEK(MONDAY)}, the niladic {@code CURRENT_DATE} written without
 * brackets, and {@code "text"} (a string in BigQuery, a quoted name in standard SQL). Each is recognised by its
 * form and position.
 */
public final class BigQuerySyntax {
    private BigQuerySyntax() {}

    /** BigQuery date/time part words, as the date-part argument of the *_DIFF, *_TRUNC and LAST_DAY functions. */
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

    /** Niladic date/time functions; JSqlParser models them as a column when written without brackets. */
    private static final Set<String> NILADIC =
            Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_DATETIME", "CURRENT_TIMESTAMP");

    /** The BigQuery array subscript operators of {@code arr[OFFSET(0)]}: syntax, not function calls. */
    private static final Set<String> SUBSCRIPTS = Set.of("OFFSET", "ORDINAL", "SAFE_OFFSET", "SAFE_ORDINAL");

    /** Upper-case name with unquoted parts joined by dots: {@code SAFE.SUBSTR}, {@code HLL_COUNT.MERGE}. */
    public static String functionName(Function function) {
        List<String> parts = function.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return SqlLiterals.upper(String.valueOf(function.getName()));
        }
        List<String> unquoted = new ArrayList<>();
        for (String part : parts) {
            unquoted.add(unquote(part));
        }
        return SqlLiterals.upper(String.join(".", unquoted));
    }

    /** The call's arguments (none for {@code f()}). */
    public static List<Expression> arguments(Function function) {
        List<Expression> args = new ArrayList<>();
        if (function.getParameters() != null) {
            args.addAll(function.getParameters());
        }
        return args;
    }

    /** {@code name} without a {@code SAFE.} prefix (upper-case input). */
    public static String withoutSafePrefix(String name) {
        return name.startsWith("SAFE.") ? name.substring(5) : name;
    }

    /**
     * {@code MultiPartName.unquote}: the name without its leading run of {@code " [ `} and trailing run of
     * {@code " ] `}. A name that starts and ends with none of them is returned as it is, without JSqlParser's regular
     * expression, which was most of resolving a column when the translation check renders a 10,000-model spec.
     */
    public static String unquote(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        char first = name.charAt(0);
        char last = name.charAt(name.length() - 1);
        boolean quoted = first == '"' || first == '[' || first == '`' || last == '"' || last == ']' || last == '`';
        return quoted ? MultiPartName.unquote(name) : name;
    }

    /** Whether the column has no table part ({@code a}, not {@code t.a}). */
    public static boolean isUnqualified(Column column) {
        return column.getTable() == null || column.getTable().getNameParts().isEmpty();
    }

    /**
     * The column as a reference: quotes removed, the qualifier's parts joined by dots ({@code a.b} for
     * {@code a.b.c}).
     */
    public static ColumnRef refOf(Column column) {
        String qualifier = null;
        if (column.getTable() != null) {
            // name parts are stored innermost first (table, schema, catalog) and may hold nulls for "a..b"
            List<String> parts = new ArrayList<>();
            for (String part : column.getTable().getNameParts()) {
                if (part != null && !part.isEmpty()) {
                    parts.add(0, unquote(part));
                }
            }
            qualifier = parts.isEmpty() ? null : String.join(".", parts);
        }
        return new ColumnRef(qualifier, unquote(column.getColumnName()));
    }

    /**
     * The value of a BigQuery double-quoted string ({@code "text"}) that JSqlParser read as a column, or empty
     * when {@code column} is a real column reference.
     */
    public static Optional<String> doubleQuotedString(Column column) {
        return isDoubleQuotedString(column) ? SqlLiterals.stringValue(column.getColumnName()) : Optional.empty();
    }

    /** Whether a column node is a BigQuery double-quoted string: unqualified, written {@code "..."}. */
    public static boolean isDoubleQuotedString(Column column) {
        String name = column.getColumnName();
        return isUnqualified(column) && name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"");
    }

    /** Whether {@code name} (upper-case) is one of the niladic date/time functions ({@code CURRENT_DATE}, ...). */
    public static boolean isNiladic(String name) {
        return NILADIC.contains(name);
    }

    /**
     * The niladic function a column node stands for ({@code CURRENT_DATE} written without brackets), upper-case,
     * or empty for a real column.
     */
    public static Optional<String> niladic(Column column) {
        String name = column.getColumnName();
        if (isUnqualified(column) && !MultiPartName.isQuoted(name) && NILADIC.contains(SqlLiterals.upper(name))) {
            return Optional.of(SqlLiterals.upper(name));
        }
        return Optional.empty();
    }

    /** The function a time-key node calls: {@code CURRENT_DATE} for {@code current_date()}. */
    public static String niladic(TimeKeyExpression timeKey) {
        return SqlLiterals.upper(timeKey.getStringValue()).replace("()", "").trim();
    }

    /** The index of the date-part argument of a function (name upper-case, {@code SAFE.} allowed), if it has one. */
    public static OptionalInt datePartIndex(String functionName) {
        Integer i = DATE_PART_ARGUMENT.get(withoutSafePrefix(functionName));
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Whether argument {@code index} of {@code function} is a date part as BigQuery reads it, not a column. */
    public static boolean isDatePartArgument(Function function, int index) {
        OptionalInt at = datePartIndex(functionName(function));
        return at.isPresent()
                && at.getAsInt() == index
                && function.getParameters() != null
                && index < function.getParameters().size()
                && isDatePart(function.getParameters().get(index));
    }

    /** A date-part argument: an unquoted, unqualified date-part word, or {@code WEEK(<weekday>)}. */
    public static boolean isDatePart(Expression argument) {
        if (argument instanceof Column c) {
            return isUnqualified(c)
                    && !MultiPartName.isQuoted(c.getColumnName())
                    && DATE_PARTS.contains(SqlLiterals.upper(c.getColumnName()));
        }
        return argument instanceof Function f
                && WEEK_PARTS.contains(functionName(f))
                && f.getParameters() != null
                && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof Column;
    }

    /**
     * A date part as written ({@code month}, {@code WEEK(MONDAY)}), for a dialect that keeps it as BigQuery reads
     * it; {@code argument} satisfies {@link #isDatePart}.
     */
    public static String datePartText(Expression argument) {
        if (argument instanceof Column c) {
            return c.getColumnName();
        }
        Function f = (Function) argument;
        Column weekday = (Column) f.getParameters().get(0);
        String name = f.getMultipartName() == null ? f.getName() : String.join(".", f.getMultipartName());
        return name + "(" + weekday.getColumnName() + ")";
    }

    /**
     * The date-part word of an argument, upper-case, when it is a bare unquoted name ({@code DAY}); empty for any
     * other argument (including {@code WEEK(MONDAY)}). The word is not checked against the known parts: a
     * translation says which parts it accepts.
     */
    public static Optional<String> datePartWord(Expression argument) {
        if (argument instanceof Column c && isUnqualified(c) && !MultiPartName.isQuoted(c.getColumnName())) {
            return Optional.of(SqlLiterals.upper(c.getColumnName()));
        }
        return Optional.empty();
    }

    /** Whether a function node inside {@code [...]} is a subscript operator ({@code OFFSET(0)}), not a call. */
    public static boolean isSubscript(Function function) {
        return SUBSCRIPTS.contains(functionName(function));
    }

    /** The expression inside redundant brackets: {@code x} for {@code ((x))}. */
    public static Expression unwrap(Expression expression) {
        Expression x = expression;
        while (x instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            x = p.get(0);
        }
        return x;
    }
}
