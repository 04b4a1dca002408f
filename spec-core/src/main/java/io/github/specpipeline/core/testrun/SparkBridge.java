package io.github.specpipeline.core.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Python process that holds the Spark session: {@code spec_pipeline_spark_bridge.py} (a resource beside this
 * class) run by the configured interpreter, one JSON request per line on its stdin and one JSON answer per line on
 * its stdout. Why a Python process and not Spark's JVM client: the generated target is PySpark, the one pinned
 * Python environment serves Spark and dbt, pyspark 4.x carries Spark's jars (no 270 MB of Maven dependencies in
 * the plugin), and pyspark speaks both a local session and Spark Connect ({@code sc://}).
 *
 * <p>The process never outlives the goal: {@link #close()} asks the bridge to stop Spark, waits a moment, then
 * kills it and every process it started (Spark's JVM); a request that runs past its time limit kills them at once.
 * Its stderr (Spark's log) is kept, last lines only, for the message when it dies.
 *
 * <p>A {@link Lender} may lend one started local bridge to many engines instead (this package's tests: starting
 * Spark is most of a Spark test's time); the plugin sets none, so each goal starts and stops its own. A lent
 * bridge's {@link #close()} empties its session ({@code reset}) and gives it back.
 */
final class SparkBridge implements AutoCloseable {
    static final String SCRIPT = "spec_pipeline_spark_bridge.py";

    /** How long the interpreter may take to import pyspark and answer. */
    private static final Duration HELLO = Duration.ofSeconds(120);
    /** How long stopping Spark may take before the processes are killed. */
    private static final Duration STOP = Duration.ofSeconds(30);

    private static final int STDERR_LINES = 40;
    private static final String EOF = "\u0000eof";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path script;
    private final Writer in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final String python;
    private String broken;
    private boolean closed;
    private boolean lent;

    /** Lends a started local bridge that runs {@code python}, or null to start one. */
    interface Lender {
        SparkBridge borrow(String python) throws SparkUnavailableException;
    }

    /** Null unless a test set one: then local engines borrow from it. */
    static volatile Lender lender;

    private SparkBridge(Process process, Path script, String python) {
        this.process = process;
        this.script = script;
        this.python = python;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("spec-pipeline-spark-answers", () -> readAnswers(process.getInputStream()));
        daemon("spec-pipeline-spark-log", () -> readLog(process.getErrorStream()));
    }

    /** What the interpreter said about itself before Spark started. */
    record Hello(String python, String pyspark, String executable) {}

    /**
     * Starts the interpreter on the bridge script and checks its pyspark.
     *
     * @throws SparkUnavailableException no such interpreter, no pyspark, or a pyspark that is not 4.x
     */
    static SparkBridge start(String python) throws SparkUnavailableException {
        Path script;
        try {
            script = Files.createTempFile("spec-pipeline-spark-bridge-", ".py");
            try (InputStream s = SparkBridge.class.getResourceAsStream(SCRIPT)) {
                if (s == null) {
                    throw new IllegalStateException(SCRIPT + " is missing from the plugin");
                }
                Files.write(script, s.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Spark bridge script", e);
        }
        ProcessBuilder pb = new ProcessBuilder(python, "-u", script.toString());
        Map<String, String> env = pb.environment();
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // importing the generated modules writes nothing beside them
        env.put("PYSPARK_PYTHON", python);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            deleteQuietly(script);
            throw new SparkUnavailableException("engine spark: cannot run the Python interpreter '" + python
                    + "' (set specpipeline.python to a Python with pyspark 4.x): " + reason(e));
        }
        SparkBridge bridge = new SparkBridge(p, script, python);
        boolean ok = false;
        try {
            JsonNode hello = bridge.answer(HELLO);
            if (hello == null) {
                throw new SparkUnavailableException("engine spark: the Python interpreter '" + python
                        + "' did not start the Spark bridge" + bridge.lastLog());
            }
            if (!hello.path("ok").asBoolean()) {
                throw new SparkUnavailableException(
                        "engine spark: " + hello.path("error").asText()
                                + " (install pyspark 4.x for it, or set specpipeline.python to a Python that has it)");
            }
            String version = hello.path("pyspark").asText();
            if (!version.startsWith("4.")) {
                throw new SparkUnavailableException("engine spark needs pyspark 4.x, and '" + python + "' has pyspark "
                        + version + " (set specpipeline.python to a Python with pyspark 4.x)");
            }
            ok = true;
            return bridge;
        } catch (SQLException e) {
            throw new SparkUnavailableException(
                    "engine spark: the Python interpreter '" + python + "' did not answer: " + e.getMessage());
        } finally {
            if (!ok) {
                bridge.close();
            }
        }
    }

    /** A bridge for a local session: a lent one when a {@link #lender} has one for {@code python}, else a new one. */
    static SparkBridge local(String python) throws SparkUnavailableException {
        Lender l = lender;
        SparkBridge b = l == null ? null : l.borrow(python);
        return b != null ? b : start(python);
    }

    /**
     * Marks this bridge lent after emptying its session (whatever an earlier borrower left), for a {@link Lender}.
     *
     * @return false when it is lent already, stopped, or its session could not be emptied (then it is stopped)
     */
    synchronized boolean lend() {
        if (lent || closed || broken != null || !process.isAlive()) {
            return false;
        }
        try {
            call(request("reset"), HELLO);
        } catch (SQLException e) {
            stop();
            return false;
        }
        lent = true;
        return true;
    }

    /** Whether the process runs and answers requests (not stopped, not killed after a failure). */
    synchronized boolean usable() {
        return !closed && broken == null && process.isAlive();
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @param timeout zero for no limit; past it the bridge and Spark are killed
     * @throws SQLException with Spark's message when the request failed, or when the bridge is gone
     */
    JsonNode call(ObjectNode request, Duration timeout) throws SQLException {
        if (broken != null) {
            throw new SQLException(broken);
        }
        try {
            in.write(JSON.writeValueAsString(request));
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            broken = "the Spark bridge is gone" + lastLog();
            throw new SQLException(broken, e);
        }
        JsonNode a = answer(timeout);
        if (a == null) {
            if (broken == null) {
                broken = "the Spark bridge ended unexpectedly" + lastLog();
            }
            throw new SQLException(broken);
        }
        if (!a.path("ok").asBoolean()) {
            throw new SQLException("Spark: " + a.path("error").asText("unknown error"));
        }
        return a;
    }

    /** A new request object for {@code op}. */
    static ObjectNode request(String op) {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", op);
        return n;
    }

    /** The next answer, or null when the process ended or the time ran out (then it is killed). */
    private JsonNode answer(Duration timeout) throws SQLException {
        String line;
        try {
            line = timeout.isZero() ? answers.take() : answers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            broken = "interrupted while Spark ran a request";
            throw new SQLException(broken, e);
        }
        if (line == null) {
            kill();
            broken = "Spark did not answer within " + TestTimeout.seconds(timeout)
                    + " s; the Spark session was stopped (raise specpipeline.testTimeout)";
            throw new SQLException(broken);
        }
        if (line.equals(EOF)) {
            answers.offer(EOF);
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new SQLException("the Spark bridge wrote something that is not JSON: " + Values.visible(line, 200));
        }
    }

    /** The last lines Spark or Python wrote to stderr, as " (...)" for a message, or empty. */
    String lastLog() {
        List<String> lines;
        synchronized (stderr) {
            lines = List.copyOf(stderr);
        }
        String interesting = null;
        for (String l : lines) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("at ") && !s.contains("WARN") && !s.startsWith("warnings.warn")) {
                interesting = s;
            }
        }
        return interesting == null ? "" : " (" + Values.visible(interesting, 300) + ")";
    }

    /**
     * Stops Spark and the bridge; kills both if they do not end in time. Closing twice is harmless. A lent bridge is
     * given back instead, its session emptied; if that fails it is stopped.
     */
    @Override
    public synchronized void close() {
        if (lent) {
            lent = false;
            try {
                call(request("reset"), HELLO);
                return;
            } catch (SQLException e) {
                // stopped below: the next borrower gets a new bridge
            }
        }
        stop();
    }

    /** Stops Spark and the bridge, lent or not; kills both if they do not end in time. Twice is harmless. */
    synchronized void stop() {
        lent = false;
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = ProcessTree.children(process);
        if (process.isAlive() && broken == null) {
            try {
                call(request("stop"), STOP);
            } catch (SQLException e) {
                // killed below
            }
        }
        ProcessTree.end(process, children, in, STOP, Duration.ofSeconds(5));
        deleteQuietly(script);
    }

    /** Kills the bridge and every process it started, at once. */
    private void kill() {
        ProcessTree.kill(process);
    }

    String python() {
        return python;
    }

    private void readAnswers(InputStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                answers.offer(line);
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            answers.offer(EOF);
        }
    }

    private void readLog(InputStream err) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderr) {
                    stderr.addLast(line);
                    if (stderr.size() > STDERR_LINES) {
                        stderr.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = m.indexOf("error=");
        return colon < 0 ? m : m.substring(colon);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file; the system cleans it
        }
    }
}
