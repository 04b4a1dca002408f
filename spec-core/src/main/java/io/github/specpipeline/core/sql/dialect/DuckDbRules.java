package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.sql.BigQueryType;
import io.github.specpipeline.core.sql.SqlTypes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.StringValue;

/**
 * DuckDB, the local target the test goal runs. Semantics that differ are translated, not renamed: BigQuery's
 * {@code CONCAT} is NULL when an argument is NULL (DuckDB's skips NULLs), {@code REGEXP_REPLACE} replaces every
 * match, {@code DATE_DIFF} takes its arguments in the other order, LIKE has a backslash escape, window
 * {@code ORDER BY} puts NULLs first when ascending.
 */
public final class DuckDbRules extends DialectRules {
    static final DuckDbRules INSTANCE = new DuckDbRules();

    /**
     * DuckDB's keywords that are not "unreserved" ({@code duckdb_keywords()}: reserved, type_function and
     * column_name categories): quoting them is always safe, leaving them bare is not.
     */
    private static final Set<String> KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric both"
                    + " case cast check collate column constraint create default deferrable desc describe distinct do"
                    + " else end except false fetch for foreign from group having in initially intersect into lambda"
                    + " lateral leading limit not null offset on only or order pivot pivot_longer pivot_wider placing"
                    + " primary qualify references returning select show some summarize symmetric table then to"
                    + " trailing true union unique unpivot using variadic when where window with"
                    + " anti asof at authorization binary by collation columns concurrently cross freeze full"
                    + " generated glob ilike inner is isnull join left like map natural notnull outer overlaps"
                    + " positional right semi similar struct tablesample try_cast tuple unpack verbose"
                    + " between bigint bit boolean char character coalesce dec decimal exists extract float grouping"
                    + " grouping_id inout int integer interval national nchar none nullif numeric out overlay"
                    + " position precision real row setof smallint substring time timestamp treat trim values"
                    + " varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi"
                    + " xmlroot xmlserialize xmltable"
                    + " temp system memory main")
            .split(" "));

    private static final Map<String, FunctionRule> FUNCTIONS = Translations.shared(Set.of(
                    "AVG",
                    "SIGN",
                    "SUBSTR",
                    "SUBSTRING",
                    "UPPER",
                    "LOWER",
                    "APPROX_COUNT_DISTINCT",
                    "SQRT",
                    "LN",
                    "LOG",
                    "LOG10"))
            .translate("CONCAT", DuckDbRules::concat)
            .translate("SAFE_DIVIDE", DuckDbRules::safeDivide)
            .translate("AVG", DuckDbRules::avg)
            .translate("SQRT", c -> guarded(c, "< 0", "Argument to SQRT cannot be negative", c.call("SQRT")))
            .translate("LN", c -> guarded(c, "<= 0", "Floating point error in function: LN", c.call("ln")))
            .translate("LOG10", c -> guarded(c, "<= 0", "Floating point error in function: LOG10", c.call("LOG10")))
            .translate("LOG", DuckDbRules::log)
            .translate("SIGN", DuckDbRules::sign)
            .translate(List.of("SUBSTR", "SUBSTRING"), n -> DuckDbRules::substr)
            .translate("UPPER", DuckDbRules::upper)
            .translate("LOWER", DuckDbRules::lower)
            .translate("APPROX_COUNT_DISTINCT", DuckDbRules::approxCountDistinct)
            .translate("DIV", c -> c.size() != 2 ? c.arity("2") : "(" + c.operand(0) + " // " + c.operand(1) + ")")
            .translate("STRING_AGG", DuckDbRules::stringAgg)
            .translate("ARRAY_AGG", DuckDbRules::arrayAgg)
            .translate("INITCAP", DuckDbRules::initcap)
            .translate("REGEXP_CONTAINS", Translations.renamed2("regexp_matches"))
            .translate("REGEXP_REPLACE", DuckDbRules::regexpReplace)
            .translate(
                    "REGEXP_EXTRACT",
                    c -> Translations.regexpExtract(
                            c, (call, subject, pattern) -> "regexp_matches(" + subject + ", " + pattern + ")"))
            .translate("STARTS_WITH", Translations.renamed2("starts_with"))
            .translate("ENDS_WITH", Translations.renamed2("ends_with"))
            .translate("STRPOS", Translations.renamed2("strpos"))
            .translate(List.of("LTRIM", "RTRIM"), n -> DuckDbRules::sideTrim)
            .translate("SPLIT", DuckDbRules::split)
            .translate("ARRAY_LENGTH", c -> c.size() != 1 ? c.arity("1") : "len(" + c.sql(0) + ")")
            .translate("ARRAY_TO_STRING", Translations.renamed2("array_to_string"))
            .translate("GENERATE_UUID", c -> "CAST(uuid() AS VARCHAR)")
            // DuckDB's division of doubles is IEEE 754 (ieee_floating_point_ops): x / 0 is an infinity or NaN
            .translate(
                    "IEEE_DIVIDE",
                    c -> c.size() != 2
                            ? c.arity("2")
                            : "(CAST(" + c.sql(0) + " AS DOUBLE) / CAST(" + c.sql(1) + " AS DOUBLE))")
            .translate("TO_HEX", c -> c.size() != 1 ? c.arity("1") : "lower(hex(" + c.sql(0) + "))")
            .refuse("FARM_FINGERPRINT", Translations.NO_FARM_FINGERPRINT)
            .translate("CURRENT_TIMESTAMP", Translations.niladic(c -> "current_timestamp"))
            .translate("CURRENT_DATE", Translations.niladic(c -> "current_date"))
            .translate("CURRENT_DATETIME", Translations.niladic(c -> "CAST(current_timestamp AS TIMESTAMP)"))
            .translate("CURRENT_TIME", Translations.niladic(c -> "CAST(timezone('UTC', current_timestamp) AS TIME)"))
            .translate("TIMESTAMP", c -> Translations.timestamp(c, "TIMESTAMPTZ"))
            .translate(List.of("DATE_TRUNC", "TIMESTAMP_TRUNC"), n -> c -> Translations.dateTrunc(c, unit -> unit))
            .translate("DATE_DIFF", DuckDbRules::dateDiff)
            .translate("TIMESTAMP_DIFF", DuckDbRules::timestampDiff)
            .translate(List.of("DATE_ADD", "DATE_SUB"), n -> DuckDbRules::dateAdd)
            .translate(List.of("TIMESTAMP_ADD", "TIMESTAMP_SUB"), n -> DuckDbRules::timestampAdd)
            .translate(List.of("FORMAT_DATE", "FORMAT_TIMESTAMP"), n -> DuckDbRules::formatDate)
            .translate(List.of("PARSE_DATE", "PARSE_TIMESTAMP"), n -> DuckDbRules::parseDate)
            .build();

    private DuckDbRules() {}

    @Override
    public Dialect dialect() {
        return Dialect.DUCKDB;
    }

    @Override
    public Set<String> keywords() {
        return KEYWORDS;
    }

    /** {@code "x"}, a quote doubled. */
    @Override
    public String quoteAlways(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String string(String value) {
        return Literals.standardString(value);
    }

    /** GEOGRAPHY has no DuckDB type (without the spatial extension); every other type has one. */
    @Override
    public Optional<String> type(BigQueryType type) {
        if (type instanceof BigQueryType.Scalar s && s.kind() == BigQueryType.Kind.GEOGRAPHY) {
            return Optional.empty();
        }
        if (type instanceof BigQueryType.Array a) {
            return type(a.element()).map(e -> e + "[]");
        }
        return Optional.of(columnType(type));
    }

    /**
     * The DuckDB column type for a BigQuery type, for the raw tables the test goal creates and the tables of
     * generated DuckDB SQL: unknown or null types become VARCHAR, as does GEOGRAPHY, and a STRUCT is JSON.
     */
    public static String columnType(String bigQueryType) {
        return SqlTypes.parse(bigQueryType).map(DuckDbRules::columnType).orElse("VARCHAR");
    }

    private static String columnType(BigQueryType type) {
        if (type instanceof BigQueryType.Array a) {
            return columnType(a.element()) + "[]";
        }
        if (type instanceof BigQueryType.Struct) {
            return "JSON";
        }
        BigQueryType.Scalar s = (BigQueryType.Scalar) type;
        return switch (s.kind()) {
            case INT64 -> "BIGINT";
            // BigQuery NUMERIC is decimal(38, 9); DuckDB's widest decimal is 38 digits too
            case NUMERIC -> s.parameters().isEmpty() ? "DECIMAL(38,9)" : "DECIMAL" + s.compactParameters();
            case BIGNUMERIC, FLOAT64 -> "DOUBLE";
            case BOOL -> "BOOLEAN";
            case STRING, GEOGRAPHY -> "VARCHAR";
            case BYTES -> "BLOB";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case TIME -> "TIME";
            // BigQuery TIMESTAMP is an absolute instant
            case TIMESTAMP -> "TIMESTAMPTZ";
            case JSON -> "JSON";
            case INTERVAL -> "INTERVAL";
        };
    }

    @Override
    public Map<String, FunctionRule> functions() {
        return FUNCTIONS;
    }

    @Override
    public Optional<String> refusal(Construct construct) {
        return Optional.of(construct.reason(Dialect.DUCKDB));
    }

    // ---- functions -----------------------------------------------------------------------------------------

    /** The DuckDB type of a BigQuery NUMERIC result. */
    private static final String NUMERIC = "DECIMAL(38,9)";

    /**
     * DuckDB divides decimals as DOUBLE; BigQuery's SAFE_DIVIDE of NUMERIC (or NUMERIC and INT64) is a NUMERIC,
     * rounded to 9 decimals.
     */
    private static String safeDivide(Call c) {
        if (c.size() != 2) {
            return c.arity("2");
        }
        String division = "(" + c.operand(0) + " / NULLIF(" + c.sql(1) + ", 0))";
        if (!numericResult(c.type(0), c.type(1))) {
            return division;
        }
        c.differs(
                DiagnosticCode.SP241,
                "DuckDB divides NUMERIC values as DOUBLE, so a quotient with more than 15 significant digits is rounded"
                        + " differently");
        return "CAST(" + division + " AS " + NUMERIC + ")";
    }

    /** As {@link #safeDivide}: a NUMERIC quotient in BigQuery is a DOUBLE one in DuckDB. */
    @Override
    void division(SqlRenderer walk, String leftType, String rightType, Expression node) {
        if (numericResult(leftType, rightType)) {
            walk.differs(
                    DiagnosticCode.SP241,
                    "/",
                    "DuckDB divides NUMERIC values as DOUBLE, so a quotient with more than 15 significant digits is"
                            + " rounded differently",
                    node);
        }
    }

    /** BigQuery's NUMERIC arithmetic stays NUMERIC when the other operand is NUMERIC or INT64. */
    private static boolean numericResult(String a, String b) {
        return ("NUMERIC".equals(a) && ("NUMERIC".equals(b) || "INT64".equals(b)))
                || ("INT64".equals(a) && "NUMERIC".equals(b));
    }

    /**
     * BigQuery raises an error where DuckDB returns NaN or an infinity (the square root or logarithm of a value out
     * of the function's domain): the DuckDB query fails too, as the BigQuery one would.
     */
    private static String guarded(Call c, String outOfDomain, String message, String call) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        return "CASE WHEN " + c.operand(0) + " " + outOfDomain + " THEN error(" + c.string(message) + ") ELSE " + call
                + " END";
    }

    private static String log(Call c) {
        if (c.size() == 1) {
            return guarded(c, "<= 0", "Floating point error in function: LOG", "ln(" + c.sql(0) + ")");
        }
        if (c.size() != 2) {
            return c.arity("1 or 2");
        }
        boolean fineBase = c.sql(1).matches("[0-9]+(\\.[0-9]*)?")
                && Double.parseDouble(c.sql(1)) > 0
                && Double.parseDouble(c.sql(1)) != 1;
        String out =
                c.operand(0) + " <= 0" + (fineBase ? "" : " OR " + c.operand(1) + " <= 0 OR " + c.operand(1) + " = 1");
        return "CASE WHEN " + out + " THEN error('Floating point error in function: LOG') ELSE (ln(" + c.sql(0)
                + ") / ln(" + c.sql(1) + ")) END";
    }

    /**
     * DuckDB maps case one character to one: BigQuery's {@code UPPER('straße')} is {@code STRASSE} (translated),
     * and the other characters whose case is more than one character ({@code ﬁ}, {@code İ}) differ: reported
     * where the text is a literal that holds one.
     */
    private static String upper(Call c) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        caseMapping(c, true);
        if (c.arg(0) instanceof net.sf.jsqlparser.expression.Function f
                && f.getName().equalsIgnoreCase("UPPER")) {
            return c.sameCall("UPPER"); // an upper-case text has no ß left
        }
        return "UPPER(replace(" + c.sql(0) + ", 'ß', 'SS'))";
    }

    private static String lower(Call c) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        caseMapping(c, false);
        return c.sameCall("LOWER");
    }

    private static void caseMapping(Call c, boolean upper) {
        Optional<String> text = c.literal(0);
        if (text.isEmpty()) {
            return;
        }
        List<String> special = text.get()
                .codePoints()
                .filter(cp -> cp != 'ß')
                .mapToObj(Character::toString)
                .filter(ch -> {
                    String mapped = upper ? ch.toUpperCase(Locale.ROOT) : ch.toLowerCase(Locale.ROOT);
                    return mapped.codePointCount(0, mapped.length()) != 1;
                })
                .distinct()
                .toList();
        if (!special.isEmpty()) {
            c.differs(
                    DiagnosticCode.SP240,
                    String.join(" ", special) + " becomes more than one character in BigQuery, one in DuckDB");
        }
    }

    /** Both engines estimate, with other algorithms: the counts can differ (GoogleSQL's reference has none). */
    private static String approxCountDistinct(Call c) {
        c.differs(
                DiagnosticCode.SP242,
                "both engines estimate the count, with different algorithms, so the counts can differ");
        return c.sameCall("APPROX_COUNT_DISTINCT");
    }

    /** DuckDB's avg of a DECIMAL is a DOUBLE; BigQuery's AVG of NUMERIC is a NUMERIC. */
    private static String avg(Call c) {
        String call = c.sameCall("AVG");
        return "NUMERIC".equals(c.size() == 1 ? c.type(0) : null) ? "CAST(" + call + " AS " + NUMERIC + ")" : call;
    }

    /** DuckDB's sign is an integer for every input; BigQuery's has the input's type. */
    private static String sign(Call c) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        String call = c.call("SIGN");
        String type = c.type(0);
        if ("FLOAT64".equals(type)) {
            // and SIGN(NaN) is NaN
            return "CASE WHEN isnan(" + c.sql(0) + ") THEN " + c.sql(0) + " ELSE CAST(" + call + " AS DOUBLE) END";
        }
        return "NUMERIC".equals(type) ? "CAST(" + call + " AS " + NUMERIC + ")" : call;
    }

    /**
     * BigQuery reads position 0 as 1, and a negative position before the start as the start; DuckDB counts
     * position 0 as the place before the first character and returns less. A literal position from 1 up is kept.
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
                    : ", CASE WHEN " + c.operand(2) + " < 0 THEN error('Third argument in SUBSTR() cannot be negative')"
                            + " ELSE " + c.sql(2) + " END";
        }
        String name = c.name();
        if (position.matches("[1-9][0-9]*")) {
            return name + "(" + subject + ", " + position + length + ")";
        }
        String from = position.equals("0")
                ? "1"
                : "CASE WHEN " + c.operand(1) + " = 0 THEN 1 WHEN " + c.operand(1) + " < 0 THEN greatest(" + position
                        + ", -length(" + subject + ")) ELSE " + position + " END";
        return name + "(" + subject + ", " + from + length + ")";
    }

    /** DuckDB's concat() skips NULLs; || propagates them like BigQuery's CONCAT. */
    private static String concat(Call c) {
        if (c.size() == 1) {
            return "(" + c.sql(0) + " || '')";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < c.size(); i++) {
            sb.append(i == 0 ? "" : " || ").append(c.operand(i));
        }
        return sb.append(')').toString();
    }

    private static String stringAgg(Call c) {
        if (c.size() == 0 || c.size() > 2) {
            return c.arity("1 or 2");
        }
        List<Expression> withSeparator = new java.util.ArrayList<>(c.args());
        if (withSeparator.size() == 1) {
            withSeparator.add(new StringValue(","));
        }
        return c.call("string_agg", c.distinct(), withSeparator, c.orderBy());
    }

    /** BigQuery replaces every match; DuckDB only the first unless 'g'. */
    private static String regexpReplace(Call c) {
        if (c.size() != 3) {
            return c.arity("3");
        }
        return "regexp_replace(" + c.sql(0) + ", " + c.sql(1) + ", " + c.sql(2) + ", 'g')";
    }

    private static String sideTrim(Call c) {
        if (c.size() == 1) {
            return c.call(c.name());
        }
        if (c.size() != 2) {
            return c.arity("1 or 2");
        }
        return c.call(c.name().toLowerCase(Locale.ROOT));
    }

    /**
     * DuckDB's array_agg keeps NULLs and gives NULL for no rows, as BigQuery's ARRAY_AGG (GoogleSQL's reference
     * engine returns {@code [1, NULL, 3]}); its ORDER BY gets BigQuery's NULL order from the renderer. IGNORE NULLS
     * is a FILTER, LIMIT a slice (LIMIT 0 is NULL, as in BigQuery).
     */
    private static String arrayAgg(Call c) {
        if (c.size() != 1) {
            return c.arity("1");
        }
        Optional<String> limit = Translations.literalLimit(c);
        if (c.limit().isPresent() && limit.isEmpty()) {
            return c.refuse("the LIMIT must be a whole-number literal");
        }
        String call = c.call("array_agg", c.distinct(), c.args(), c.orderBy());
        List<net.sf.jsqlparser.statement.select.OrderByElement> order = c.orderBy() == null ? List.of() : c.orderBy();
        if (!c.distinct() && order.stream().anyMatch(e -> "FLOAT64".equals(c.type(e.getExpression())))) {
            call = "array_agg(" + c.sql(0) + " ORDER BY " + nanOrdered(c, order) + ")";
        }
        if (c.ignoreNulls()) {
            call += " FILTER (WHERE " + c.operand(0) + " IS NOT NULL)";
        }
        if (limit.isEmpty()) {
            return call;
        }
        String sliced = "list_slice(" + call + ", 1, " + limit.get() + ")";
        // a slice of a list with a value is empty only for LIMIT 0, where BigQuery's array is NULL
        return limit.get().equals("0") ? "CASE WHEN TRUE THEN NULL ELSE " + sliced + " END" : sliced;
    }

    /**
     * ORDER BY keys with BigQuery's place for a FLOAT64 NaN, next to the NULLs (DuckDB sorts it above every
     * number): a key {@code NOT isnan(k)} ascending (or {@code isnan(k)} for a descending key) goes first, with the
     * key's NULL order. Not for DISTINCT, whose ORDER BY DuckDB limits to the aggregated value.
     */
    private static String nanOrdered(Call c, List<net.sf.jsqlparser.statement.select.OrderByElement> order) {
        List<String> keys = new java.util.ArrayList<>();
        for (net.sf.jsqlparser.statement.select.OrderByElement e : order) {
            String key = c.operand(e.getExpression());
            boolean asc = e.isAsc();
            boolean nullsFirst = e.getNullOrdering() == null
                    ? asc
                    : e.getNullOrdering() == net.sf.jsqlparser.statement.select.OrderByElement.NullOrdering.NULLS_FIRST;
            String nulls = nullsFirst ? " NULLS FIRST" : " NULLS LAST";
            if ("FLOAT64".equals(c.type(e.getExpression()))) {
                keys.add((asc ? "(NOT isnan(" + key + "))" : "isnan(" + key + ")") + " ASC" + nulls);
            }
            keys.add(key + (asc ? " ASC" : " DESC") + nulls);
        }
        return String.join(", ", keys);
    }

    /**
     * DuckDB has no INITCAP: each character is written by a lambda over its position, upper-case at the start and
     * after a delimiter (BigQuery's default set, or the characters of the second argument), else lower-case. DuckDB
     * upper-cases ß to ẞ where BigQuery keeps it.
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
                ? "regexp_matches(" + before + ", " + c.string(Translations.INITCAP_DELIMITERS) + ")"
                : "strpos(" + c.sql(1) + ", " + before + ") > 0";
        String upper = "CASE WHEN " + ch + " = 'ß' THEN " + ch + " ELSE upper(" + ch + ") END";
        String word = "array_to_string(list_transform(range(1, length(" + s + ") + 1), lambda " + i + ": CASE WHEN " + i
                + " = 1 OR " + afterDelimiter + " THEN " + upper + " ELSE lower(" + ch + ") END), '')";
        String result = "CASE WHEN " + s + " = '' THEN '' ELSE " + word + " END";
        return c.size() == 2 && c.literal(1).isEmpty()
                ? "CASE WHEN " + c.sql(1) + " IS NULL THEN NULL ELSE " + result + " END"
                : result;
    }

    private static String split(Call c) {
        if (c.size() == 0 || c.size() > 2) {
            return c.arity("1 or 2");
        }
        return "string_split(" + c.sql(0) + ", " + (c.size() == 2 ? c.sql(1) : c.string(",")) + ")";
    }

    /** BigQuery: DATE_DIFF(end, start, part); DuckDB: date_diff(part, start, end); both count part boundaries. */
    private static String dateDiff(Call c) {
        return Translations.dateDiff(
                c,
                (call, part, end, start) -> part.equals("ISOWEEK")
                        // BigQuery counts Monday boundaries; DuckDB's 'week' counts whole weeks
                        ? "(date_diff('day', date_trunc('week', " + start + "), date_trunc('week', " + end + ")) // 7)"
                        : "date_diff('" + part.toLowerCase(Locale.ROOT) + "', " + start + ", " + end + ")");
    }

    private static String timestampDiff(Call c) {
        return Translations.timestampDiff(
                c,
                (call, part, end, start) ->
                        "date_sub('" + part.toLowerCase(Locale.ROOT) + "', " + start + ", " + end + ")");
    }

    private static String dateAdd(Call c) {
        String[] interval = c.size() == 2 ? c.interval(1) : null;
        if (interval == null) {
            return c.refuse("only " + c.name() + "(date, INTERVAL n part) is translated");
        }
        if (!Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR").contains(interval[1])) {
            return c.refuse("date part " + interval[1] + " is not translated");
        }
        String sign = c.name().equals("DATE_SUB") ? " - " : " + ";
        return "CAST(" + c.sql(0) + sign + "INTERVAL (" + interval[0] + ") " + interval[1] + " AS DATE)";
    }

    private static String timestampAdd(Call c) {
        String[] interval = c.size() == 2 ? c.interval(1) : null;
        if (interval == null || !Translations.TIME_PARTS.contains(interval[1])) {
            return c.refuse("only " + c.name() + "(timestamp, INTERVAL n MICROSECOND..DAY) is translated");
        }
        String sign = c.name().equals("TIMESTAMP_SUB") ? " - " : " + ";
        return "(" + c.sql(0) + sign + "INTERVAL (" + interval[0] + ") " + interval[1] + ")";
    }

    private static String formatDate(Call c) {
        return Translations.formatted(
                c,
                "format, value",
                Patterns::duckDbFormat,
                (call, format, value) -> "strftime(" + value + ", " + format + ")");
    }

    private static String parseDate(Call c) {
        String type = c.name().equals("PARSE_DATE") ? "DATE" : "TIMESTAMPTZ";
        return Translations.formatted(
                c,
                "format, text",
                Patterns::duckDbFormat,
                (call, format, text) -> "CAST(strptime(" + text + ", " + format + ") AS " + type + ")");
    }

    // ---- syntax --------------------------------------------------------------------------------------------

    @Override
    String arrayLiteral(String items) {
        return "[" + items + "]";
    }

    /**
     * DuckDB's lists count from 1, read a negative index from the end and give NULL past the end: the position is
     * shifted, and checked where BigQuery raises an error.
     */
    @Override
    String subscript(String array, Subscript kind, String position) {
        return kind.render(
                array,
                position,
                "(" + array + ")[" + kind.oneBased(position) + "]",
                "len",
                "error(" + string(Subscript.OUT_OF_BOUNDS) + ")");
    }

    @Override
    String bitwiseXor(String left, String right) {
        return "xor(" + left + ", " + right + ")";
    }

    @Override
    String concatOperator(SqlRenderer walk, Expression left, Expression right) {
        return Translations.explicitConcat(walk, left, right);
    }

    /** BigQuery LIKE treats a backslash as the escape character; DuckDB has none unless told. */
    @Override
    String likeWithoutEscape(String sql, Expression pattern) {
        Optional<String> literal = SqlRenderer.literalText(pattern);
        return literal.isEmpty() || literal.get().indexOf('\\') >= 0 ? sql + " ESCAPE '\\'" : sql;
    }

    @Override
    String interval(SqlRenderer walk, IntervalExpression node, String amount, String unit) {
        Translations.checkIntervalUnit(walk, node, unit);
        return "INTERVAL (" + amount + ") " + unit;
    }

    /** BigQuery's {@code 1.5} is a FLOAT64; DuckDB reads it as a DECIMAL ({@code ROUND(1.005, 2)}: 1.0 vs 1.01). */
    @Override
    String floatLiteral(String text) {
        return "CAST(" + text + " AS DOUBLE)";
    }

    /**
     * The casts whose DuckDB meaning differs from BigQuery's are written out: to STRING, BigQuery writes NUMERIC
     * without trailing zeros, FLOAT64 as {@code %.15g} unless that does not read back ({@code %.17g}), times with
     * fractions of a second in groups of three digits; from STRING to INT64 it accepts only whole numbers (DuckDB
     * rounds {@code '1.5'} to 2); between STRING and BYTES the text is UTF-8.
     */
    @Override
    String cast(String keyword, String inner, String target, CastTypes types, Expression node) {
        if (types.is("NUMERIC", "STRING")) {
            return "regexp_replace(CAST(" + inner + " AS VARCHAR), '(\\.[0-9]*[1-9])0+$|\\.0+$', '\\1')";
        }
        if (types.is("FLOAT64", "STRING")) {
            String g15 = "printf('%.15g', " + inner + ")";
            return "CASE WHEN " + inner + " = 0 THEN '0' WHEN CAST(" + g15 + " AS DOUBLE) = " + inner + " THEN " + g15
                    + " ELSE printf('%.17g', " + inner + ") END";
        }
        if (types.is("FLOAT64", "INT64")) {
            // BigQuery rounds halves away from zero, DuckDB's cast to even
            return Translations.cast(keyword, "round(" + inner + ")", target);
        }
        if (types.is("TIMESTAMP", "STRING")) {
            return fractionInThrees("strftime(timezone('UTC', " + inner + "), '%Y-%m-%d %H:%M:%S.%f')") + " || '+00'";
        }
        if (types.is("DATETIME", "STRING")) {
            return fractionInThrees("strftime(" + inner + ", '%Y-%m-%d %H:%M:%S.%f')");
        }
        if (types.is("TIME", "STRING")) {
            return fractionInThrees("strftime(DATE '2000-01-01' + " + inner + ", '%H:%M:%S.%f')");
        }
        if (types.is("STRING", "BYTES")) {
            // BigQuery encodes the text as UTF-8; DuckDB's cast refuses characters beyond ASCII
            return "encode(" + inner + ")";
        }
        if (types.is("BYTES", "STRING") && keyword.equals("CAST")) {
            return "decode(" + inner + ")";
        }
        if (types.is("STRING", "INT64")) {
            String whole = "regexp_full_match(" + inner + ", '\\s*[+-]?([0-9]+|0[xX][0-9a-fA-F]+)\\s*')";
            return keyword.equals("SAFE_CAST")
                    ? "TRY_CAST(CASE WHEN " + whole + " THEN " + inner + " END AS " + target + ")"
                    : "CAST(CASE WHEN NOT " + whole + " THEN error('Bad int64 value: ' || " + inner + ") ELSE " + inner
                            + " END AS " + target + ")";
        }
        return Translations.cast(keyword, inner, target);
    }

    /** Six digits of microseconds cut to BigQuery's groups of three: none, milliseconds or microseconds. */
    private static String fractionInThrees(String withMicros) {
        return "regexp_replace(" + withMicros + ", '\\.000000$|000$', '')";
    }

    @Override
    String typedLiteral(SqlRenderer walk, String base, String value, Expression node) {
        return Translations.typedLiteral(this, walk, base, value, node);
    }

    @Override
    String trimChars(String subject, String chars) {
        return "TRIM(" + subject + ", " + chars + ")";
    }

    @Override
    String extract(SqlRenderer walk, String part, String value, ExtractExpression node) {
        return switch (part) {
            case "YEAR", "QUARTER", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND" ->
                "EXTRACT(" + part + " FROM " + value + ")";
            // DuckDB counts Sunday as 0, BigQuery as 1
            case "DAYOFWEEK" -> "(dayofweek(" + value + ") + 1)";
            case "DAYOFYEAR" -> "dayofyear(" + value + ")";
            case "ISOWEEK" -> "week(" + value + ")";
            case "ISOYEAR" -> "isoyear(" + value + ")";
            case "DATE" -> "CAST(" + value + " AS DATE)";
            default -> walk.untranslatable("EXTRACT(" + part + ")", "this date part is not translated", node);
        };
    }

    @Override
    Optional<String> windowFunction(String name) {
        return Translations.windowFunction(name);
    }

    /** BigQuery sorts NULLs first when ascending, last when descending; DuckDB always last. */
    @Override
    String defaultNullOrdering(boolean ascending) {
        return ascending ? " NULLS FIRST" : " NULLS LAST";
    }
}
