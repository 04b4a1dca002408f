package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.BigQueryType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.IntervalExpression;

/**
 * Everything one SQL dialect decides when a BigQuery expression is written in it, in one class per dialect (the
 * way sqlglot keeps one dialect per file): identifier quoting and keywords, string literals, the type map, a
 * table from BigQuery function to its rendering or refusal, and the renderings of the syntax that is not a call.
 * {@link SqlRenderer} walks the tree and asks the rules at each node; it never tests which dialect it writes.
 *
 * <p>Adding a dialect means adding a subclass (and its {@link Dialect} constant) and its table-driven test.
 */
public abstract sealed class DialectRules permits BigQueryRules, DuckDbRules, SparkRules {

    DialectRules() {}

    /** The dialect these rules are for. */
    public abstract Dialect dialect();

    // ---- identifiers and literals --------------------------------------------------------------------------

    /** The dialect's keywords that must be quoted as identifiers, lower-case. */
    public abstract Set<String> keywords();

    /** The identifier, always quoted. */
    public abstract String quoteAlways(String identifier);

    /** Whether an identifier must be quoted: a keyword of this dialect, or not a plain name. */
    public final boolean needsQuotes(String identifier) {
        return !isPlain(identifier) || keywords().contains(identifier.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code identifier} matches {@code [A-Za-z_][A-Za-z0-9_]*}, without a regular expression: rendering asks
     * this for every column of every fragment (a 10,000-model spec's translation check asks it millions of times).
     */
    static boolean isPlain(String identifier) {
        int n = identifier.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = identifier.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The identifier, quoted only when it must be. */
    public final String quote(String identifier) {
        return needsQuotes(identifier) ? quoteAlways(identifier) : identifier;
    }

    /** A string literal holding exactly {@code value}, safe for any content. */
    public abstract String string(String value);

    /** A string literal for a value the spec wrote as a raw string ({@code r'...'}). */
    public String rawString(String value) {
        return string(value);
    }

    // ---- types ---------------------------------------------------------------------------------------------

    /** The column type of this dialect for a BigQuery type, or empty when the dialect has no equivalent. */
    public abstract Optional<String> type(BigQueryType type);

    /** {@link #type(BigQueryType)} for a type's text; empty when the text is not a valid BigQuery type. */
    public final Optional<String> type(String bigQueryType) {
        return BigQueryType.parse(bigQueryType).flatMap(this::type);
    }

    // ---- functions and constructs --------------------------------------------------------------------------

    /**
     * The function table: every BigQuery function this dialect translates or refuses by name, upper-case. Empty
     * for BigQuery, which writes every call as the spec did.
     */
    public abstract Map<String, FunctionRule> functions();

    /** Why a function without an entry is refused. */
    static final String NOT_CATALOGUED = "it is not in the function catalogue (functions.html)";

    /** The rule for a function (upper-case name): its entry, or a refusal when it has none. */
    public FunctionRule function(String name) {
        FunctionRule rule = functions().get(name);
        return rule != null ? rule : new FunctionRule.Refused(NOT_CATALOGUED);
    }

    /** Why the dialect refuses a construct, or empty when it keeps the construct as written. */
    public abstract Optional<String> refusal(Construct construct);

    // ---- renderings of syntax that is not a call (used by the renderer's walk) -----------------------------

    /** An array literal {@code [a, b]} with its items rendered. */
    abstract String arrayLiteral(String items);

    /**
     * {@code array[OFFSET(position)]} and the other {@link Subscript}s, array and position rendered (the position
     * as an operand); BigQuery's error for a position outside the array is raised where the dialect would give
     * NULL or count from the end.
     */
    abstract String subscript(String array, Subscript kind, String position);

    /** {@code a ^ b} (bitwise exclusive or) with its operands rendered. */
    abstract String bitwiseXor(String left, String right);

    /**
     * Told of every division ({@code /}) with its operands' BigQuery types (null when unknown), to report where the
     * dialect's quotient can differ from BigQuery's; the operator itself is written as it is.
     */
    void division(SqlRenderer walk, String leftType, String rightType, Expression node) {}

    /** {@code a || b}: engines give || different precedences, so targets make the tree explicit. */
    abstract String concatOperator(SqlRenderer walk, Expression left, Expression right);

    /** A LIKE without ESCAPE, {@code sql} as rendered, in this dialect's escape rules. */
    abstract String likeWithoutEscape(String sql, Expression pattern);

    /** {@code INTERVAL amount unit} (amount rendered, unit upper-case). */
    abstract String interval(SqlRenderer walk, IntervalExpression node, String amount, String unit);

    /**
     * {@code CAST} or {@code SAFE_CAST} (keyword upper-case) of {@code inner} to {@code target}, the dialect's type;
     * {@code types} are the BigQuery types of the cast, where a dialect's cast means something else for some.
     */
    abstract String cast(String keyword, String inner, String target, CastTypes types, Expression node);

    /** A FLOAT64 literal as the spec wrote it ({@code 1.5}, {@code 1e20}). */
    abstract String floatLiteral(String text);

    /** A typed literal: {@code DATE '2024-01-01'}; {@code base} is the BigQuery type, upper-case. */
    abstract String typedLiteral(SqlRenderer walk, String base, String value, Expression node);

    /** BigQuery's {@code TRIM(subject, chars)}. */
    abstract String trimChars(String subject, String chars);

    /** {@code EXTRACT(part FROM value)}, part upper-case, value rendered. */
    abstract String extract(SqlRenderer walk, String part, String value, ExtractExpression node);

    /** The name a BigQuery window function (upper-case) has in this dialect, or empty when it is not translated. */
    abstract Optional<String> windowFunction(String name);

    /** What an ORDER BY element without NULLS FIRST/LAST gets appended to sort NULLs as BigQuery does. */
    abstract String defaultNullOrdering(boolean ascending);

    /**
     * A cast whose translation runs but can give another value than BigQuery's for some inputs (code, construct
     * and reason; the position is the cast's): validation reports it where a spec casts that way.
     */
    Optional<EngineDifference> castDifference(CastTypes types) {
        return Optional.empty();
    }
}
