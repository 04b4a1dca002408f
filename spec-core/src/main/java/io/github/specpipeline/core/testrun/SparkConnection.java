package io.github.specpipeline.core.testrun;

import java.time.Duration;

/**
 * How the Spark engine reaches Spark: the Python interpreter that has pyspark 4.x, and either a local session
 * ({@code remote} null) or a Spark Connect server ({@code sc://host:port}).
 *
 * @param python       the interpreter: a path or a command on the PATH ({@code python3} by default)
 * @param remote       the Spark Connect address, or null for a local session ({@code local[2]})
 * @param startTimeout how long starting the session may take: a JVM start and Spark's jars on a busy machine
 */
public record SparkConnection(String python, String remote, Duration startTimeout) {
    /** The interpreter when {@code specpipeline.python} is not set. */
    public static final String DEFAULT_PYTHON = "python3";

    /** Starting Spark's JVM on two busy cores was seen to take up to a minute; twice that before giving up. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    public static final SparkConnection LOCAL = new SparkConnection(DEFAULT_PYTHON, null, DEFAULT_START_TIMEOUT);

    public SparkConnection {
        python = python == null || python.isBlank() ? DEFAULT_PYTHON : python.strip();
        remote = remote == null || remote.isBlank() ? null : remote.strip();
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
    }

    public SparkConnection withPython(String p) {
        return new SparkConnection(p, remote, startTimeout);
    }

    public SparkConnection withRemote(String r) {
        return new SparkConnection(python, r, startTimeout);
    }

    /** Where the session runs, for the log. */
    public String describe() {
        return remote == null ? "a local Spark session (local[2])" : "the Spark Connect server " + remote;
    }
}
