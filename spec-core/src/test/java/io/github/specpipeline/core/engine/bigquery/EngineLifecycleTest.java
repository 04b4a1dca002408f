package io.github.specpipeline.core.engine.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.ddl.SourceCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starting and stopping GoogleSQL's engine: one clear error where its native library cannot load, and no threads
 * left once the last engine is closed (a Maven goal must not leave any).
 */
class EngineLifecycleTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Linux | amd64 |
            Linux | x86_64 |
            Mac OS X | x86_64 |
            Linux | aarch64 | is not available on Linux/aarch64: its native library is built for Linux and macOS on x86-64 only
            Mac OS X | aarch64 | is not available on Mac OS X/aarch64
            Windows 11 | amd64 | is not available on Windows 11/amd64
            """)
    void onlyLinuxAndMacOnX8664AreSupported(String os, String arch, String message) {
        if (message == null) {
            assertThat(NativeService.unsupportedPlatform(os, arch)).isEmpty();
        } else {
            assertThat(NativeService.unsupportedPlatform(os, arch))
                    .hasValueSatisfying(m -> assertThat(m)
                            .startsWith("GoogleSQL's engine (ZetaSQL 2024.11.1)")
                            .contains(message));
        }
    }

    /** A library that cannot load, as on another platform: ZetaSQL's own setting points it at nothing. */
    @Test
    void aLibraryThatCannotLoadGivesOneLineAndNoStackTrace() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-D" + NativeService.LIBRARY_PATH_PROPERTY + "=/zetasql/local_service/missing.so",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EngineProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(3);
        List<String> ours = out.lines().filter(l -> l.startsWith("UNAVAILABLE")).toList();
        assertThat(ours)
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("GoogleSQL's engine (ZetaSQL 2024.11.1) could not start on ")
                        .contains("missing.so was not found inside JAR"));
        assertThat(out.lines()).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
    }

    @Test
    void closingTheLastEngineStopsItsThreadsAndANewOneStartsAgain() throws Exception {
        try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty())) {
            assertThat(engine.query("SELECT 1").rows()).containsExactly(List.of("1"));
            assertThat(engineThreads()).isNotEmpty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!engineThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(engineThreads()).isEmpty();
        try (BigQueryEngine again = BigQueryEngine.start(SourceCatalog.empty())) {
            assertThat(again.query("SELECT 2").rows()).containsExactly(List.of("2"));
        }
    }

    @Test
    void aWarmUpKeepsTheEngineStartedUntilClosedAndLeavesNoThreads() throws Exception {
        try (EngineWarmUp warm = EngineWarmUp.run()) {
            assertThat(engineThreads()).isNotEmpty();
            try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty())) {
                assertThat(engine.query("SELECT 3").rows()).containsExactly(List.of("3"));
            }
            assertThat(engineThreads())
                    .as("the warm-up still holds the channel")
                    .isNotEmpty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!engineThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(engineThreads()).isEmpty();
    }

    private static List<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("zetasqlJniChannel") || n.startsWith("grpc-"))
                .sorted()
                .toList();
    }
}
