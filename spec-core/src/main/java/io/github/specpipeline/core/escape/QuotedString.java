package io.github.specpipeline.core.escape;

import java.util.Locale;

/**
 * The string literal of a language that escapes with backslashes: {@code \}, the quote, {@code \n}, {@code \r},
 * {@code \t} by name, and every char the language's reader would not take as itself as {@code \}{@code uXXXX}
 * (lower-case hex). One engine, one rule set per language, so that YAML, Python, JavaScript and SQL literals differ
 * only where the languages do.
 */
public enum QuotedString {
    /** A YAML double-quoted scalar: C0, DEL, the Unicode line ends, a BOM and lone surrogates as escapes. */
    YAML('"', "\u0085\u2028\u2029\ufeff", "", true),
    /** A Python string literal: C0, DEL, the line ends Python's str.splitlines knows, lone surrogates. */
    PYTHON('"', "\u0085\u2028\u2029", "", true),
    /**
     * A JavaScript string literal (JSON-compatible): C0, DEL, U+2028/9 and lone surrogates as escapes; also {@code `}
     * and {@code $}, so that the literal is inert inside a template literal's {@code ${...}}.
     */
    JAVASCRIPT('"', "\u2028\u2029", "`$", true),
    /**
     * A BigQuery or Spark SQL quoted string (both resolve backslash escapes, Spark with its default settings):
     * single-quoted, C0, DEL and U+2028/9 as escapes. A lone surrogate is written as it is, as the SQL renderers
     * wrote it before they used this class (escaping it would change generated files).
     */
    SQL('\'', "\u2028\u2029", "", false);

    private final char quote;
    private final String escapedBeyondControls;
    private final String escapedPunctuation;
    private final boolean escapesLoneSurrogates;

    QuotedString(char quote, String escapedBeyondControls, String escapedPunctuation, boolean escapesLoneSurrogates) {
        this.quote = quote;
        this.escapedBeyondControls = escapedBeyondControls;
        this.escapedPunctuation = escapedPunctuation;
        this.escapesLoneSurrogates = escapesLoneSurrogates;
    }

    /** The quoted literal holding exactly {@code s}. */
    public String of(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote) {
                sb.append('\\').append(c);
                continue;
            }
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20
                            || c == 0x7f
                            || escapedBeyondControls.indexOf(c) >= 0
                            || escapedPunctuation.indexOf(c) >= 0
                            || escapesLoneSurrogates && Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
