package io.github.specpipeline.core.sql.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * Standard SQL string literals (DuckDB); BigQuery and Spark SQL write theirs with {@code QuotedString.SQL}, as they
 * resolve backslash escapes.
 */
final class Literals {
    private Literals() {}

    /** Standard SQL (DuckDB): backslashes are plain characters and quotes are doubled. */
    static String standardString(String value) {
        if (value.indexOf('\0') >= 0) {
            // a NUL cannot appear inside a literal: splice it in
            List<String> parts = new ArrayList<>();
            for (String part : value.split("\0", -1)) {
                parts.add(standardString(part));
            }
            return "(" + String.join(" || chr(0) || ", parts) + ")";
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
