package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote path: a Spark Connect server started here on 127.0.0.1 from the pyspark package's own Spark
 * ({@code bin/spark-submit} with {@code SparkConnectServer}, whose jar pyspark 4.x ships in {@code jars/}), and the
 * example's tests run on it with {@code sparkRemote=sc://127.0.0.1:PORT}. The server is stopped after.
 */
class SparkConnectRemoteTest {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics/src");

    @TempDir
    Path dir;

    @Test
    void theExamplePassesOnASparkConnectServer() throws Exception {
        Path python = TestPython.require();
        String sparkHome = output(List.of(
                        python.toString(), "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"))
                .strip();
        int port = freePort();
        Path log = dir.resolve("connect-server.log");
        ProcessBuilder pb = new ProcessBuilder(
                        "bash",
                        sparkHome + "/bin/spark-submit",
                        "--class",
                        "org.apache.spark.sql.connect.service.SparkConnectServer",
                        "--name",
                        "spec-pipeline test Spark Connect server",
                        "--master",
                        "local[2]",
                        "--conf",
                        "spark.connect.grpc.binding.address=127.0.0.1",
                        "--conf",
                        "spark.connect.grpc.binding.port=" + port,
                        "--conf",
                        "spark.ui.enabled=false",
                        "--conf",
                        "spark.driver.host=127.0.0.1",
                        "--conf",
                        "spark.driver.bindAddress=127.0.0.1",
                        "--conf",
                        "spark.sql.shuffle.partitions=2",
                        "--conf",
                        "spark.sql.session.timeZone=UTC",
                        "--conf",
                        "spark.sql.warehouse.dir=" + dir.resolve("warehouse"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", sparkHome);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("PYSPARK_PYTHON", python.toString());
        Process server = pb.start();
        try {
            awaitPort(port, server, log);
            RecordingLog out = new RecordingLog();
            TestTask.Result r = TestTask.run(
                    new TestTask.Options(
                                    new SpecInput(
                                            EXAMPLE.resolve("main/spec/spec.json"),
                                            EXAMPLE.resolve("main/spec/source_ddl"),
                                            dir),
                                    EXAMPLE.resolve("test/seeds"),
                                    dir.resolve("target"),
                                    false)
                            .withRunAt(java.time.Instant.parse("2026-01-01T00:00:00Z"))
                            .withEngine("spark")
                            .withSpark(python.toString(), "sc://127.0.0.1:" + port),
                    out);
            assertThat(r.failed())
                    .as(r.summary() + "\n" + String.join("\n", out.lines))
                    .isFalse();
            assertThat(r.results().count(TestResults.Status.PASSED))
                    .isEqualTo(r.results().total())
                    .isGreaterThan(50);
            assertThat(out.lines)
                    .contains("INFO Starting Spark: the Spark Connect server sc://127.0.0.1:" + port + ", with "
                            + python);
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Waits until the server listens (its JVM start takes tens of seconds on a busy machine). */
    private static void awaitPort(int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the Spark Connect server exited:\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(1000);
            }
        }
        throw new AssertionError("the Spark Connect server did not listen within 240 s:\n" + Files.readString(log));
    }

    private static String output(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
