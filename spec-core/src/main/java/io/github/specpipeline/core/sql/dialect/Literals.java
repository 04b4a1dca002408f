package io.github.specpipeline.core.sql.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two ways of writing a string literal the dialects use. */
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

    /** BigQuery and Spark SQL (with default settings) resolve backslash escapes in quoted strings. */
    static String backslashString(String value) {
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
}
