package io.github.specpipeline.core.model;

/**
 * A literal value from the spec (an accepted value, a unit-test cell).
 *
 * @param text the value's text; null for SQL NULL
 * @param kind what JSON type it came from, which decides how it is written in SQL
 */
public record Literal(String text, Kind kind) {
    public enum Kind {
        STRING,
        NUMBER,
        BOOLEAN,
        NULL
    }

    public static final Literal NULL = new Literal(null, Kind.NULL);

    public static Literal string(String text) {
        return new Literal(text, Kind.STRING);
    }

    public static Literal number(String text) {
        return new Literal(text, Kind.NUMBER);
    }

    public static Literal bool(boolean value) {
        return new Literal(Boolean.toString(value), Kind.BOOLEAN);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }
}
