package io.github.specpipeline.core.export.xlsx;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out worksheet names Excel accepts: at most 31 characters, not blank, not the reserved {@code History},
 * and unique ignoring case (Excel compares sheet names case-insensitively). Only letters, digits, {@code _},
 * {@code -} and spaces are kept (anything else, such as {@code [ ] : * ? / \ '} and control characters, becomes
 * {@code _}), which also keeps the names safe in the formulas of defined names (autofilter ranges, links). A name
 * that is taken gets {@code ~2}, {@code ~3}, ... within the 31 characters.
 */
final class SheetNames {
    static final int MAX = 31;
    private final Set<String> used = new HashSet<>();

    /** A valid, unused name as close to {@code wanted} as possible; it is then taken. */
    String take(String wanted) {
        String base = sanitize(wanted);
        String name = base;
        int n = 2;
        while (used.contains(name.toLowerCase(Locale.ROOT))) {
            String suffix = "~" + n++;
            name = cut(base, MAX - suffix.length()) + suffix;
        }
        used.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    static String sanitize(String wanted) {
        StringBuilder sb = new StringBuilder();
        String w = wanted == null ? "" : wanted;
        w.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '_' || c == ' ' || c == '-') {
                sb.appendCodePoint(c);
            } else {
                sb.append('_');
            }
        });
        String s = cut(sb.toString().strip(), MAX);
        if (s.isBlank()) {
            s = "Sheet";
        }
        if (s.equalsIgnoreCase("History")) {
            s = s + "_";
        }
        return s;
    }

    /** The first {@code max} chars, never splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
