package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.diag.DiagnosticCode;
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

    /** Spark's DECIMAL for BigQuery's NUMERIC. */
    private static final String NUMERIC = "DECIMAL(38,9)";

    private static final Map<String, FunctionRule> FUNCTIONS = Translations.shared(Set.of(
                    "CEIL",
                    "CEILING",
                    "FLOOR",
                    "SIGN",
                    "AVG",
                    "SQRT",
                    "LN",
                    "LOG",
                    "LOG10",
                    "SUBSTR",
                    "SUBSTRING",
                    "ROUND",
                    "IF",
                    "APPROX_COUNT_DISTINCT"))
            // NULL if any argument is NULL, as in BigQuery
            .translate("CONCAT", c -> c.call("concat"))
            .translate("SAFE_DIVIDE", SparkRules::safeDivide)
            .translate(List.of("CEIL", "CEILING", "FLOOR"), n -> c -> roundedToWhole(c, n))
            .translate("SIGN", SparkRules::sign)
            .translate("AVG", SparkRules::avg)
            .translate("SQRT", c -> guarded(c, "< 0", "Argument to SQRT cannot be negative", c.call("SQRT")))
            .translate("LN", c -> guarded(c, "<= 0", "Floating point error in function: LN", c.call("ln")))
            .translate("LOG10", c -> guarded(c, "<= 0", "Floating point error in function: LOG10", c.call("LOG10")))
            .translate("LOG", SparkRules::log)
            .translate(List.of("SUBSTR", "SUBSTRING"), n -> SparkRules::substr)
            .translate("ROUND", SparkRules::round)
            .translate("IF", SparkRules::ifCall)
            .translate("APPROX_COUNT_DISTINCT", SparkRules::approxCountDistinct)
            .translate("DIV", c -> c.size() != 2 ? c.arity("2") : "(" + c.operand(0) + " DIV " + c.operand(1) + ")")
            .translate("STRING_AGG", SparkRules::stringAgg)
            .translate("ARRAY_AGG", SparkRules::arrayAgg)
            .translate("INITCAP", SparkRules::initcap)
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
            .translate("SPLIT", SparkRules::split)
            .translate(
                    "ARRAY_LENGTH",
                    c -> c.size() != 1
                            ? c.arity("1")
                            : "CASE WHEN " + c.sql(0) + " IS NULL THEN NULL ELSE size(" + c.sql(0) + ") END")
            .translate("ARRAY_TO_STRING", Translations.renamed2("array_join"))
            .translate("GENERATE_UUID", c -> "uuid()")
            .translate("IEEE_DIVIDE", SparkRules::ieeeDivide)
            .translate("TO_HEX", c -> c.size() != 1 ? c.arity("1") : "lower(hex(" + c.sql(0) + "))")
            .refuse("FARM_FINGERPRINT", Translations.NO_FARM_FINGERPRINT)
            .translate("CURRENT_TIMESTAMP", Translations.niladic(c -> "current_timestamp()"))
            .translate("CURRENT_DATE", Translations.niladic(c -> "current_date()"))
            // the session's time zone is UTC, as BigQuery's default
            .translate("CURRENT_DATETIME", Translations.niladic(c -> "localtimestamp()"))
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

    /**
     * collect_list skips NULLs as STRING_AGG does; the values are sorted when the call orders by the value itself
     * (array_sort: ascending, reverse for DESC) and made distinct with collect_set; no value at all is NULL, as
     * in BigQuery (array_join of an empty list is ''). ORDER BY another expression is refused.
     */
    private static String stringAgg(Call c) {
        if (c.size() == 0 || c.size() > 2) {
            return c.arity("1 or 2");
        }
        String value = c.sql(0);
        String list = (c.distinct() ? "collect_set(" : "collect_list(") + value + ")";
        List<net.sf.jsqlparser.statement.select.OrderByElement> order = c.orderBy();
        if (order != null) {
            if (order.size() != 1
                    || !order.get(0).getExpression().toString().equals(c.arg(0).toString())
                    || order.get(0).getNullOrdering() != null) {
                return c.refuse("only ORDER BY the aggregated value itself is translated for Spark");
            }
            list = order.get(0).isAsc() ? "array_sort(" + list + ")" : "reverse(array_sort(" + list + "))";
        } else if (c.distinct()) {
            // BigQuery gives no order without ORDER BY; sorting makes the result stable
            list = "array_sort(" + list + ")";
        }
        String separator = c.size() == 2 ? c.sql(1) : c.string(",");
        return "CASE WHEN count(" + value + ") = 0 THEN NULL ELSE array_join(" + list + ", " + separator + ") END";
    }

    /**
     * collect_list skips NULLs, where BigQuery's ARRAY_AGG keeps them (GoogleSQL's reference engine returns
     * {@code [1, NULL, 3]}; only writing such an array out fails): each value is collected in a struct, which is
     * never NULL, with the ORDER BY keys beside it, sorted by a comparator with BigQuery's NULL order (first when
     * ascending, last when descending), then unwrapped; IGNORE NULLS collects nothing for a NULL, DISTINCT keeps the
     * first of equal values, LIMIT slices. No value at all (no row, only NULLs ignored, LIMIT 0) is NULL, as in
     * BigQuery (collect_list gives []).
     */
    private static String arrayAgg(Call c) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        Optional<String> limit = Translations.literalLimit(c);
        if (c.limit().isPresent() && limit.isEmpty()) {
            return c.refuse("the LIMIT must be a whole-number literal");
        }
        String x = c.sql(0);
        List<net.sf.jsqlparser.statement.select.OrderByElement> order = c.orderBy() == null ? List.of() : c.orderBy();
        String values;
        if (order.isEmpty() && c.ignoreNulls()) {
            values = "collect_list(" + x + ")";
        } else {
            StringBuilder struct = new StringBuilder("named_struct('v', ").append(x);
            for (int k = 0; k < order.size(); k++) {
                struct.append(", 'k")
                        .append(k)
                        .append("', ")
                        .append(c.operand(order.get(k).getExpression()));
            }
            struct.append(')');
            String collected =
                    c.ignoreNulls() ? "CASE WHEN " + x + " IS NOT NULL THEN " + struct + " END" : struct.toString();
            String list = "collect_list(" + collected + ")";
            if (!order.isEmpty()) {
                list = "array_sort(" + list + ", (__l, __r) -> " + comparator(c, order) + ")";
            }
            values = "transform(" + list + ", __e -> __e.v)";
        }
        if (c.distinct()) {
            values = "array_distinct(" + values + ")";
        }
        if (limit.isPresent()) {
            values = "slice(" + values + ", 1, " + limit.get() + ")";
        }
        // counted, not size(values), so the aggregate is written once
        String none = limit.filter(n -> n.equals("0")).isPresent()
                ? "TRUE"
                : (c.ignoreNulls() ? "count(" + x + ")" : "count(*)") + " = 0";
        return "CASE WHEN " + none + " THEN NULL ELSE " + values + " END";
    }

    /**
     * array_sort's comparator of two structs {@code __l}, {@code __r} by their keys k0, k1, ... in BigQuery's order:
     * NULLs first when ascending, and a FLOAT64 NaN next to them, below every number (Spark's comparison puts NaN
     * above every number).
     */
    private static String comparator(Call c, List<net.sf.jsqlparser.statement.select.OrderByElement> order) {
        String next = "0";
        for (int k = order.size() - 1; k >= 0; k--) {
            net.sf.jsqlparser.statement.select.OrderByElement e = order.get(k);
            boolean asc = e.isAsc();
            boolean nullsFirst = e.getNullOrdering() == null
                    ? asc
                    : e.getNullOrdering() == net.sf.jsqlparser.statement.select.OrderByElement.NullOrdering.NULLS_FIRST;
            String l = "__l.k" + k;
            String r = "__r.k" + k;
            String nan = !"FLOAT64".equals(c.type(e.getExpression()))
                    ? ""
                    : " WHEN isnan(" + l + ") AND NOT isnan(" + r + ") THEN " + (asc ? "-1" : "1") + " WHEN isnan(" + r
                            + ") AND NOT isnan(" + l + ") THEN " + (asc ? "1" : "-1");
            next = "CASE WHEN " + l + " IS NULL AND " + r + " IS NOT NULL THEN " + (nullsFirst ? "-1" : "1")
                    + " WHEN " + r + " IS NULL AND " + l + " IS NOT NULL THEN " + (nullsFirst ? "1" : "-1") + nan
                    + " WHEN "
                    + l + " < " + r + " THEN " + (asc ? "-1" : "1") + " WHEN " + l + " > " + r + " THEN "
                    + (asc ? "1" : "-1") + " ELSE " + next + " END";
        }
        return next;
    }

    /**
     * Spark's initcap only starts a word after a space, and lower-cases the rest: each character is written by a
     * lambda over its position instead, upper-case at the start and after a delimiter (BigQuery's default set, or
     * the characters of the second argument), else lower-case. A character whose upper case is longer (ß) stays as
     * it is, as in BigQuery.
     */
    private static String initcap(Call c) {
        if (c.size() < 1 || c.size() > 2) {
            return c.arity("1 or 2");
        }
        String s = c.sql(0);
        String i = Translations.INITCAP_INDEX;
        String ch = "substring(" + s + ", " + i + ", 1)";
        String before = "substring(" + s + ", " + i + " - 1, 1)";
        String afterDelimiter = c.size() == 1
                ? before + " RLIKE " + c.string(Translations.INITCAP_DELIMITERS)
                : "instr(" + c.sql(1) + ", " + before + ") > 0";
        String upper = "CASE WHEN char_length(upper(" + ch + ")) = 1 THEN upper(" + ch + ") ELSE " + ch + " END";
        String word = "array_join(transform(sequence(1, char_length(" + s + ")), " + i + " -> CASE WHEN " + i
                + " = 1 OR " + afterDelimiter + " THEN " + upper + " ELSE lower(" + ch + ") END), '')";
        // sequence(1, 0) counts down, so '' is written out
        String result = "CASE WHEN " + s + " = '' THEN '' ELSE " + word + " END";
        return c.size() == 2 && c.literal(1).isEmpty()
                ? "CASE WHEN " + c.sql(1) + " IS NULL THEN NULL ELSE " + result + " END"
                : result;
    }

    /**
     * BigQuery splits at every occurrence of the delimiter text (each character when it is empty); Spark's split
     * takes a regular expression, so the delimiter is quoted ({@code \Q..\E}) and must be a literal; limit -1
     * keeps trailing empty parts as BigQuery does.
     */
    private static String split(Call c) {
        if (c.size() < 1 || c.size() > 2) {
            return c.arity("1 or 2");
        }
        Optional<String> delimiter = c.size() == 2 ? c.literal(1) : Optional.of(",");
        if (delimiter.isEmpty() || delimiter.get().contains("\\E")) {
            return c.refuse("the delimiter must be a string literal (Spark splits by a regular expression)");
        }
        String subject = c.sql(0);
        if (delimiter.get().isEmpty()) {
            // split('abc', '') gives a, b, c as BigQuery does, and '' gives [''] where BigQuery gives []
            return "CASE WHEN " + subject + " = '' THEN array() ELSE split(" + subject + ", '', -1) END";
        }
        return "split(" + subject + ", " + c.string("\\Q" + delimiter.get() + "\\E") + ", -1)";
    }

    /** BigQuery's FLOAT64 division without errors: infinities and NaN for a zero divisor. */
    private static String ieeeDivide(Call c) {
        if (c.size() != 2) {
            return c.arity("2");
        }
        String a = c.operand(0);
        String b = c.operand(1);
        return "CASE WHEN " + b + " = 0 THEN CASE WHEN " + a + " > 0 THEN double('inf') WHEN " + a
                + " < 0 THEN double('-inf') WHEN " + a + " = 0 OR isnan(" + a + ") THEN double('NaN') END"
                + " ELSE CAST(" + a + " AS DOUBLE) / CAST(" + b + " AS DOUBLE) END";
    }

    /** Spark's ceil and floor of a DOUBLE are BIGINTs; BigQuery's are FLOAT64 (NUMERIC stays NUMERIC). */
    private static String roundedToWhole(Call c, String name) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        String call = c.call(name);
        return "NUMERIC".equals(c.type(0)) ? call : "CAST(" + call + " AS DOUBLE)";
    }

    /** Spark's sign is a DOUBLE for every input; BigQuery's has the input's type. */
    private static String sign(Call c) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        String call = c.call("SIGN");
        String type = c.type(0);
        if ("INT64".equals(type)) {
            return "CAST(" + call + " AS BIGINT)";
        }
        return "NUMERIC".equals(type) ? "CAST(" + call + " AS " + NUMERIC + ")" : call;
    }

    /** Spark's avg of DECIMAL(38,9) keeps more digits; BigQuery's AVG of NUMERIC rounds to NUMERIC's 9. */
    private static String avg(Call c) {
        String call = c.sameCall("AVG");
        return "NUMERIC".equals(c.size() == 1 ? c.type(0) : null) ? "CAST(" + call + " AS " + NUMERIC + ")" : call;
    }

    /**
     * Dividing by a DECIMAL(38,9), Spark keeps 18 fractional digits (its precision rules with
     * {@code allowPrecisionLoss=false}, as the generated code and the test engine set it), BigQuery rounds to 9.
     */
    private static String safeDivide(Call c) {
        if (c.size() != 2) {
            return c.arity("2");
        }
        if ("NUMERIC".equals(c.type(1))) {
            c.differs(
                    DiagnosticCode.SP244,
                    "dividing by a NUMERIC, Spark keeps 18 fractional digits of the quotient, BigQuery rounds it to 9");
        }
        return c.call("try_divide");
    }

    /** Spark rounds a DOUBLE's shortest decimal text ({@code 1.005} to 1.01), BigQuery the binary value (1.0). */
    private static String round(Call c) {
        if (c.size() > 2) {
            return c.arity("1 or 2");
        }
        if (c.size() == 2 && "FLOAT64".equals(c.type(0)) && !c.sql(1).equals("0")) {
            c.differs(
                    DiagnosticCode.SP245,
                    "Spark rounds a FLOAT64's shortest decimal text, BigQuery its binary value, so a value such as"
                            + " 1.005 (binary 1.00499..) rounds up on Spark and down on BigQuery");
        }
        return c.sameCall("ROUND");
    }

    /** A bare NULL condition has Spark's type VOID, which CASE WHEN refuses. */
    private static String ifCall(Call c) {
        if (c.size() != 3) {
            return c.arity("3");
        }
        String condition = c.sql(0).equals("NULL") ? "CAST(NULL AS BOOLEAN)" : c.sql(0);
        return "CASE WHEN " + condition + " THEN " + c.sql(1) + " ELSE " + c.sql(2) + " END";
    }

    private static String approxCountDistinct(Call c) {
        c.differs(
                DiagnosticCode.SP246,
                "both engines estimate the count, with different algorithms, so the counts can differ");
        return c.sameCall("APPROX_COUNT_DISTINCT");
    }

    /** Where BigQuery raises an error (SQRT(-1), LN(0)), Spark returns NaN or NULL: the error is raised here. */
    private static String guarded(Call c, String outOfDomain, String message, String call) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        return "CASE WHEN " + c.operand(0) + " " + outOfDomain + " THEN raise_error(" + c.string(message) + ") ELSE "
                + call + " END";
    }

    private static String log(Call c) {
        if (c.size() == 1) {
            return guarded(c, "<= 0", "Floating point error in function: LOG", "ln(" + c.sql(0) + ")");
        }
        if (c.size() != 2) {
            return c.arity("1 or 2");
        }
        String x = c.operand(0);
        String base = c.operand(1);
        // a literal base above 0 and not 1 needs no check
        boolean fineBase = c.sql(1).matches("[0-9]+(\\.[0-9]*)?")
                && Double.parseDouble(c.sql(1)) > 0
                && Double.parseDouble(c.sql(1)) != 1;
        return "CASE WHEN " + x + " <= 0" + (fineBase ? "" : " OR " + base + " <= 0 OR " + base + " = 1")
                + " THEN raise_error('Floating point error in function: LOG') ELSE (ln(" + c.sql(0) + ") / ln("
                + c.sql(1) + ")) END";
    }

    /**
     * BigQuery reads position 0 as 1 and a negative position before the start as the start, and refuses a
     * negative length; Spark returns less text for the first two and '' for the last. A literal position from 1
     * up and a literal length are kept.
     */
    private static String substr(Call c) {
        if (c.size() < 2 || c.size() > 3) {
            return c.arity("2 or 3");
        }
        String subject = c.sql(0);
        String position = c.sql(1);
        String length = "";
        if (c.size() == 3) {
            length = c.sql(2).matches("[0-9]+")
                    ? ", " + c.sql(2)
                    : ", CASE WHEN " + c.operand(2) + " < 0 THEN raise_error('Third argument in SUBSTR() cannot be"
                            + " negative') ELSE " + c.sql(2) + " END";
        }
        String name = c.name();
        if (position.matches("[1-9][0-9]*")) {
            return name + "(" + subject + ", " + position + length + ")";
        }
        String from = position.equals("0")
                ? "1"
                : "CASE WHEN " + c.operand(1) + " = 0 THEN 1 WHEN " + c.operand(1) + " < 0 THEN greatest(" + position
                        + ", -char_length(" + subject + ")) ELSE " + position + " END";
        return name + "(" + subject + ", " + from + length + ")";
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
            // trunc to WEEK is the Monday before, as ISO weeks start
            default -> "(datediff(trunc(" + end + ", 'WEEK'), trunc(" + start + ", 'WEEK')) DIV 7)";
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

    /**
     * Spark's element_at counts from 1 and from the end for a negative index, and raises an error or gives NULL past
     * the end depending on ANSI mode: try_element_at (NULL) is used, and BigQuery's error raised here, so the result
     * does not depend on the session's settings.
     */
    @Override
    String subscript(String array, Subscript kind, String position) {
        return kind.render(
                array,
                position,
                "try_element_at(" + array + ", " + kind.oneBased(position) + ")",
                "size",
                "raise_error(" + string(Subscript.OUT_OF_BOUNDS) + ")");
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

    /**
     * The casts whose Spark meaning differs from BigQuery's are written out: to STRING, BigQuery writes NUMERIC
     * without trailing zeros and times with fractions of a second in groups of three digits (and a TIMESTAMP with
     * {@code +00}; the session's time zone is UTC); to INT64 it rounds halves away from zero where Spark
     * truncates, and reads hexadecimal text ({@code '0x1F'}).
     */
    @Override
    String cast(String keyword, String inner, String target, CastTypes types, Expression node) {
        if (types.is("NUMERIC", "STRING")) {
            return "regexp_replace(CAST(" + inner + " AS STRING), " + string("(\\.[0-9]*[1-9])0+$|\\.0+$") + ", '$1')";
        }
        if (types.is("FLOAT64", "STRING")) {
            return floatText(inner);
        }
        if (types.is("TIMESTAMP", "STRING")) {
            return "concat(" + fractionInThrees("date_format(" + inner + ", 'yyyy-MM-dd HH:mm:ss.SSSSSS')")
                    + ", '+00')";
        }
        if (types.is("DATETIME", "STRING")) {
            return fractionInThrees("date_format(" + inner + ", 'yyyy-MM-dd HH:mm:ss.SSSSSS')");
        }
        if (types.is("FLOAT64", "INT64") || types.is("NUMERIC", "INT64")) {
            return Translations.cast(keyword, "round(" + inner + ")", target);
        }
        if (types.is("STRING", "INT64")) {
            String hex = string("^\\s*[+-]?0[xX][0-9a-fA-F]+\\s*$");
            String digits = "regexp_replace(trim(" + inner + "), " + string("^([+-]?)0[xX]") + ", '$1')";
            return "CASE WHEN " + inner + " RLIKE " + hex + " THEN "
                    + Translations.cast(keyword, "conv(" + digits + ", 16, -10)", target) + " ELSE "
                    + Translations.cast(keyword, inner, target) + " END";
        }
        return Translations.cast(keyword, inner, target);
    }

    /**
     * BigQuery writes a FLOAT64 as C's {@code %.15g} when that reads back, else {@code %.17g}; Spark writes Java's
     * shortest text ({@code 1.0E20}). From Java's digits: fixed notation without trailing zeros from 1e-4 up to
     * 1e15 (exact through DECIMAL(38,20)), else {@code d.ddde+XX}; NaN and the infinities as BigQuery names them.
     * A value whose shortest text has 16 or 17 digits is where BigQuery's 17 exact digits differ (SP243).
     */
    private String floatText(String x) {
        String s = "CAST(" + x + " AS STRING)";
        String exponent = "CAST(substring_index(" + s + ", 'E', -1) AS INT)";
        String scientific = "concat(regexp_replace(substring_index(" + s + ", 'E', 1), " + string("\\.0$")
                + ", ''), 'e', CASE WHEN " + exponent + " < 0 THEN '-' ELSE '+' END, lpad(CAST(abs(" + exponent
                + ") AS STRING), 2, '0'))";
        String fixed = "regexp_replace(CAST(CAST(" + s + " AS DECIMAL(38,20)) AS STRING), "
                + string("(\\.[0-9]*[1-9])0+$|\\.0+$") + ", '$1')";
        return "CASE WHEN isnan(" + x + ") THEN 'nan' WHEN " + x + " = double('inf') THEN 'inf' WHEN " + x
                + " = double('-inf') THEN '-inf' WHEN " + x + " = 0 THEN '0' WHEN abs(" + x + ") >= 1e-4D AND abs("
                + x + ") < 1e15D THEN " + fixed + " ELSE " + scientific + " END";
    }

    @Override
    Optional<EngineDifference> castDifference(CastTypes types) {
        if (types.is("FLOAT64", "STRING")) {
            return Optional.of(new EngineDifference(
                    DiagnosticCode.SP243,
                    "CAST(FLOAT64 AS STRING)",
                    Dialect.SPARK,
                    "a value whose shortest text needs 16 or 17 significant digits (1.0 / 3) is written with those"
                            + " digits on Spark, with 17 exact digits on BigQuery (0.33333333333333331)",
                    1,
                    1));
        }
        return Optional.empty();
    }

    /** Six digits of microseconds cut to BigQuery's groups of three: none, milliseconds or microseconds. */
    private String fractionInThrees(String withMicros) {
        return "regexp_replace(" + withMicros + ", " + string("\\.000000$|000$") + ", '')";
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
