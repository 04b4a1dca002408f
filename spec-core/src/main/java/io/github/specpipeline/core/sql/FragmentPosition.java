package io.github.specpipeline.core.sql;

/**
 * A place in a fragment's original text.
 *
 * @param line   1-based line
 * @param column 1-based column (UTF-16 chars; a tab counts as one)
 */
public record FragmentPosition(int line, int column) {

    public static final FragmentPosition START = new FragmentPosition(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
