package io.github.specpipeline.core.sql.dialect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.Expression;

/**
 * The translations DuckDB and Spark SQL write the same way, and the syntax both targets treat alike. Each
 * dialect's table still names every function it translates; an entry may point here.
 */
final class Translations {
    private Translations() {}

    /** BigQuery functions both targets have under the same name with the same meaning. */
    static final List<String> SAME_NAME = List.of(
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

    /** The window functions both targets translate (aggregates renamed as {@link #RENAMED_AGGREGATES} says). */
    static final Set<String> WINDOW_FUNCTIONS = Set.of(
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

    static final Map<String, String> RENAMED_AGGREGATES =
            Map.of("COUNTIF", "count_if", "LOGICAL_AND", "bool_and", "LOGICAL_OR", "bool_or");

    /** Date parts DATE_TRUNC and DATE_DIFF translate for dates (WEEK starts on Sunday in BigQuery only). */
    static final Set<String> DATE_PARTS_FOR_DATES = Set.of("DAY", "ISOWEEK", "MONTH", "QUARTER", "YEAR");

    /** Date parts TIMESTAMP_TRUNC translates. */
    static final Set<String> TIMESTAMP_TRUNC_PARTS = Set.of(
            "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "ISOWEEK", "MONTH", "QUARTER", "YEAR");

    /** Date parts of the TIMESTAMP_DIFF/ADD/SUB translations. */
    static final Set<String> TIME_PARTS = Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY");

    /** The interval units both targets read as BigQuery does. */
    static final Set<String> INTERVAL_UNITS =
            Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND");

    /**
     * INITCAP's default delimiters as a regular-expression class that Java (Spark) and RE2 (DuckDB) read alike:
     * Unicode white space (the separators of category Z, the controls tab to carriage return and U+0085, each
     * seen capitalising the next letter in GoogleSQL) and {@code [ ] ( ) { } / | \ < > ! ? @ " ^ # $ & ~ _ , . : ; *
     * % + -}, BigQuery's documented list ({@code '} and {@code =} are not delimiters).
     */
    static final String INITCAP_DELIMITERS =
            "[\\p{Z}\\t\\n\\x0B\\f\\r\\x{85}\\[\\](){}/|\\\\<>!?@\"\\^#$&~_,.:;*%+\\-]";

    /** The lambda variable of INITCAP's translations: a name no spec column has, so none is shadowed. */
    static final String INITCAP_INDEX = "__initcap_i";

    /** The LIMIT of an aggregate call as its literal row count, or empty when it has another form. */
    static java.util.Optional<String> literalLimit(Call c) {
        return c.limit()
                .filter(n -> n instanceof net.sf.jsqlparser.expression.LongValue)
                .map(Object::toString);
    }

    static final String NO_FARM_FINGERPRINT =
            "there is no FarmHash Fingerprint64 function (the engine's own hash functions give other values)";

    /** A table under construction: entries keep their order, and a name is entered once. */
    static final class Table {
        private final Map<String, FunctionRule> rules = new LinkedHashMap<>();
        /** While the shared entries are entered: those the dialect translates itself, left out. */
        private Set<String> own;

        Table() {
            this(Set.of());
        }

        private Table(Set<String> own) {
            this.own = Set.copyOf(own);
        }

        Table translate(String name, FunctionRule.Translation how) {
            return put(name, new FunctionRule.Translated(how));
        }

        Table translate(List<String> names, Function<String, FunctionRule.Translation> how) {
            for (String name : names) {
                translate(name, how.apply(name));
            }
            return this;
        }

        Table refuse(String name, String reason) {
            return put(name, new FunctionRule.Refused(reason));
        }

        private Table put(String name, FunctionRule rule) {
            if (own.contains(name)) {
                return this;
            }
            if (rules.putIfAbsent(name, rule) != null) {
                throw new IllegalStateException(name + " is in the table twice");
            }
            return this;
        }

        /** The dialect's own entries follow: none is left out any more. */
        private Table sharedDone() {
            own = Set.of();
            return this;
        }

        Map<String, FunctionRule> build() {
            return java.util.Collections.unmodifiableMap(rules);
        }
    }

    /** A table holding the entries both targets write the same way; each dialect adds the rest. */
    static Table shared() {
        return shared(Set.of());
    }

    /** {@link #shared()} without the same-name entries {@code own}, which the dialect translates itself. */
    static Table shared(Set<String> own) {
        return new Table(own)
                .translate(SAME_NAME, Translations::sameName)
                .translate("LOG", Translations::log)
                .translate("LN", c -> c.call("ln"))
                .translate("COUNTIF", Translations::countIf)
                .translate(List.of("LOGICAL_AND", "LOGICAL_OR"), n -> Translations::renamedAggregate)
                .translate(List.of("GREATEST", "LEAST"), n -> Translations::greatest)
                .translate("IF", Translations::ifCall)
                .translate("IFNULL", Translations::ifNull)
                .translate("REGEXP_EXTRACT_ALL", Translations::regexpExtractAll)
                .translate(List.of("LPAD", "RPAD"), n -> Translations::pad)
                .translate("DATE", Translations::date)
                .sharedDone();
    }

    // ---- shared translations -------------------------------------------------------------------------------

    /** The same function, same arguments (ROUND: at most 2, LAST_DAY: exactly 1, the others as written). */
    static FunctionRule.Translation sameName(String name) {
        return switch (name) {
            case "ROUND" -> c -> c.size() > 2 ? c.arity("1 or 2") : c.sameCall(name);
            case "LAST_DAY" -> c -> c.size() != 1 ? c.arity("1") : c.sameCall(name);
            default -> c -> c.sameCall(name);
        };
    }

    static String log(Call c) {
        return c.size() == 1
                ? "ln(" + c.sql(0) + ")"
                : c.size() == 2 ? "(ln(" + c.sql(0) + ") / ln(" + c.sql(1) + "))" : c.arity("1 or 2");
    }

    /** BigQuery's COUNTIF is 0 when no row matches; count_if is NULL when every input is NULL. */
    static String countIf(Call c) {
        return c.size() == 1 ? "count(CASE WHEN " + c.sql(0) + " THEN 1 END)" : c.arity("1");
    }

    static String renamedAggregate(Call c) {
        return c.size() == 1 ? c.call(RENAMED_AGGREGATES.get(c.name())) : c.arity("1");
    }

    /** BigQuery: NULL if any argument is NULL; DuckDB and Spark skip NULLs. */
    static String greatest(Call c) {
        String call = c.call(c.name());
        String anyNull = c.args().stream().map(a -> c.operand(a) + " IS NULL").collect(Collectors.joining(" OR "));
        return "CASE WHEN " + anyNull + " THEN NULL ELSE " + call + " END";
    }

    static String ifCall(Call c) {
        return c.size() == 3
                ? "CASE WHEN " + c.sql(0) + " THEN " + c.sql(1) + " ELSE " + c.sql(2) + " END"
                : c.arity("3");
    }

    static String ifNull(Call c) {
        return c.size() == 2 ? c.call("COALESCE") : c.arity("2");
    }

    /** A two-argument function under another name. */
    static FunctionRule.Translation renamed2(String to) {
        return c -> c.size() != 2 ? c.arity("2") : c.call(to);
    }

    /** How a dialect tests that {@code pattern} matches the subject (argument 0), both rendered. */
    @FunctionalInterface
    interface MatchTest {
        String render(Call c, String subject, String pattern);
    }

    /** REGEXP_EXTRACT: the capture group if there is one, and NULL when nothing matches (targets say ''). */
    static String regexpExtract(Call c, MatchTest matches) {
        if (c.size() != 2) {
            return c.arity("2");
        }
        Optional<String> pattern = c.literal(1);
        if (pattern.isEmpty()) {
            return c.refuse("the pattern must be a string literal (its capture group decides the result)");
        }
        int groups = Patterns.captureGroups(pattern.get());
        if (groups > 1) {
            return c.refuse("the pattern has " + groups + " capture groups; BigQuery allows at most one");
        }
        String subject = c.sql(0);
        String p = c.sql(1);
        return "CASE WHEN " + matches.render(c, subject, p) + " THEN regexp_extract(" + subject + ", " + p + ", "
                + groups + ") END";
    }

    static String regexpExtractAll(Call c) {
        if (c.size() != 2) {
            return c.arity("2");
        }
        Optional<String> pattern = c.literal(1);
        if (pattern.isEmpty()) {
            return c.refuse("the pattern must be a string literal");
        }
        int groups = Patterns.captureGroups(pattern.get());
        if (groups > 1) {
            return c.refuse("the pattern has " + groups + " capture groups; BigQuery allows at most one");
        }
        return "regexp_extract_all(" + c.sql(0) + ", " + c.sql(1) + ", " + groups + ")";
    }

    static String pad(Call c) {
        if (c.size() < 2 || c.size() > 3) {
            return c.arity("2 or 3");
        }
        String fill = c.size() == 3 ? c.sql(2) : c.string(" ");
        return c.name().toLowerCase(Locale.ROOT) + "(" + c.sql(0) + ", " + c.sql(1) + ", " + fill + ")";
    }

    static String date(Call c) {
        if (c.size() == 1) {
            return "CAST(" + c.sql(0) + " AS DATE)";
        }
        if (c.size() == 3) {
            return c.call("make_date");
        }
        return c.refuse("only DATE(expression) and DATE(year, month, day) are translated");
    }

    /** {@code TIMESTAMP(expression)} as a cast to the dialect's TIMESTAMP type. */
    static String timestamp(Call c, String timestampType) {
        return c.size() == 1
                ? "CAST(" + c.sql(0) + " AS " + timestampType + ")"
                : c.refuse("only TIMESTAMP(expression) is translated");
    }

    /** {@code CURRENT_DATE()} and friends: without a time zone argument, {@code niladic}'s rendering. */
    static FunctionRule.Translation niladic(FunctionRule.Translation niladic) {
        return c -> c.size() == 0 ? niladic.render(c) : c.refuse("the time zone argument is not translated");
    }

    /**
     * DATE_TRUNC and TIMESTAMP_TRUNC as {@code date_trunc('unit', x)}, the unit in the dialect's case. DuckDB and
     * Spark return a timestamp; BigQuery's DATE_TRUNC of a DATE is a DATE.
     */
    static String dateTrunc(Call c, Function<String, String> unitCase) {
        if (c.size() != 2) {
            return c.refuse("the time zone argument is not translated");
        }
        String part = c.datePart(1).orElse(null);
        boolean timestamp = c.name().equals("TIMESTAMP_TRUNC");
        Set<String> allowed = timestamp ? TIMESTAMP_TRUNC_PARTS : DATE_PARTS_FOR_DATES;
        if (part == null || !allowed.contains(part)) {
            return c.refuse("date part " + (part == null ? c.abbreviated(1) : part)
                    + " is not translated (WEEK starts on Sunday in BigQuery, on Monday elsewhere)");
        }
        String unit = unitCase.apply(part.equals("ISOWEEK") ? "week" : part.toLowerCase(Locale.ROOT));
        String truncated = "date_trunc('" + unit + "', " + c.sql(0) + ")";
        String argType = c.type(0);
        boolean keepTimestamp = timestamp || "TIMESTAMP".equals(argType) || "DATETIME".equals(argType);
        return keepTimestamp ? truncated : "CAST(" + truncated + " AS DATE)";
    }

    /** How a dialect writes a difference of two dates or timestamps, {@code part} upper-case, both rendered. */
    @FunctionalInterface
    interface Difference {
        String render(Call c, String part, String end, String start);
    }

    /** {@code DATE_DIFF(end, start, part)} for the parts that count the same everywhere. */
    static String dateDiff(Call c, Difference how) {
        return difference(c, DATE_PARTS_FOR_DATES, " is not translated (WEEK starts on Sunday in BigQuery)", how);
    }

    /** {@code TIMESTAMP_DIFF(end, start, part)}: whole intervals, as BigQuery counts them. */
    static String timestampDiff(Call c, Difference how) {
        return difference(c, TIME_PARTS, " is not translated", how);
    }

    private static String difference(Call c, Set<String> parts, String refusal, Difference how) {
        if (c.size() != 3) {
            return c.arity("3");
        }
        String part = c.datePart(2).orElse(null);
        if (part == null || !parts.contains(part)) {
            return c.refuse("date part " + (part == null ? c.abbreviated(2) : part) + refusal);
        }
        String end = c.sql(0);
        String start = c.sql(1);
        return how.render(c, part, end, start);
    }

    /** How a dialect writes a formatting or parsing call: the format as a literal, the value rendered. */
    @FunctionalInterface
    interface Formatted {
        String render(Call c, String format, String value);
    }

    /**
     * FORMAT_DATE / FORMAT_TIMESTAMP ({@code form} "format, value") and PARSE_* ("format, text"): the format
     * literal (argument 1) converted for the dialect, or a refusal.
     */
    static String formatted(Call c, String form, Function<String, Optional<String>> convert, Formatted how) {
        if (c.size() != 2) {
            return c.refuse("only " + c.name() + "(" + form + ") is translated");
        }
        Optional<String> format = c.literal(0);
        if (format.isEmpty()) {
            return c.refuse("the format must be a string literal");
        }
        Optional<String> converted = convert.apply(format.get());
        if (converted.isEmpty()) {
            return c.refuse("format " + c.string(format.get()) + " uses an element with no equivalent");
        }
        return how.render(c, c.string(converted.get()), c.sql(1));
    }

    // ---- shared syntax -------------------------------------------------------------------------------------

    /** {@code (a || b)} with bracketed operands: engines give || different precedences. */
    static String explicitConcat(SqlRenderer walk, Expression left, Expression right) {
        return "(" + walk.operand(left) + " || " + walk.operand(right) + ")";
    }

    /** SAFE_CAST is TRY_CAST in both targets. */
    static String cast(String keyword, String inner, String target) {
        return (keyword.equals("SAFE_CAST") ? "TRY_CAST" : "CAST") + "(" + inner + " AS " + target + ")";
    }

    /** {@code DATE '...'}, {@code TIMESTAMP '...'} in the dialect's type; any other as a cast of the string. */
    static String typedLiteral(DialectRules rules, SqlRenderer walk, String base, String value, Expression node) {
        String upper = base.toUpperCase(Locale.ROOT);
        if (upper.equals("DATE")) {
            return "DATE " + rules.string(value);
        }
        if (upper.equals("TIMESTAMP")) {
            return rules.type("TIMESTAMP").orElseThrow() + " " + rules.string(value);
        }
        return "CAST(" + rules.string(value) + " AS " + walk.targetType(upper, upper + " literal", node) + ")";
    }

    /** Whether the interval unit is one the targets read as BigQuery does; records the refusal if not. */
    static void checkIntervalUnit(SqlRenderer walk, Expression node, String unit) {
        if (unit.isEmpty() || !INTERVAL_UNITS.contains(unit)) {
            walk.problem("INTERVAL", "interval unit '" + unit + "' is not translated", node);
        }
    }

    static Optional<String> windowFunction(String name) {
        return WINDOW_FUNCTIONS.contains(name)
                ? Optional.of(RENAMED_AGGREGATES.getOrDefault(name, name))
                : Optional.empty();
    }
}
