package io.github.specpipeline.core.sql.dialect;

import java.util.List;

/**
 * The BigQuery functions and syntax the dialects know, each with example fragments: the catalogue every target
 * dialect's table must cover (a function is translated or refused, never left to a default), and the source of
 * the site's function catalogue page, which renders each example in each dialect. A function missing here is
 * refused by every target with SP304.
 */
public final class FunctionCatalogue {
    private FunctionCatalogue() {}

    /**
     * A BigQuery function or construct and fragments that use it. The first example is the ordinary call; any
     * further one shows a form a dialect treats differently (a pattern that is not a literal, another date part).
     */
    public record Entry(String name, List<String> examples) {
        public Entry {
            examples = List.copyOf(examples);
        }
    }

    private static Entry e(String name, String... examples) {
        return new Entry(name, List.of(examples));
    }

    /** The functions with an entry in every target dialect's table, in the page's order. */
    public static final List<Entry> FUNCTIONS = List.of(
            // aggregates
            e("ANY_VALUE", "ANY_VALUE(x)"),
            e(
                    "ARRAY_AGG",
                    "ARRAY_AGG(x)",
                    "ARRAY_AGG(DISTINCT x IGNORE NULLS)",
                    "ARRAY_AGG(x ORDER BY ts DESC LIMIT 1)[OFFSET(0)]"),
            e("APPROX_COUNT_DISTINCT", "APPROX_COUNT_DISTINCT(x)"),
            e("AVG", "AVG(x)"),
            e("COUNT", "COUNT(*)", "COUNT(DISTINCT x)"),
            e("COUNTIF", "COUNTIF(x > 0)"),
            e("LOGICAL_AND", "LOGICAL_AND(b)"),
            e("LOGICAL_OR", "LOGICAL_OR(b)"),
            e("MAX", "MAX(x)"),
            e("MIN", "MIN(x)"),
            e("STDDEV", "STDDEV(x)"),
            e("STDDEV_POP", "STDDEV_POP(x)"),
            e("STDDEV_SAMP", "STDDEV_SAMP(x)"),
            e("STRING_AGG", "STRING_AGG(s)", "STRING_AGG(s, '; ' ORDER BY s)"),
            e("SUM", "SUM(x)"),
            e("VARIANCE", "VARIANCE(x)"),
            e("VAR_POP", "VAR_POP(x)"),
            e("VAR_SAMP", "VAR_SAMP(x)"),
            // conditionals
            e("COALESCE", "COALESCE(a, b, 0)"),
            e("GREATEST", "GREATEST(a, b)"),
            e("IF", "IF(a > b, a, b)"),
            e("IFNULL", "IFNULL(a, 0)"),
            e("LEAST", "LEAST(a, b)"),
            e("NULLIF", "NULLIF(a, 0)"),
            // numbers
            e("ABS", "ABS(x)"),
            e("ACOS", "ACOS(x)"),
            e("ASIN", "ASIN(x)"),
            e("ATAN", "ATAN(x)"),
            e("ATAN2", "ATAN2(y, x)"),
            e("CEIL", "CEIL(x)"),
            e("CEILING", "CEILING(x)"),
            e("COS", "COS(x)"),
            e("COSH", "COSH(x)"),
            e("DIV", "DIV(a, b)"),
            e("EXP", "EXP(x)"),
            e("FLOOR", "FLOOR(x)"),
            e("IEEE_DIVIDE", "IEEE_DIVIDE(a, b)"),
            e("LN", "LN(x)"),
            e("LOG", "LOG(x)", "LOG(x, 2)"),
            e("LOG10", "LOG10(x)"),
            e("MOD", "MOD(a, b)"),
            e("POW", "POW(x, 2)"),
            e("POWER", "POWER(x, 2)"),
            e("ROUND", "ROUND(x, 2)"),
            e("SAFE_DIVIDE", "SAFE_DIVIDE(a, b)"),
            e("SIGN", "SIGN(x)"),
            e("SIN", "SIN(x)"),
            e("SINH", "SINH(x)"),
            e("SQRT", "SQRT(x)"),
            e("TAN", "TAN(x)"),
            e("TANH", "TANH(x)"),
            // strings
            e("CHARACTER_LENGTH", "CHARACTER_LENGTH(s)"),
            e("CHAR_LENGTH", "CHAR_LENGTH(s)"),
            e("CONCAT", "CONCAT(a, '-', b)"),
            e("ENDS_WITH", "ENDS_WITH(s, 'x')"),
            e("INITCAP", "INITCAP(s)", "INITCAP(s, ' -')"),
            e("LEFT", "LEFT(s, 3)"),
            e("LENGTH", "LENGTH(s)"),
            e("LOWER", "LOWER(s)"),
            e("LPAD", "LPAD(s, 5, '0')"),
            e("LTRIM", "LTRIM(s)", "LTRIM(s, 'x')"),
            e("REPLACE", "REPLACE(s, 'a', 'b')"),
            e("REVERSE", "REVERSE(s)"),
            e("RIGHT", "RIGHT(s, 3)"),
            e("RPAD", "RPAD(s, 5, '0')"),
            e("RTRIM", "RTRIM(s)", "RTRIM(s, 'x')"),
            e("SPLIT", "SPLIT(s, ',')"),
            e("STARTS_WITH", "STARTS_WITH(s, 'x')"),
            e("STRPOS", "STRPOS(s, 'x')"),
            e("SUBSTR", "SUBSTR(s, 2, 3)"),
            e("SUBSTRING", "SUBSTRING(s, 2, 3)"),
            e("UPPER", "UPPER(s)"),
            // regular expressions
            e("REGEXP_CONTAINS", "REGEXP_CONTAINS(s, r'^[0-9]+$')"),
            e(
                    "REGEXP_EXTRACT",
                    "REGEXP_EXTRACT(s, r'@(.+)$')",
                    "REGEXP_EXTRACT(s, pattern)",
                    "REGEXP_EXTRACT(s, r'(a)(b)')"),
            e("REGEXP_EXTRACT_ALL", "REGEXP_EXTRACT_ALL(s, r'[0-9]+')"),
            e("REGEXP_REPLACE", "REGEXP_REPLACE(s, r'([0-9]+)', r'<\\1>')", "REGEXP_REPLACE(s, r'a', replacement)"),
            // arrays
            e("ARRAY_LENGTH", "ARRAY_LENGTH(arr)"),
            e("ARRAY_TO_STRING", "ARRAY_TO_STRING(arr, ',')"),
            // dates and times
            e("CURRENT_DATE", "CURRENT_DATE()", "CURRENT_DATE('Europe/Paris')"),
            e("CURRENT_DATETIME", "CURRENT_DATETIME()"),
            e("CURRENT_TIME", "CURRENT_TIME()"),
            e("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP()"),
            e("DATE", "DATE(ts)", "DATE(y, m, dd)"),
            e("DATE_ADD", "DATE_ADD(d, INTERVAL 1 MONTH)", "DATE_ADD(d, INTERVAL 7 DAY)"),
            e("DATE_DIFF", "DATE_DIFF(a, b, DAY)", "DATE_DIFF(a, b, MONTH)", "DATE_DIFF(a, b, WEEK)"),
            e("DATE_SUB", "DATE_SUB(d, INTERVAL 1 YEAR)"),
            e("DATE_TRUNC", "DATE_TRUNC(d, MONTH)", "DATE_TRUNC(d, WEEK(MONDAY))"),
            e("FORMAT_DATE", "FORMAT_DATE('%Y-%m-%d', d)", "FORMAT_DATE('%c', d)"),
            e("FORMAT_TIMESTAMP", "FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S', ts)"),
            e("LAST_DAY", "LAST_DAY(d)", "LAST_DAY(d, MONTH)"),
            e("PARSE_DATE", "PARSE_DATE('%Y%m%d', s)"),
            e("PARSE_TIMESTAMP", "PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', s)"),
            e("TIMESTAMP", "TIMESTAMP(d)"),
            e("TIMESTAMP_ADD", "TIMESTAMP_ADD(ts, INTERVAL 90 MINUTE)"),
            e("TIMESTAMP_DIFF", "TIMESTAMP_DIFF(a, b, HOUR)"),
            e("TIMESTAMP_SUB", "TIMESTAMP_SUB(ts, INTERVAL 1 HOUR)"),
            e("TIMESTAMP_TRUNC", "TIMESTAMP_TRUNC(ts, MONTH)"),
            // other
            e("FARM_FINGERPRINT", "FARM_FINGERPRINT(s)"),
            e("GENERATE_UUID", "GENERATE_UUID()"),
            e("TO_HEX", "TO_HEX(b)"));

    /** Syntax that is not a function call, with examples; rendered like the functions. */
    public static final List<Entry> SYNTAX = List.of(
            e(
                    "CAST",
                    "CAST(x AS NUMERIC)",
                    "CAST(x AS DATETIME)",
                    "CAST(x AS STRING FORMAT 'YYYY')",
                    "CAST(NUMERIC '49.5' AS STRING)",
                    "CAST(SAFE_DIVIDE(1, 3) AS STRING)",
                    "CAST('1.5' AS INT64)"),
            e("SAFE_CAST", "SAFE_CAST(x AS INT64)"),
            e("EXTRACT", "EXTRACT(DAYOFWEEK FROM d)", "EXTRACT(ISOYEAR FROM d)", "EXTRACT(WEEK FROM d)"),
            e("TRIM", "TRIM(s)", "TRIM(s, 'x')"),
            e("number literal", "42", "1.005"),
            e("typed literal", "DATE '2024-01-31'", "TIMESTAMP '2024-01-31 12:00:00+00'", "NUMERIC '1.5'"),
            e("string literal", "'it\\'s'", "r'^\\d+$'", "\"text\"", "b'bytes'"),
            e("niladic function", "CURRENT_DATE", "CURRENT_TIMESTAMP"),
            e("||", "a || b"),
            e("LIKE", "s LIKE 'a%'", "s LIKE 'a\\\\_b'"),
            e("IN", "x IN (1, 2)", "x IN UNNEST(arr)"),
            e("INTERVAL", "d + INTERVAL 1 DAY"),
            e("^ (bitwise xor)", "a ^ b"),
            e("array literal", "[1, 2, 3]"),
            e(
                    "array subscript",
                    "arr[OFFSET(0)]",
                    "arr[SAFE_ORDINAL(1)]",
                    "SPLIT(s, ',')[SAFE_OFFSET(1)]",
                    "SPLIT(s, ',')[ORDINAL(n)]"),
            e("window function", "ROW_NUMBER() OVER (PARTITION BY a ORDER BY b)", "COUNTIF(x > 0) OVER (ORDER BY b)"),
            e("SAFE. prefix", "SAFE.SUBSTR(s, 2)"));
}
