package io.github.specpipeline.core.engine.bigquery;

import com.google.zetasql.ZetaSQLType.TypeKind;
import java.util.List;

/** The scalar BigQuery types, each with its GoogleSQL kind and the aliases the DDL may write for it. */
public enum ScalarKind {
    INT64(TypeKind.TYPE_INT64, "INT64", "INT", "INTEGER", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT"),
    NUMERIC(TypeKind.TYPE_NUMERIC, "NUMERIC", "DECIMAL"),
    BIGNUMERIC(TypeKind.TYPE_BIGNUMERIC, "BIGNUMERIC", "BIGDECIMAL"),
    FLOAT64(TypeKind.TYPE_DOUBLE, "FLOAT64", "FLOAT"),
    BOOL(TypeKind.TYPE_BOOL, "BOOL", "BOOLEAN"),
    STRING(TypeKind.TYPE_STRING, "STRING"),
    BYTES(TypeKind.TYPE_BYTES, "BYTES"),
    DATE(TypeKind.TYPE_DATE, "DATE"),
    DATETIME(TypeKind.TYPE_DATETIME, "DATETIME"),
    TIME(TypeKind.TYPE_TIME, "TIME"),
    TIMESTAMP(TypeKind.TYPE_TIMESTAMP, "TIMESTAMP"),
    JSON(TypeKind.TYPE_JSON, "JSON"),
    INTERVAL(TypeKind.TYPE_INTERVAL, "INTERVAL"),
    /** Analyzed, but the Java API cannot hold GEOGRAPHY values: tables with one cannot be given rows. */
    GEOGRAPHY(TypeKind.TYPE_GEOGRAPHY, "GEOGRAPHY");

    private final TypeKind zetaKind;
    private final List<String> names;

    ScalarKind(TypeKind zetaKind, String... names) {
        this.zetaKind = zetaKind;
        this.names = List.of(names);
    }

    /** GoogleSQL's kind for this type. */
    public TypeKind zetaKind() {
        return zetaKind;
    }

    /** The type's own name, as BigQuery prints it. */
    public String sqlName() {
        return names.get(0);
    }

    /** Whether {@code upperCaseName} is this type's name or one of its aliases. */
    boolean isNamed(String upperCaseName) {
        return names.contains(upperCaseName);
    }
}
