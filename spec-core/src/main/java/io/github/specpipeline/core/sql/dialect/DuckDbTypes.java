package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.Locale;

/**
 * BigQuery column types as DuckDB types. Used for the raw tables the test goal creates and for casts in
 * generated DuckDB SQL, so both agree.
 */
public final class DuckDbTypes {
    private DuckDbTypes() {}

    /** The DuckDB type for a (valid) BigQuery type; unknown or null types become VARCHAR. */
    public static String of(String bigQueryType) {
        if (bigQueryType == null || !SqlTypes.isValid(bigQueryType)) {
            return "VARCHAR";
        }
        String t = SqlTypes.normalise(bigQueryType);
        if (t.startsWith("ARRAY<") && t.endsWith(">")) {
            return of(t.substring(6, t.length() - 1)) + "[]";
        }
        if (t.startsWith("STRUCT<")) {
            return "JSON";
        }
        String base = t.contains("(") ? t.substring(0, t.indexOf('(')).trim() : t;
        return switch (base.toUpperCase(Locale.ROOT)) {
            case "INT64", "INTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT" -> "BIGINT";
            // BigQuery NUMERIC is decimal(38, 9); DuckDB's widest decimal is 38 digits too
            case "NUMERIC", "DECIMAL" ->
                t.contains("(") ? "DECIMAL" + t.substring(t.indexOf('(')).replace(" ", "") : "DECIMAL(38,9)";
            case "BIGNUMERIC", "BIGDECIMAL" -> "DOUBLE";
            case "FLOAT64", "FLOAT" -> "DOUBLE";
            case "BOOL", "BOOLEAN" -> "BOOLEAN";
            case "STRING" -> "VARCHAR";
            case "BYTES" -> "BLOB";
            case "DATE" -> "DATE";
            case "DATETIME" -> "TIMESTAMP";
            case "TIME" -> "TIME";
            // BigQuery TIMESTAMP is an absolute instant
            case "TIMESTAMP" -> "TIMESTAMPTZ";
            case "JSON" -> "JSON";
            case "INTERVAL" -> "INTERVAL";
            default -> "VARCHAR";
        };
    }
}
