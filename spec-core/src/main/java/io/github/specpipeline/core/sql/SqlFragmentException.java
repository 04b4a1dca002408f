package io.github.specpipeline.core.sql;

/**
 * A spec SQL fragment is not a single valid BigQuery expression.
 *
 * <p>{@link #getMessage()} says what is wrong without the position, so callers can prefix their own context
 * (file, JSON pointer); {@link #line()} and {@link #column()} locate the problem within the fragment text as
 * the user wrote it (1-based; see {@link SqlFragments#parse} for how substituted {@code {from}} text maps back).
 * {@link #beyondLimit()} tells a fragment that may well be valid SQL but is nested too deeply to be read safely
 * (SP306) from one that is not SQL (SP301).
 */
public final class SqlFragmentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final boolean beyondLimit;

    public SqlFragmentException(String message, int line, int column) {
        this(message, line, column, false);
    }

    /** @param beyondLimit the fragment crosses a nesting or parse-time limit rather than being malformed */
    public SqlFragmentException(String message, int line, int column, boolean beyondLimit) {
        super(message);
        this.line = line;
        this.column = column;
        this.beyondLimit = beyondLimit;
    }

    /** Whether the fragment was refused for crossing a safety limit (nesting depth, parse time), not for its syntax. */
    public boolean beyondLimit() {
        return beyondLimit;
    }

    /** 1-based line within the fragment text. */
    public int line() {
        return line;
    }

    /** 1-based column within the fragment text. */
    public int column() {
        return column;
    }

    public FragmentPosition position() {
        return new FragmentPosition(line, column);
    }
}
