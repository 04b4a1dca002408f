package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SQL dialects generated code is written in. Spec fragments are BigQuery SQL; they are parsed once and
 * rendered for each dialect by {@link SqlRenderer}. A dialect knows how to quote identifiers, write string
 * literals and name column types.
 */
public enum Dialect {
    /** BigQuery Standard SQL: the spec's own dialect; used by the dbt (BigQuery adapter) and Dataform targets. */
    BIGQUERY("BigQuery"),
    /** DuckDB: the local target, run by the test goal. */
    DUCKDB("DuckDB"),
    /** Spark SQL, inside the expressions of the PySpark target. */
    SPARK("Spark SQL");

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether an identifier must be quoted: a keyword of this dialect, or not a plain name. */
    public boolean needsQuotes(String identifier) {
        if (!PLAIN.matcher(identifier).matches()) {
            return true;
        }
        String lower = identifier.toLowerCase(Locale.ROOT);
        return switch (this) {
            case BIGQUERY -> Keywords.BIGQUERY.contains(lower);
            case DUCKDB -> Keywords.DUCKDB.contains(lower);
            case SPARK -> Keywords.SPARK.contains(lower);
        };
    }

    /** The identifier, quoted only when it must be. */
    public String quote(String identifier) {
        return needsQuotes(identifier) ? quoteAlways(identifier) : identifier;
    }

    /** The identifier, always quoted: {@code `x`} in BigQuery and Spark, {@code "x"} in DuckDB. */
    public String quoteAlways(String identifier) {
        return switch (this) {
            case BIGQUERY -> "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
            case SPARK -> "`" + identifier.replace("`", "``") + "`";
            case DUCKDB -> "\"" + identifier.replace("\"", "\"\"") + "\"";
        };
    }

    /** A string literal holding exactly {@code value}, safe for any content. */
    public String string(String value) {
        return switch (this) {
            case DUCKDB -> duckDbString(value);
            case BIGQUERY, SPARK -> backslashString(value);
        };
    }

    /**
     * A string literal for a value that was written as a raw string ({@code r'...'}) in the spec: BigQuery keeps
     * the raw form when the value allows it (regular expressions stay readable); other dialects escape.
     */
    public String rawString(String value) {
        if (this == BIGQUERY && rawSafe(value)) {
            return "r'" + value + "'";
        }
        return string(value);
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

    /** DuckDB strings are standard SQL: backslashes are plain characters and quotes are doubled. */
    private static String duckDbString(String value) {
        if (value.indexOf('\0') >= 0) {
            // a NUL cannot appear inside a literal: splice it in
            List<String> parts = new ArrayList<>();
            for (String part : value.split("\0", -1)) {
                parts.add(duckDbString(part));
            }
            return "(" + String.join(" || chr(0) || ", parts) + ")";
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** BigQuery and Spark SQL (with default settings) resolve backslash escapes in quoted strings. */
    private static String backslashString(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * The column type of this dialect for a (valid) BigQuery type, or empty when the dialect has no equivalent.
     */
    public Optional<String> type(String bigQueryType) {
        if (bigQueryType == null || !SqlTypes.isValid(bigQueryType)) {
            return Optional.empty();
        }
        String t = SqlTypes.normalise(bigQueryType);
        return switch (this) {
            case BIGQUERY -> Optional.of(t);
            case DUCKDB -> {
                String base = base(t);
                yield base.equals("GEOGRAPHY") ? Optional.empty() : Optional.of(DuckDbTypes.of(t));
            }
            case SPARK -> sparkType(t);
        };
    }

    private static String base(String t) {
        int paren = t.indexOf('(');
        int angle = t.indexOf('<');
        int cut = paren < 0 ? angle : angle < 0 ? paren : Math.min(paren, angle);
        return (cut < 0 ? t : t.substring(0, cut)).trim();
    }

    private static Optional<String> sparkType(String t) {
        if (t.startsWith("ARRAY<") && t.endsWith(">")) {
            return sparkType(t.substring(6, t.length() - 1).trim()).map(x -> "ARRAY<" + x + ">");
        }
        if (t.startsWith("STRUCT<")) {
            return Optional.empty();
        }
        return switch (base(t)) {
            case "INT64", "INTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT" -> Optional.of("BIGINT");
            case "NUMERIC", "DECIMAL" ->
                Optional.of(
                        t.contains("(")
                                ? "DECIMAL" + t.substring(t.indexOf('(')).replace(" ", "")
                                : "DECIMAL(38,9)");
            case "BIGNUMERIC", "BIGDECIMAL", "FLOAT64", "FLOAT" -> Optional.of("DOUBLE");
            case "BOOL", "BOOLEAN" -> Optional.of("BOOLEAN");
            case "STRING", "JSON" -> Optional.of("STRING");
            case "BYTES" -> Optional.of("BINARY");
            case "DATE" -> Optional.of("DATE");
            case "DATETIME" -> Optional.of("TIMESTAMP_NTZ");
            case "TIMESTAMP" -> Optional.of("TIMESTAMP");
            default -> Optional.empty(); // TIME, INTERVAL, GEOGRAPHY
        };
    }

    /** Keywords per dialect, lower-case. */
    static final class Keywords {
        private Keywords() {}

        /** BigQuery's reserved keywords (GoogleSQL lexical structure). */
        static final Set<String> BIGQUERY =
                Set.of(("all and any array as asc assert_rows_modified at between by case cast"
                                + " collate contains create cross cube current default define desc distinct else end enum escape except"
                                + " exclude exists extract false fetch following for from full group grouping groups hash having if ignore"
                                + " in inner intersect interval into is join lateral left like limit lookup merge natural new no not null"
                                + " nulls of on or order outer over partition preceding proto qualify range recursive respect right rollup"
                                + " rows select set some struct tablesample then to treat true unbounded union unnest using when where"
                                + " window with within")
                        .split(" "));

        /**
         * DuckDB's keywords that are not "unreserved" ({@code duckdb_keywords()}: reserved, type_function and
         * column_name categories): quoting them is always safe, leaving them bare is not.
         */
        static final Set<String> DUCKDB =
                Set.of(("all analyse analyze and any array as asc asymmetric both case cast check"
                                + " collate column constraint create default deferrable desc describe distinct do else end except false"
                                + " fetch for foreign from group having in initially intersect into lambda lateral leading limit not null"
                                + " offset on only or order pivot pivot_longer pivot_wider placing primary qualify references returning"
                                + " select show some summarize symmetric table then to trailing true union unique unpivot using variadic"
                                + " when where window with"
                                + " anti asof at authorization binary by collation columns concurrently cross freeze full generated glob"
                                + " ilike inner is isnull join left like map natural notnull outer overlaps positional right semi similar"
                                + " struct tablesample try_cast tuple unpack verbose"
                                + " between bigint bit boolean char character coalesce dec decimal exists extract float grouping"
                                + " grouping_id inout int integer interval national nchar none nullif numeric out overlay position"
                                + " precision real row setof smallint substring time timestamp treat trim values varchar xmlattributes"
                                + " xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable"
                                + " temp system memory main")
                        .split(" "));

        /** Spark SQL's keywords reserved in ANSI mode, plus the ones that always are. */
        static final Set<String> SPARK =
                Set.of(("all and any anti array as asc authorization between both by case cast check"
                                + " collate column constraint create cross cube current current_date current_time current_timestamp"
                                + " current_user default desc distinct else end escape except exists false fetch filter for foreign from"
                                + " full grant group grouping having in inner intersect interval into is join lateral leading left like"
                                + " limit minus natural not null of offset on only or order outer overlaps primary references right"
                                + " rollup select semi session_user set some table then time to trailing true union unique unknown user"
                                + " using values when where window with")
                        .split(" "));
    }
}
