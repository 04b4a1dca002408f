package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.sql.dialect.DuckDbRules;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as the test runner handles values: the BigQuery type the user wrote (shown in messages),
 * the DuckDB type it becomes, and the kind of value parsing it needs.
 *
 * @param bigQueryType as declared (normalised), or null when unknown
 * @param duckDbType   from {@link DuckDbRules#columnType(String)}
 * @param kind         how text values are checked and normalised
 * @param precision    digits of a DECIMAL, else 0
 * @param scale        fraction digits of a DECIMAL, else 0
 */
public record ColumnType(String bigQueryType, String duckDbType, Kind kind, int precision, int scale) {
    /** Value kinds with their own parsing. {@code OTHER} (arrays, JSON, intervals, bytes) is checked by DuckDB. */
    public enum Kind {
        INTEGER,
        DECIMAL,
        DOUBLE,
        BOOLEAN,
        STRING,
        DATE,
        DATETIME,
        TIMESTAMP,
        TIME,
        OTHER
    }

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    public static final ColumnType STRING = of("STRING");

    /** The type for a BigQuery type; null or unknown types are strings. */
    public static ColumnType of(String bigQueryType) {
        String duck = DuckDbRules.columnType(bigQueryType);
        String upper = duck.toUpperCase(Locale.ROOT);
        Kind kind;
        int precision = 0;
        int scale = 0;
        Matcher m = DECIMAL.matcher(upper.replace(" ", ""));
        if (m.matches()) {
            kind = Kind.DECIMAL;
            precision = Integer.parseInt(m.group(1));
            scale = Integer.parseInt(m.group(2));
        } else {
            kind = switch (upper) {
                case "BIGINT", "INTEGER", "HUGEINT", "SMALLINT", "TINYINT" -> Kind.INTEGER;
                case "DOUBLE", "FLOAT", "REAL" -> Kind.DOUBLE;
                case "BOOLEAN" -> Kind.BOOLEAN;
                case "VARCHAR" -> Kind.STRING;
                case "DATE" -> Kind.DATE;
                case "TIMESTAMP" -> Kind.DATETIME;
                case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> Kind.TIMESTAMP;
                case "TIME" -> Kind.TIME;
                default -> Kind.OTHER;
            };
        }
        return new ColumnType(bigQueryType, duck, kind, precision, scale);
    }

    /** The type as a user knows it: the BigQuery type when declared, else the DuckDB type. */
    public String shown() {
        return bigQueryType != null ? bigQueryType : duckDbType;
    }
}
