package io.github.specpipeline.core.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Mutations on plain text and bytes that every family uses. */
final class Text {
    /** Characters that have broken parsers before: NUL, BOM, bidi override, NBSP, fullwidth, emoji, combining. */
    static final String[] UNICODE = {
        "\u0000",
        "\uFEFF",
        "\u202E",
        "\u00A0",
        "\uFF08",
        "\uFF09",
        "\uD83D\uDE00",
        "e\u0301",
        "\u2028",
        "\u0085",
        "\t",
        "\r",
        "\\",
        "\\u0000",
        "\uD800",
        "\u0130",
        "\u00DF",
        "\u4E2D\u6587",
        "\u200B"
    };

    private Text() {}

    static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    /** A size in [1, max], small ones much more likely (a log-uniform pick). */
    static int size(Random r, int max) {
        double log = Math.log(Math.max(1, max)) * r.nextDouble();
        return Math.max(1, Math.min(max, (int) Math.round(Math.exp(log))));
    }

    static byte[] flipBits(byte[] in, Random r, StringBuilder what) {
        byte[] out = in.clone();
        if (out.length == 0) {
            return out;
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int pos = r.nextInt(out.length);
            int bit = 1 << r.nextInt(8);
            out[pos] ^= (byte) bit;
            what.append(i == 0 ? "bit flips at byte " : ", ")
                    .append(pos)
                    .append(" (^")
                    .append(bit)
                    .append(')');
        }
        return out;
    }

    static String insert(String s, int pos, String piece) {
        return s.substring(0, pos) + piece + s.substring(pos);
    }

    /** A position in {@code s} that does not split a surrogate pair. */
    static int position(String s, Random r) {
        int pos = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        if (pos > 0 && pos < s.length() && Character.isLowSurrogate(s.charAt(pos))) {
            pos--;
        }
        return pos;
    }

    static String repeat(String unit, int length) {
        StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Spans [start, end) of SQL-ish tokens: words, numbers, quoted strings, single punctuation characters. */
    static List<int[]> sqlTokens(String s) {
        return tokens(s, "'\"`", c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }

    /** Spans of JSON tokens: strings, punctuation, and runs of anything else (numbers, literals). */
    static List<int[]> jsonTokens(String s) {
        return tokens(s, "\"", c -> !Character.isWhitespace(c) && "{}[],:\"".indexOf(c) < 0);
    }

    /** Quoted strings (a backslash escapes), runs of word characters, and any other character alone. */
    private static List<int[]> tokens(String s, String quotes, java.util.function.IntPredicate word) {
        List<int[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (quotes.indexOf(c) >= 0) {
                i++;
                while (i < s.length() && s.charAt(i) != c) {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(s.length(), i + 1);
            } else if (word.test(c)) {
                while (i < s.length() && word.test(s.charAt(i))) {
                    i++;
                }
            } else {
                i++;
            }
            tokens.add(new int[] {start, i});
        }
        return tokens;
    }

    /** Deletes or duplicates one to three consecutive tokens. */
    static String tokenEdit(String s, List<int[]> tokens, Random r, StringBuilder what) {
        if (tokens.isEmpty()) {
            what.append("no token to edit");
            return s;
        }
        int first = r.nextInt(tokens.size());
        int last = Math.min(tokens.size() - 1, first + r.nextInt(3));
        int start = tokens.get(first)[0];
        int end = tokens.get(last)[1];
        String span = s.substring(start, end);
        if (r.nextBoolean()) {
            what.append("deleted tokens ")
                    .append(quote(span))
                    .append(" at char ")
                    .append(start);
            return s.substring(0, start) + s.substring(end);
        }
        what.append("duplicated tokens ")
                .append(quote(span))
                .append(" at char ")
                .append(start);
        return s.substring(0, end) + " " + span + s.substring(end);
    }

    /** A short, printable form of a piece of text for a finding's description. */
    static String quote(String s) {
        String shown = s.length() > 300 ? s.substring(0, 240) + "...(" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder("'");
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20
                    || (cp >= 0x7f && cp < 0xa0)
                    || cp == 0x2028
                    || cp == 0x202E
                    || cp == 0xFEFF
                    || cp == 0x200B) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('\'').toString();
    }
}
