package io.github.specpipeline.core.model;

import java.util.Locale;
import java.util.Optional;

/** SQL join kinds a spec may use. */
public enum JoinType {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    CROSS;

    /** Accepts {@code LEFT}, {@code left}, {@code LEFT OUTER}, {@code FULL OUTER}. */
    public static Optional<JoinType> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.endsWith(" JOIN")) {
            t = t.substring(0, t.length() - " JOIN".length());
        }
        if (t.endsWith(" OUTER") && !t.startsWith("INNER") && !t.startsWith("CROSS")) {
            t = t.substring(0, t.length() - " OUTER".length());
        }
        for (JoinType type : values()) {
            if (type.name().equals(t)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The SQL keywords, e.g. {@code LEFT JOIN}. */
    public String sql() {
        return name() + " JOIN";
    }
}
