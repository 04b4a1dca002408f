package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.escape.QuotedString;
import io.github.specpipeline.core.sql.BigQueryType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.IntervalExpression;

/**
 * Spark SQL, inside the expressions of the PySpark target. Regular-expression replacements are rewritten in
 * Java syntax, date formats as Java patterns, and what Spark has no type or function for (TIME, DATETIME
 * functions, SPLIT by a delimiter) is refused.
 */
public final class SparkRules extends DialectRules {
    static final SparkRules INSTANCE = new SparkRules();

    /** Spark SQL's keywords reserved in ANSI mode, plus the ones that always are. */
    private static final Set<String> KEYWORDS = Set.of(("all and any anti array as asc authorization between both by"
                    + " case cast check collate column constraint create cross cube current current_date current_time"
                    + " current_timestamp current_user default desc distinct else end escape except exists false"
                    + " fetch filter for foreign from full grant group grouping having in inner intersect interval"
                    + " into is join lateral leading left like limit minus natural not null of offset on only or"
                    + " order outer overlaps primary references right rollup select semi session_user set some table"
                    + " then time to trailing true union unique unknown user using values when where window with")
            .split(" "));

    private static final Map<String, FunctionRule> FUNCTIONS = Translations.shared()
            // NULL if any argument is NULL, as in BigQuery
            .translate("CONCAT", c -> c.call("concat"))
            .translate("SAFE_DIVIDE", Translations.renamed2("try_divide"))
            .translate("DIV", c -> c.size() != 2 ? c.arity("2") : "(" + c.operand(0) + " DIV " + c.operand(1) + ")")
            .translate("STRING_AGG", SparkRules::stringAgg)
            .translate(
                    "REGEXP_CONTAINS",
                    c -> c.size() != 2 ? c.arity("2") : "(" + c.operand(0) + " RLIKE " + c.operand(1) + ")")
            .translate("REGEXP_REPLACE", SparkRules::regexpReplace)
            .translate(
                    "REGEXP_EXTRACT",
                    c -> Translations.regexpExtract(
                            c, (call, subject, pattern) -> call.operand(0) + " RLIKE " + pattern))
            .translate("STARTS_WITH", Translations.renamed2("startswith"))
            .translate("ENDS_WITH", Translations.renamed2("endswith"))
            .translate("STRPOS", Translations.renamed2("instr"))
            .translate(List.of("LTRIM", "RTRIM"), n -> SparkRules::sideTrim)
            .refuse("SPLIT", "Spark's split takes a regular expression, not a delimiter")
            .translate(
                    "ARRAY_LENGTH",
                    c -> c.size() != 1
                            ? c.arity("1")
                            : "CASE WHEN " + c.sql(0) + " IS NULL THEN NULL ELSE size(" + c.sql(0) + ") END")
            .translate("ARRAY_TO_STRING", Translations.renamed2("array_join"))
            .translate("GENERATE_UUID", c -> "uuid()")
            .refuse(
                    "IEEE_DIVIDE",
                    "Spark's division by zero is NULL (or an error in ANSI mode), not BigQuery's infinity or NaN")
            .translate("TO_HEX", c -> c.size() != 1 ? c.arity("1") : "lower(hex(" + c.sql(0) + "))")
            .refuse("FARM_FINGERPRINT", Translations.NO_FARM_FINGERPRINT)
            .translate("CURRENT_TIMESTAMP", Translations.niladic(c -> "current_timestamp()"))
            .translate("CURRENT_DATE", Translations.niladic(c -> "current_date()"))
            .translate("CURRENT_DATETIME", Translations.niladic(c -> noType(c, "Spark has no DATETIME function")))
            .translate("CURRENT_TIME", Translations.niladic(c -> noType(c, "Spark has no TIME type")))
            .translate("TIMESTAMP", c -> Translations.timestamp(c, "TIMESTAMP"))
            .translate(
                    List.of("DATE_TRUNC", "TIMESTAMP_TRUNC"),
                    n -> c -> Translations.dateTrunc(c, unit -> unit.toUpperCase(Locale.ROOT)))
            .translate("DATE_DIFF", SparkRules::dateDiff)
            .translate("TIMESTAMP_DIFF", SparkRules::timestampDiff)
            .translate(List.of("DATE_ADD", "DATE_SUB"), n -> SparkRules::dateAdd)
            .translate(List.of("TIMESTAMP_ADD", "TIMESTAMP_SUB"), n -> SparkRules::timestampAdd)
            .translate(List.of("FORMAT_DATE", "FORMAT_TIMESTAMP"), n -> SparkRules::formatDate)
            .translate(List.of("PARSE_DATE", "PARSE_TIMESTAMP"), n -> SparkRules::parseDate)
            .build();

    private SparkRules() {}

    @Override
    public Dialect dialect() {
        return Dialect.SPARK;
    }

    @Override
    public Set<String> keywords() {
        return KEYWORDS;
    }

    /** {@code `x`}, a backtick doubled. */
    @Override
    public String quoteAlways(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Spark SQL (with default settings) resolves backslash escapes in quoted strings, as BigQuery does. */
    @Override
    public String string(String value) {
        // Spark replaces ${name} in SQL text before parsing it (spark.sql.variable.substitute, on by default), inside
        // quoted strings too: '${x}' became '' (seen running the hostile spec's PySpark). A backslash, u and 0024 is
        // Spark's escape
        // for '$', so the text holds no "${" and the value is unchanged.
        return QuotedString.SQL.of(value).replace("${", "\\u0024{");
    }

    /** Spark has no TIME, INTERVAL column or GEOGRAPHY type; STRUCTs are not mapped field by field. */
    @Override
    public Optional<String> type(BigQueryType type) {
        if (type instanceof BigQueryType.Array a) {
            return type(a.element()).map(x -> "ARRAY<" + x + ">");
        }
        if (type instanceof BigQueryType.Struct) {
            return Optional.empty();
        }
        BigQueryType.Scalar s = (BigQueryType.Scalar) type;
        return switch (s.kind()) {
            case INT64 -> Optional.of("BIGINT");
            case NUMERIC -> Optional.of(s.parameters().isEmpty() ? "DECIMAL(38,9)" : "DECIMAL" + s.compactParameters());
            case BIGNUMERIC, FLOAT64 -> Optional.of("DOUBLE");
            case BOOL -> Optional.of("BOOLEAN");
            case STRING, JSON -> Optional.of("STRING");
            case BYTES -> Optional.of("BINARY");
            case DATE -> Optional.of("DATE");
            case DATETIME -> Optional.of("TIMESTAMP_NTZ");
            case TIMESTAMP -> Optional.of("TIMESTAMP");
            case TIME, INTERVAL, GEOGRAPHY -> Optional.empty();
        };
    }

    @Override
    public Map<String, FunctionRule> functions() {
        return FUNCTIONS;
    }

    @Override
    public Optional<String> refusal(Construct construct) {
        return Optional.of(construct.reason(Dialect.SPARK));
    }

    // ---- functions -----------------------------------------------------------------------------------------

    private static String noType(Call c, String reason) {
        c.problem(c.name(), reason);
        return c.name();
    }

    private static String stringAgg(Call c) {
        if (c.size() == 0 || c.size() > 2) {
            return c.arity("1 or 2");
        }
        if (c.distinct() || c.orderBy() != null) {
            return c.refuse("DISTINCT and ORDER BY are not translated for Spark");
        }
        String separator = c.size() == 2 ? c.sql(1) : c.string(",");
        return "array_join(collect_list(" + c.sql(0) + "), " + separator + ")";
    }

    /** The replacement is rewritten from RE2's {@code \1} to Java's {@code $1}, so it must be a literal. */
    private static String regexpReplace(Call c) {
        if (c.size() != 3) {
            return c.arity("3");
        }
        Optional<String> replacement = c.literal(2);
        if (replacement.isEmpty()) {
            return c.refuse("the replacement must be a string literal to be rewritten for Spark");
        }
        Optional<String> java = Patterns.javaReplacement(replacement.get());
        if (java.isEmpty()) {
            return c.refuse("the replacement uses an escape other than \\1..\\9 or \\\\");
        }
        return "regexp_replace(" + c.sql(0) + ", " + c.sql(1) + ", " + c.string(java.get()) + ")";
    }

    private static String sideTrim(Call c) {
        if (c.size() == 1) {
            return c.call(c.name());
        }
        if (c.size() != 2) {
            return c.arity("1 or 2");
        }
        return "TRIM(" + (c.name().equals("LTRIM") ? "LEADING " : "TRAILING ") + c.sql(1) + " FROM " + c.sql(0) + ")";
    }

    private static String dateDiff(Call c) {
        return Translations.dateDiff(c, (call, part, end, start) -> switch (part) {
            case "DAY" -> "datediff(" + end + ", " + start + ")";
            case "MONTH" ->
                "((year(" + end + ") - year(" + start + ")) * 12 + month(" + end + ") - month(" + start + "))";
            case "QUARTER" ->
                "((year(" + end + ") - year(" + start + ")) * 4 + quarter(" + end + ") - quarter(" + start + "))";
            case "YEAR" -> "(year(" + end + ") - year(" + start + "))";
            default -> call.refuse("date part ISOWEEK is not translated for Spark");
        });
    }

    private static String timestampDiff(Call c) {
        return Translations.timestampDiff(
                c, (call, part, end, start) -> "timestampdiff(" + part + ", " + start + ", " + end + ")");
    }

    private static String dateAdd(Call c) {
        String[] interval = c.size() == 2 ? c.interval(1) : null;
        if (interval == null) {
            return c.refuse("only " + c.name() + "(date, INTERVAL n part) is translated");
        }
        String amount = interval[0];
        String part = interval[1];
        if (!Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR").contains(part)) {
            return c.refuse("date part " + part + " is not translated");
        }
        boolean sub = c.name().equals("DATE_SUB");
        String dateSql = c.sql(0);
        String signed = sub ? "-(" + amount + ")" : amount;
        return switch (part) {
            case "DAY" -> (sub ? "date_sub(" : "date_add(") + dateSql + ", " + amount + ")";
            case "WEEK" -> "date_add(" + dateSql + ", 7 * (" + signed + "))";
            case "MONTH" -> "add_months(" + dateSql + ", " + signed + ")";
            case "QUARTER" -> "add_months(" + dateSql + ", 3 * (" + signed + "))";
            default -> "add_months(" + dateSql + ", 12 * (" + signed + "))";
        };
    }

    private static String timestampAdd(Call c) {
        String[] interval = c.size() == 2 ? c.interval(1) : null;
        if (interval == null || !Translations.TIME_PARTS.contains(interval[1])) {
            return c.refuse("only " + c.name() + "(timestamp, INTERVAL n MICROSECOND..DAY) is translated");
        }
        String ts = c.sql(0);
        String amount = c.name().equals("TIMESTAMP_SUB") ? "-(" + interval[0] + ")" : interval[0];
        return "timestampadd(" + interval[1] + ", " + amount + ", " + ts + ")";
    }

    private static String formatDate(Call c) {
        return Translations.formatted(
                c,
                "format, value",
                f -> Patterns.sparkPattern(f, false),
                (call, format, value) -> "date_format(" + value + ", " + format + ")");
    }

    private static String parseDate(Call c) {
        String fn = c.name().equals("PARSE_DATE") ? "to_date(" : "to_timestamp(";
        return Translations.formatted(
                c,
                "format, text",
                f -> Patterns.sparkPattern(f, true),
                (call, format, text) -> fn + text + ", " + format + ")");
    }

    // ---- syntax --------------------------------------------------------------------------------------------

    @Override
    String arrayLiteral(String items) {
        return "array(" + items + ")";
    }

    @Override
    String bitwiseXor(String left, String right) {
        return left + " ^ " + right;
    }

    @Override
    String concatOperator(SqlRenderer walk, Expression left, Expression right) {
        return Translations.explicitConcat(walk, left, right);
    }

    @Override
    String likeWithoutEscape(String sql, Expression pattern) {
        return sql;
    }

    @Override
    String interval(SqlRenderer walk, IntervalExpression node, String amount, String unit) {
        Translations.checkIntervalUnit(walk, node, unit);
        if (!amount.matches("-?\\d+")) {
            walk.problem("INTERVAL", "Spark needs a literal interval amount", node);
        }
        return "INTERVAL " + amount + " " + unit;
    }

    @Override
    String cast(String keyword, String inner, String target, CastTypes types, Expression node) {
        return Translations.cast(keyword, inner, target);
    }

    /** Spark reads {@code 1.5} as a DECIMAL; BigQuery's is a FLOAT64 ({@code ROUND(1.005, 2)} is 1.0, not 1.01). */
    @Override
    String floatLiteral(String text) {
        return text + "D";
    }

    @Override
    String typedLiteral(SqlRenderer walk, String base, String value, Expression node) {
        return Translations.typedLiteral(this, walk, base, value, node);
    }

    @Override
    String trimChars(String subject, String chars) {
        return "TRIM(BOTH " + chars + " FROM " + subject + ")";
    }

    @Override
    String extract(SqlRenderer walk, String part, String value, ExtractExpression node) {
        return switch (part) {
            case "YEAR", "QUARTER", "MONTH", "DAY", "HOUR", "MINUTE" -> "EXTRACT(" + part + " FROM " + value + ")";
            case "SECOND" -> "second(" + value + ")";
            case "DAYOFWEEK" -> "dayofweek(" + value + ")";
            case "DAYOFYEAR" -> "dayofyear(" + value + ")";
            case "ISOWEEK" -> "weekofyear(" + value + ")";
            case "ISOYEAR" -> walk.untranslatable("EXTRACT(ISOYEAR)", "Spark has no ISO year function", node);
            case "DATE" -> "CAST(" + value + " AS DATE)";
            default -> walk.untranslatable("EXTRACT(" + part + ")", "this date part is not translated", node);
        };
    }

    @Override
    Optional<String> windowFunction(String name) {
        return Translations.windowFunction(name);
    }

    @Override
    String defaultNullOrdering(boolean ascending) {
        return "";
    }
}
