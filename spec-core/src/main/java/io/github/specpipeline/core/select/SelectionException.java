package io.github.specpipeline.core.select;

/** A selection that cannot be applied: a bad term, an unknown model or tag. */
public final class SelectionException extends Exception {
    private final int column;

    public SelectionException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** 1-based column in the property's text of the term at fault. */
    public int column() {
        return column;
    }
}
