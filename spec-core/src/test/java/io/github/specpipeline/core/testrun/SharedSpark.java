package io.github.specpipeline.core.testrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.python.TestPython;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One local Spark for the test JVM: the first local {@link SparkEngine} a test starts (directly or through the
 * {@code test} goal) starts the bridge and its Spark as usual, and every later one borrows that same process
 * instead of starting another. Surefire runs the classes one after the other in one JVM, and starting Spark's JVM
 * (10-15 s idle, far more on a loaded machine) was most of each Spark test's time.
 *
 * <p>Tests cannot see each other's data: lending and giving back both {@code reset} the session (every temporary
 * view, table and database dropped, the settings of the start restored), and a reset that leaves anything fails,
 * which stops that bridge so the next engine starts a new one. One borrower at a time: while the bridge is lent,
 * another engine starts its own process, as outside the tests. A remote session ({@code sc://}) and an engine with
 * another interpreter (the set-up failure tests) are never lent. The bridge is stopped at JVM exit (a shutdown
 * hook; the bridge script also stops Spark when its stdin closes, so a killed JVM leaves no Spark behind).
 *
 * <p>A test class opts in with {@link #use()} (in {@code @BeforeAll}); it costs nothing until an engine starts.
 */
public final class SharedSpark {
    private static SparkBridge bridge;
    private static boolean hooked;

    private SharedSpark() {}

    /** Lends the shared bridge to the local Spark engines started from now on in this JVM. */
    public static synchronized void use() {
        SparkBridge.lender = SharedSpark::borrow;
    }

    /**
     * Runs {@code script} from {@code folder} as {@code __main__} on the shared session (its
     * {@code SparkSession.builder...getOrCreate()} returns it), the folder first on the module path; then empties
     * the session. Starts the session if no engine has yet.
     */
    public static void runScript(Path python, Path folder, String script, Duration timeout) throws Exception {
        use();
        SparkBridge b = SparkBridge.local(python.toString());
        try {
            b.call(SparkBridge.request("start"), SparkConnection.DEFAULT_START_TIMEOUT);
            ObjectNode req = SparkBridge.request("run_generated");
            req.put("folder", folder.toAbsolutePath().normalize().toString());
            req.put("script", script);
            b.call(req, timeout);
        } catch (SQLException e) {
            throw new IllegalStateException("Spark could not run " + folder.resolve(script) + ": " + e.getMessage(), e);
        } finally {
            b.close();
        }
    }

    private static synchronized SparkBridge borrow(String python) throws SparkUnavailableException {
        if (!python.equals(testPython())) {
            return null; // another interpreter: a set-up test's own process
        }
        if (bridge != null && bridge.lend()) {
            return bridge;
        }
        if (bridge != null && bridge.usable()) {
            return null; // lent to an engine still open: this one starts its own
        }
        bridge = SparkBridge.start(python);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedSpark::stop, "spec-pipeline-shared-spark-stop"));
        }
        if (!bridge.lend()) {
            throw new SparkUnavailableException(
                    "engine spark: the shared test session could not be reset" + bridge.lastLog());
        }
        return bridge;
    }

    /** The build's interpreter ({@link TestPython}'s), or null: only engines on it are lent the shared bridge. */
    private static String testPython() {
        String configured = System.getProperty(TestPython.PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(TestPython.ENVIRONMENT);
        }
        return configured == null || configured.isBlank()
                ? null
                : Path.of(configured).toString();
    }

    private static synchronized void stop() {
        if (bridge != null) {
            bridge.stop();
            bridge = null;
        }
    }
}
