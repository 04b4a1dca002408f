package io.github.specpipeline.core.export;

import io.github.specpipeline.core.diag.Severity;

/**
 * One cell of a {@link ReviewTable}: a value with what it is, so that each renderer can style it (a code font, a
 * number cell, a coloured status) without knowing which table it is in. {@link #text()} is the value as plain text,
 * the same in every format before that format's escaping; a missing value is the empty text.
 */
public sealed interface Cell {
    /** The value as plain text; empty, never null, for a missing value. */
    String text();

    /**
     * What the cell holds, for a renderer's exhaustive {@code switch} (Java 17 has no pattern switch over the
     * records); each record returns its own.
     */
    Type type();

    /** The cell records, one constant each. */
    enum Type {
        TEXT,
        PROSE,
        CODE,
        NUMBER,
        FLAG,
        STATUS,
        FINDING,
        MODEL_NAME
    }

    /** Short text: a name, a type, an id, a label. */
    static Cell text(String value) {
        return new Text(value);
    }

    /** Sentences or lists that may run long: a description, a message, a list of names. */
    static Cell prose(String value) {
        return new Prose(value);
    }

    /** SQL or a test as written: a transform, a formula, a join condition, {@code accepted_values('a')}. */
    static Cell code(String value) {
        return new Code(value);
    }

    /** What {@link #code(String, String)} puts before the expansion, on the cell's second line. */
    String EXPANDS_TO = "expands to: ";

    /**
     * SQL that may call named expressions: the text as written and, on a second line after {@link #EXPANDS_TO}, the
     * SQL it expands to (what runs), when the two differ; just {@code runs} when they do not (or nothing is written).
     * One cell rather than a second column, so that a spec without named expressions keeps its tables as they were
     * and every format shows both forms side by side.
     */
    static Cell code(String written, String runs) {
        if (written == null || written.equals(runs)) {
            return code(runs);
        }
        return code(written + "\n" + EXPANDS_TO + (runs == null ? "" : runs));
    }

    static Cell number(long value) {
        return new Number(value);
    }

    static Cell flag(boolean value) {
        return new Flag(value);
    }

    /** Short text. */
    record Text(String value) implements Cell {
        @Override
        public Type type() {
            return Type.TEXT;
        }

        @Override
        public String text() {
            return value == null ? "" : value;
        }
    }

    /** Text that may run long. */
    record Prose(String value) implements Cell {
        @Override
        public Type type() {
            return Type.PROSE;
        }

        @Override
        public String text() {
            return value == null ? "" : value;
        }
    }

    /** SQL or another expression. */
    record Code(String value) implements Cell {
        @Override
        public Type type() {
            return Type.CODE;
        }

        @Override
        public String text() {
            return value == null ? "" : value;
        }
    }

    /** A count. */
    record Number(long value) implements Cell {
        @Override
        public Type type() {
            return Type.NUMBER;
        }

        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    /** {@code Yes} or {@code No}. */
    record Flag(boolean value) implements Cell {
        @Override
        public Type type() {
            return Type.FLAG;
        }

        @Override
        public String text() {
            return value ? "Yes" : "No";
        }
    }

    /** A validation status: {@code OK}, {@code 2 warnings}, {@code 1 error, 3 warnings}. */
    record Status(long errors, long warnings) implements Cell {
        @Override
        public Type type() {
            return Type.STATUS;
        }

        @Override
        public String text() {
            return SpecReview.status(errors, warnings);
        }
    }

    /** The severity of a finding. */
    record Finding(Severity severity) implements Cell {
        @Override
        public Type type() {
            return Type.FINDING;
        }

        @Override
        public String text() {
            return severity.label();
        }
    }

    /**
     * A model's name that can link to what the format shows of the model (its sheet, its section).
     *
     * @param name the model's display name
     * @param key  the model's {@link SpecReview.ModelReview#key() key}
     */
    record ModelName(String name, String key) implements Cell {
        @Override
        public Type type() {
            return Type.MODEL_NAME;
        }

        @Override
        public String text() {
            return name;
        }
    }
}
