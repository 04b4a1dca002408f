package io.github.specpipeline.core.testrun;

/**
 * Spark could not be started: no Python, no pyspark 4.x, no Java for pyspark, or no Spark Connect server. The
 * message is one line a user can act on; the goal fails with it and no stack trace.
 */
public final class SparkUnavailableException extends Exception {
    public SparkUnavailableException(String message) {
        super(message);
    }
}
