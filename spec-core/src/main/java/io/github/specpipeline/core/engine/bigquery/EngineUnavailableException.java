package io.github.specpipeline.core.engine.bigquery;

/**
 * GoogleSQL's native engine cannot run in this JVM (another operating system or CPU, or its library failed to
 * load). The message is one sentence for the user; no stack trace is needed to act on it.
 */
public final class EngineUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    EngineUnavailableException(String message) {
        super(message);
    }
}
