package io.github.specpipeline.core.generate.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.testrun.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Python process of the pinned environment running {@code dbt_session.py}: every {@code dbt} command of a test
 * class goes through dbt's programmatic API in it, so dbt is imported once and, with dbt-spark's session method,
 * Spark's JVM and session start once (dbt-spark takes the session with {@code getOrCreate} for every statement).
 * The process works in {@code home} (Spark's metastore and warehouse are there, not in a project), and what it and
 * Spark print beyond the commands goes to {@code home/dbt_session.log}.
 *
 * <p>Closing ends the process (end of input, then killed with every process it started: Spark's JVM), also when a
 * command timed out; a process that died or timed out fails every later command instead of hanging.
 */
final class DbtSession implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private static final long COMMAND_MINUTES = 20; // Spark on a loaded machine is slow
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final Writer in;
    private final Path log;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private String broken;
    private boolean closed;

    private DbtSession(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> readAnswers(process.getInputStream()), "dbt-session-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the process in {@code home} (skips the test without the environment, see {@link TestPython}); with
     * {@code spark}, Spark's JVM is started at once from {@code home}, so that its metastore and warehouse stay there
     * for every project the session runs.
     */
    static DbtSession start(Path home, boolean spark) throws IOException, InterruptedException {
        Path python = TestPython.require();
        Path script = home.resolve("dbt_session.py");
        try (InputStream s = DbtSession.class.getResourceAsStream("/dbt/dbt_session.py")) {
            if (s == null) {
                throw new IllegalStateException("the test resource /dbt/dbt_session.py is missing");
            }
            Files.copy(s, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = home.resolve("dbt_session.log");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-u", script.toString())
                .directory(home.toFile())
                .redirectError(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
        env.put("DBT_NO_VERSION_CHECK", "true");
        env.put("DO_NOT_TRACK", "1");
        DbtSession session = new DbtSession(pb.start(), log);
        if (spark) {
            ObjectNode r = DbtProject.JSON.createObjectNode();
            r.put("start_spark_gateway", true);
            JsonNode a = session.call(r, "starting Spark's JVM");
            if (!a.path("started").asBoolean()) {
                session.close();
                throw new AssertionError(
                        "Spark's JVM did not start: " + a.path("log").asText() + session.logTail());
            }
        }
        return session;
    }

    /** Runs {@code dbt <args>} in {@code dir}, its own {@code DBT_PROFILES_DIR}. */
    DbtProject.Run dbt(Path dir, List<String> args) throws IOException, InterruptedException {
        ObjectNode r = DbtProject.JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode command =
                r.putArray("args").add("--no-version-check").add("--no-use-colors");
        args.forEach(command::add);
        r.put("dir", dir.toString());
        r.putObject("env").put("DBT_PROFILES_DIR", dir.toString());
        long t0 = System.nanoTime();
        JsonNode a = call(r, "dbt " + String.join(" ", args));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new DbtProject.Run(a.path("exit").asInt(2), a.path("log").asText(), millis);
    }

    /**
     * Drops every database but {@code default} and every table in {@code default} of the running Spark session
     * (nothing without one): the next project then starts on an empty metastore, as a new Spark would.
     */
    List<String> resetSpark() throws IOException, InterruptedException {
        ObjectNode r = DbtProject.JSON.createObjectNode();
        r.put("reset_spark", true);
        JsonNode a = call(r, "resetting Spark's metastore");
        if (!a.has("dropped")) {
            throw new AssertionError(
                    "resetting Spark's metastore failed: " + a.path("log").asText());
        }
        return DbtProject.JSON.convertValue(
                a.get("dropped"), DbtProject.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private synchronized JsonNode call(ObjectNode request, String what) throws IOException, InterruptedException {
        if (broken != null) {
            throw new AssertionError(what + ": the dbt session is unusable (" + broken + ")");
        }
        try {
            in.write(DbtProject.JSON.writeValueAsString(request) + "\n");
            in.flush();
        } catch (IOException e) {
            broken = "the dbt session ended";
            throw new AssertionError(what + ": " + broken + logTail(), e);
        }
        String line = answers.poll(COMMAND_MINUTES, TimeUnit.MINUTES);
        if (line == null) {
            broken = "timed out";
            kill();
            throw new AssertionError(what + " did not finish in " + COMMAND_MINUTES + " minutes" + logTail());
        }
        if (line.equals(EOF)) {
            answers.offer(EOF);
            broken = "the dbt session ended";
            throw new AssertionError(what + ": " + broken + logTail());
        }
        return DbtProject.JSON.readTree(line);
    }

    /** The end of what the process and Spark printed outside the commands, for a failure message. */
    String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return "\n(" + log + ", last lines:)\n" + text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the process (and Spark's JVM); kills them if they do not end in time. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // before the process ends: Spark's JVM, once its parent is gone, is no descendant any more
        List<ProcessHandle> children = ProcessTree.children(process);
        ProcessTree.end(process, children, in, Duration.ofSeconds(STOP_SECONDS), Duration.ofSeconds(10));
    }

    /** Kills the process and every process it started, at once. */
    private void kill() {
        ProcessTree.kill(process);
    }

    /**
     * The Java processes the session started and that still run (Spark's JVM: one however many commands ran), for a
     * test to show that Spark started once.
     */
    long javaProcesses() {
        return process.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info()
                        .command()
                        .map(c -> Path.of(c).getFileName().toString().startsWith("java"))
                        .orElse(false))
                .count();
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
}
