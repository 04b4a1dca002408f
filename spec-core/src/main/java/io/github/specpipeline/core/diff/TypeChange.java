package io.github.specpipeline.core.diff;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.Map;
import java.util.Set;

/**
 * BigQuery's widening of column types: the changes that keep every value, which are also exactly the ones
 * {@code ALTER COLUMN ... SET DATA TYPE} makes in place (INT64 to NUMERIC, BIGNUMERIC or FLOAT64; NUMERIC to
 * BIGNUMERIC or FLOAT64). Every other change of type is narrowing: values can be rounded, cut or fail.
 */
final class TypeChange {
    private static final Map<String, Set<String>> WIDENS_TO = Map.of(
            "INT64", Set.of("NUMERIC", "BIGNUMERIC", "FLOAT64"),
            "NUMERIC", Set.of("BIGNUMERIC", "FLOAT64"));

    private TypeChange() {}

    /** Whether the two types are the same once aliases are resolved (INTEGER is INT64, DECIMAL is NUMERIC). */
    static boolean same(String before, String after) {
        return SqlTypes.normalise(before).equals(SqlTypes.normalise(after))
                || (!before.contains("(")
                        && !after.contains("(")
                        && SqlTypes.baseType(before).equals(SqlTypes.baseType(after)));
    }

    /** Whether {@code before} to {@code after} keeps every value. Parameterised types are never widened here. */
    static boolean widens(String before, String after) {
        if (before.contains("(") || after.contains("(")) {
            return false;
        }
        return WIDENS_TO.getOrDefault(SqlTypes.baseType(before), Set.of()).contains(SqlTypes.baseType(after));
    }
}
