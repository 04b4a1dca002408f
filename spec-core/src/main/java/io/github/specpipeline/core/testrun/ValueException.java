package io.github.specpipeline.core.testrun;

/** A text value that is not valid for its column type; the message says what was expected. */
public final class ValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message);
    }
}
