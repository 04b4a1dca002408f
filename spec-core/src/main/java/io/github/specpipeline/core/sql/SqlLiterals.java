package io.github.specpipeline.core.sql;

import java.util.Locale;
import java.util.Optional;

/** Decoding of BigQuery string literals and quoted names, as written in source text. */
final class SqlLiterals {

    private SqlLiterals() {}

    /**
     * The value of a BigQuery string literal token ({@code 'a'}, {@code "a"}, {@code '''a'''}, {@code r'\d'}),
     * or empty if {@code literal} is not one. Bytes literals ({@code b'..'}) are decoded like strings.
     */
    static Optional<String> stringValue(String literal) {
        int i = 0;
        boolean raw = false;
        // BigQuery prefixes: r, b, rb, br in any case. Raw means backslashes are not escapes.
        while (i < literal.length() && i < 2 && "rRbB".indexOf(literal.charAt(i)) >= 0) {
            raw |= Character.toLowerCase(literal.charAt(i)) == 'r';
            i++;
        }
        String body = literal.substring(i);
        int quoteLength;
        if (body.length() >= 6 && (body.startsWith("'''") || body.startsWith("\"\"\""))) {
            quoteLength = 3;
        } else if (body.length() >= 2 && (body.charAt(0) == '\'' || body.charAt(0) == '"')) {
            quoteLength = 1;
        } else {
            return Optional.empty();
        }
        String quote = body.substring(0, quoteLength);
        if (!body.endsWith(quote) || body.length() < 2 * quoteLength) {
            return Optional.empty();
        }
        String content = body.substring(quoteLength, body.length() - quoteLength);
        return Optional.of(raw ? content : unescape(content));
    }

    /**
     * Resolves BigQuery's backslash escapes (newline, tab, hex, unicode and octal escapes); unknown escapes keep the escaped character.
     */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            int digits = n == 'x' || n == 'X' ? 2 : n == 'u' ? 4 : n == 'U' ? 8 : 0;
            if (digits > 0
                    && isHex(s, i + 1, digits)
                    && Long.parseLong(s.substring(i + 1, i + 1 + digits), 16) <= Character.MAX_CODE_POINT) {
                sb.appendCodePoint((int) Long.parseLong(s.substring(i + 1, i + 1 + digits), 16));
                i += digits;
                continue;
            }
            if (n >= '0' && n <= '7' && isOctal(s, i, 3)) {
                sb.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
                i += 2;
                continue;
            }
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000B');
                default -> sb.append(n); // \\ \' \" \` \? and anything else: the character itself
            }
        }
        return sb.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctal(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** Upper-case in the root locale (never Turkish dotless i). */
    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
