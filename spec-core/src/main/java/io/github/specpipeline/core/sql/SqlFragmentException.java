package io.github.specpipeline.core.sql;

/**
 * A spec SQL fragment is not a single valid BigQuery expression.
 *
 * <p>{@link #getMessage()} says what is wrong without the position, so callers can prefix their own context
 * (file, JSON pointer); {@link #line()} and {@link #column()} locate the problem within the fragment text as
 * the user wrote it (1-based; see {@link SqlFragments#parse} for how substituted {@code {from}} text maps back).
 */
public final class SqlFragmentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public SqlFragmentException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
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
