package io.github.specpipeline.core.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** BigQuery type names a spec may declare. Types are written into generated DDL, so they are checked strictly. */
public final class SqlTypes {
    private static final Set<String> SCALARS = Set.of(
            "INT64",
            "INTEGER",
            "INT",
            "SMALLINT",
            "BIGINT",
            "TINYINT",
            "BYTEINT",
            "NUMERIC",
            "DECIMAL",
            "BIGNUMERIC",
            "BIGDECIMAL",
            "FLOAT64",
            "FLOAT",
            "BOOL",
            "BOOLEAN",
            "STRING",
            "BYTES",
            "DATE",
            "DATETIME",
            "TIME",
            "TIMESTAMP",
            "JSON",
            "GEOGRAPHY",
            "INTERVAL");
    private static final Pattern PARAMETERS = Pattern.compile("\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\)");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s+(.+)");

    private SqlTypes() {}

    /** Upper-case, single spaces. */
    public static String normalise(String type) {
        String t = type.trim();
        if (hasWhitespaceToCollapse(t)) {
            t = WHITESPACE.matcher(t).replaceAll(" ");
        }
        return t.toUpperCase(Locale.ROOT);
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Whether {@link #WHITESPACE} would change {@code t}: a \s other than a single space (most types have none). */
    private static boolean hasWhitespaceToCollapse(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\t'
                    || c == '\n'
                    || c == '\u000B'
                    || c == '\f'
                    || c == '\r'
                    || (c == ' ' && i + 1 < t.length() && t.charAt(i + 1) == ' ')) {
                return true;
            }
        }
        return false;
    }

    public static boolean isValid(String type) {
        return type != null && type.length() <= 1000 && valid(normalise(type));
    }

    private static boolean valid(String t) {
        if (t.startsWith("ARRAY<") && t.endsWith(">")) {
            return valid(t.substring(6, t.length() - 1).trim());
        }
        if (t.startsWith("STRUCT<") && t.endsWith(">")) {
            String body = t.substring(7, t.length() - 1);
            for (String field : splitTopLevel(body)) {
                var m = FIELD.matcher(field.trim());
                if (!m.matches() || !valid(m.group(1).trim())) {
                    return false;
                }
            }
            return true;
        }
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : t.substring(0, paren).trim();
        if (paren >= 0 && !PARAMETERS.matcher(t.substring(paren)).matches()) {
            return false;
        }
        return SCALARS.contains(base);
    }

    private static java.util.List<String> splitTopLevel(String body) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }
}
