package io.github.specpipeline.core.engine.bigquery;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error GoogleSQL reported for a statement.
 *
 * @param line    1-based line inside the SQL text, 0 when the error has no position (a run-time error)
 * @param column  1-based column inside that line, 0 when the error has no position
 * @param message GoogleSQL's message without its {@code [at line:column]} suffix
 */
public record SqlError(int line, int column, String message) {
    private static final Pattern AT = Pattern.compile("\\s*\\[at (\\d+):(\\d+)]\\s*$");

    public SqlError {
        Objects.requireNonNull(message, "message");
    }

    /** The error of a GoogleSQL message such as {@code Unrecognized name: x [at 1:8]}. */
    static SqlError of(String zetaMessage) {
        String m = zetaMessage == null ? "GoogleSQL reported an error without a message" : zetaMessage.strip();
        Matcher at = AT.matcher(m);
        if (at.find()) {
            return new SqlError(
                    Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)), m.substring(0, at.start()));
        }
        return new SqlError(0, 0, m);
    }

    /** Whether the error points at a place in the SQL. */
    public boolean isLocated() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isLocated() ? line + ":" + column + ": " + message : message;
    }
}
