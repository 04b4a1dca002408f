package io.github.specpipeline.core.sql.dialect;

import java.util.Optional;

/**
 * Conversions of the mini-languages inside function arguments: BigQuery (RE2) regular expressions and their
 * replacement strings, and BigQuery's strftime-style date format strings.
 */
final class Patterns {
    private Patterns() {}

    /**
     * The number of capturing groups of an RE2 pattern: {@code (...)} and the named {@code (?P<n>...)} /
     * {@code (?<n>...)}, not {@code (?:...)} or flags, not escaped brackets or brackets inside a character class.
     */
    static int captureGroups(String pattern) {
        int groups = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++; // a leading ] is a literal member
                }
            } else if (c == '(') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '?') {
                    if (pattern.startsWith("(?P<", i)
                            || (pattern.startsWith("(?<", i)
                                    && !pattern.startsWith("(?<=", i)
                                    && !pattern.startsWith("(?<!", i))) {
                        groups++;
                    }
                } else {
                    groups++;
                }
            }
        }
        return groups;
    }

    /**
     * An RE2 replacement string ({@code \1} inserts group 1, {@code \\} a backslash) as a Java one ({@code $1},
     * {@code \\}, {@code \$}), or empty when it uses an escape RE2 would reject.
     */
    static Optional<String> javaReplacement(String re2) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\') {
                if (i + 1 >= re2.length()) {
                    return Optional.empty();
                }
                char n = re2.charAt(++i);
                if (Character.isDigit(n)) {
                    sb.append('$').append(n);
                } else if (n == '\\') {
                    sb.append("\\\\");
                } else {
                    return Optional.empty();
                }
            } else if (c == '$') {
                sb.append("\\$");
            } else {
                sb.append(c);
            }
        }
        return Optional.of(sb.toString());
    }

    /** Format elements DuckDB's strftime/strptime read exactly as BigQuery does (after expanding shorthands). */
    private static final String DUCKDB_ELEMENTS = "aAbBdHIjmMpSUwWyY%";

    /**
     * A BigQuery format string for DuckDB's {@code strftime}/{@code strptime}, or empty when it uses an element
     * whose meaning differs ({@code %c}, {@code %e}, {@code %Z}, {@code %E...}, ...).
     */
    static Optional<String> duckDbFormat(String format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                return Optional.empty();
            }
            char e = format.charAt(++i);
            switch (e) {
                case 'F' -> sb.append("%Y-%m-%d");
                case 'D' -> sb.append("%m/%d/%y");
                case 'T' -> sb.append("%H:%M:%S");
                case 'R' -> sb.append("%H:%M");
                default -> {
                    if (DUCKDB_ELEMENTS.indexOf(e) < 0) {
                        return Optional.empty();
                    }
                    sb.append('%').append(e);
                }
            }
        }
        return Optional.of(sb.toString());
    }

    /**
     * A BigQuery format string as a Java (Spark) datetime pattern, or empty when an element has no
     * equivalent. {@code parsing} chooses the lenient single-letter forms for numbers, as BigQuery's parser
     * accepts unpadded values.
     */
    static Optional<String> sparkPattern(String format, boolean parsing) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean lastWasElement = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                return Optional.empty();
            }
            char e = format.charAt(++i);
            if (e == '%') {
                literal.append('%');
                continue;
            }
            // Spark's parser needs fixed widths for numbers that touch another element ('%Y%m%d')
            boolean touching = (i + 1 < format.length() && format.charAt(i + 1) == '%')
                    || (lastWasElement && literal.length() == 0);
            boolean lenient = parsing && !touching;
            String element = switch (e) {
                case 'Y' -> lenient ? "y" : "yyyy";
                case 'y' -> "yy";
                case 'm' -> lenient ? "M" : "MM";
                case 'd' -> lenient ? "d" : "dd";
                case 'H' -> lenient ? "H" : "HH";
                case 'I' -> parsing ? "h" : "hh";
                case 'M' -> lenient ? "m" : "mm";
                case 'S' -> lenient ? "s" : "ss";
                case 'p' -> "a";
                case 'b' -> "MMM";
                case 'B' -> "MMMM";
                case 'a' -> "EEE";
                case 'A' -> "EEEE";
                case 'j' -> parsing ? "D" : "DDD";
                case 'F' -> parsing ? "y-M-d" : "yyyy-MM-dd";
                case 'D' -> parsing ? "M/d/yy" : "MM/dd/yy";
                case 'T' -> parsing ? "H:m:s" : "HH:mm:ss";
                case 'R' -> parsing ? "H:m" : "HH:mm";
                default -> null;
            };
            if (element == null) {
                return Optional.empty();
            }
            flushLiteral(sb, literal);
            sb.append(element);
            lastWasElement = true;
        }
        flushLiteral(sb, literal);
        return Optional.of(sb.toString());
    }

    /** Letters are pattern letters in Java: literal text is quoted, a quote is doubled. */
    private static void flushLiteral(StringBuilder sb, StringBuilder literal) {
        if (literal.length() == 0) {
            return;
        }
        String text = literal.toString();
        boolean needsQuotes = text.chars()
                .anyMatch(ch -> Character.isLetter(ch)
                        || ch == '\''
                        || ch == '['
                        || ch == ']'
                        || ch == '#'
                        || ch == '{'
                        || ch == '}');
        sb.append(needsQuotes ? "'" + text.replace("'", "''") + "'" : text);
        literal.setLength(0);
    }
}
