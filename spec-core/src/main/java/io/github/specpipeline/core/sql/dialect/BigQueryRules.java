package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.escape.QuotedString;
import io.github.specpipeline.core.sql.BigQueryType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.IntervalExpression;

/**
 * BigQuery, the spec's own dialect (the dbt BigQuery adapter and Dataform targets): every call and construct is
 * kept as the spec wrote it, with its column references rendered by the scope and its literals re-written
 * safely.
 */
public final class BigQueryRules extends DialectRules {
    static final BigQueryRules INSTANCE = new BigQueryRules();

    /** BigQuery's reserved keywords (GoogleSQL lexical structure). */
    private static final Set<String> KEYWORDS = Set.of(("all and any array as asc assert_rows_modified at between by"
                    + " case cast collate contains create cross cube current default define desc distinct else end"
                    + " enum escape except exclude exists extract false fetch following for from full group grouping"
                    + " groups hash having if ignore in inner intersect interval into is join lateral left like limit"
                    + " lookup merge natural new no not null nulls of on or order outer over partition preceding proto"
                    + " qualify range recursive respect right rollup rows select set some struct tablesample then to"
                    + " treat true unbounded union unnest using when where window with within")
            .split(" "));

    private static final FunctionRule AS_WRITTEN = new FunctionRule.AsWritten();

    private BigQueryRules() {}

    @Override
    public Dialect dialect() {
        return Dialect.BIGQUERY;
    }

    @Override
    public Set<String> keywords() {
        return KEYWORDS;
    }

    /** {@code `x`}: a backslash and a backtick are escaped with a backslash. */
    @Override
    public String quoteAlways(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    @Override
    public String string(String value) {
        return QuotedString.SQL.of(value);
    }

    /** Keeps the raw form when the value allows it: regular expressions stay readable. */
    @Override
    public String rawString(String value) {
        return rawSafe(value) ? "r'" + value + "'" : string(value);
    }

    private static boolean rawSafe(String value) {
        if (value.endsWith("\\")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** The type as the spec wrote it (normalised). */
    @Override
    public Optional<String> type(BigQueryType type) {
        return Optional.of(type.text());
    }

    @Override
    public Map<String, FunctionRule> functions() {
        return Map.of();
    }

    @Override
    public FunctionRule function(String name) {
        return AS_WRITTEN;
    }

    @Override
    public Optional<String> refusal(Construct construct) {
        return Optional.empty();
    }

    @Override
    String arrayLiteral(String items) {
        return "[" + items + "]";
    }

    @Override
    String subscript(String array, Subscript kind, String position) {
        return array + "[" + kind.name() + "(" + position + ")]";
    }

    @Override
    String bitwiseXor(String left, String right) {
        return left + " ^ " + right;
    }

    @Override
    String concatOperator(SqlRenderer walk, Expression left, Expression right) {
        return walk.r(left) + " || " + walk.r(right);
    }

    @Override
    String likeWithoutEscape(String sql, Expression pattern) {
        return sql;
    }

    @Override
    String interval(SqlRenderer walk, IntervalExpression node, String amount, String unit) {
        return "INTERVAL " + amount + " " + unit;
    }

    @Override
    String cast(String keyword, String inner, String target, CastTypes types, Expression node) {
        return ((CastExpression) node).getFormat() != null
                ? node.toString()
                : keyword + "(" + inner + " AS " + target + ")";
    }

    @Override
    String floatLiteral(String text) {
        return text;
    }

    @Override
    String typedLiteral(SqlRenderer walk, String base, String value, Expression node) {
        return base.toUpperCase(Locale.ROOT) + " " + string(value);
    }

    @Override
    String trimChars(String subject, String chars) {
        return "TRIM(" + subject + ", " + chars + ")";
    }

    @Override
    String extract(SqlRenderer walk, String part, String value, ExtractExpression node) {
        return "EXTRACT(" + part + " FROM " + value + ")";
    }

    @Override
    Optional<String> windowFunction(String name) {
        return Optional.of(name);
    }

    @Override
    String defaultNullOrdering(boolean ascending) {
        return "";
    }
}
