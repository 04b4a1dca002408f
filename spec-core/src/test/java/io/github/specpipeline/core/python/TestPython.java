package io.github.specpipeline.core.python;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python interpreter of the build's pinned virtual environment (pyspark, dbt), for tests that run the
 * generated PySpark code, dbt or the Spark engine. The build creates the environment and passes its interpreter
 * as the system property {@code specpipeline.test.python} (or the environment variable
 * {@code SPECPIPELINE_PYTHON}). Without one, such tests are skipped with one loud line, except on CI
 * ({@code CI=true}), where a missing engine fails the build: a target whose code never ran is a promise not kept.
 */
public final class TestPython {
    public static final String PROPERTY = "specpipeline.test.python";
    public static final String ENVIRONMENT = "SPECPIPELINE_PYTHON";

    private TestPython() {}

    /** The interpreter, or the test is aborted (skipped), or failed on CI. */
    public static Path require() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        String why;
        if (configured == null || configured.isBlank()) {
            why = "no Python virtual environment (the build creates one when python3 is on the PATH)";
        } else if (!Files.isExecutable(Path.of(configured))) {
            why = "the Python interpreter " + configured + " does not exist or cannot run";
        } else {
            return Path.of(configured);
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and " + why + ": the Spark and dbt tests cannot run");
        }
        System.err.println("[WARNING] SKIPPED Spark/dbt test: " + why);
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }
}
