package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code test} goal on Spark (a local session through the build's Python): the example's every data test and
 * unit test pass, with the JUnit XML naming the engine, and its every model has the same rows on Spark, DuckDB and
 * GoogleSQL ({@code compareEngines=duckdb,bigquery,spark}, in the same run: one Spark start). Bad set-ups get one
 * line, no stack trace.
 */
class SparkEngineTest {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics/src");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** Spark started once for the test JVM, not per engine ({@link SharedSpark}). */
    @BeforeAll
    static void shareSpark() {
        SharedSpark.use();
    }

    private TestTask.Options options(Path seeds) {
        return new TestTask.Options(
                        new SpecInput(
                                EXAMPLE.resolve("main/spec/spec.json"), EXAMPLE.resolve("main/spec/source_ddl"), dir),
                        seeds,
                        dir.resolve("target"),
                        false)
                .withRunAt(RUN_AT);
    }

    @Test
    void everyTestOfTheExamplePassesOnSparkWithTheRowsOfDuckDbAndGoogleSql() throws Exception {
        Path python = TestPython.require();
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(
                options(EXAMPLE.resolve("test/seeds"))
                        .withEngine("spark")
                        .withCompareEngines("duckdb,bigquery,spark")
                        .withSpark(python.toString(), null),
                log);
        String all = r.summary() + "\n" + String.join("\n", log.lines);
        assertThat(r.results()).as(all).isNotNull();
        TreeMap<String, String> notPassed = new TreeMap<>();
        r.results()
                .suites()
                .forEach(s -> s.cases().stream()
                        .filter(c -> c.status() != TestResults.Status.PASSED)
                        .forEach(c -> notPassed.put(
                                s.name() + " " + c.name(), c.message() + "\n" + c.details() + "\n" + c.sql())));
        notPassed.forEach((k, v) -> System.out.println("Spark: not passed: " + k + ": " + v));
        assertThat(notPassed.keySet()).as(all).isEmpty();
        assertThat(r.failed()).as(all).isFalse();
        List<TestResults.Suite> compare = r.results().suites().stream()
                .filter(s -> s.name().startsWith(EngineComparison.SUITE))
                .toList();
        // duckdb against bigquery, duckdb against spark: every model in each, one JUnit XML file each
        assertThat(compare)
                .extracting(TestResults.Suite::name)
                .containsExactly("compare-engines.duckdb-bigquery", "compare-engines.duckdb-spark");
        assertThat(dir.resolve("target/test-reports/TEST-compare-engines.duckdb-spark.xml"))
                .isRegularFile();
        compare.forEach(s -> assertThat(s.cases()).hasSizeGreaterThan(5));
        assertThat(r.results().total()).isGreaterThan(20);
        assertThat(log.lines).contains("INFO Spark 4.3.0 started");
        String xml = Files.readString(
                dir.resolve("target/test-reports/TEST-staging.stg_customers.xml"), StandardCharsets.UTF_8);
        assertThat(xml).contains("<property name=\"specpipeline.engine\" value=\"spark\"");
    }

    @Test
    void aMissingPythonIsOneLine() throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(
                options(EXAMPLE.resolve("test/seeds"))
                        .withEngine("spark")
                        .withSpark(dir.resolve("no-such-python").toString(), null),
                log);
        assertThat(r.failed()).isTrue();
        assertThat(r.summary())
                .startsWith("engine spark: cannot run the Python interpreter '" + dir.resolve("no-such-python") + "'")
                .contains("set specpipeline.python")
                .doesNotContain("\n");
    }

    @Test
    void aPythonWithoutPysparkIsOneLine() throws Exception {
        Path fake = dir.resolve("python-without-pyspark");
        // an interpreter whose pyspark cannot be imported: the system's Python with an empty module path
        Files.writeString(fake, "#!/bin/sh\nexec python3 -S -I \"$@\"\n", StandardCharsets.UTF_8);
        fake.toFile().setExecutable(true);
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(
                options(EXAMPLE.resolve("test/seeds")).withEngine("spark").withSpark(fake.toString(), null), log);
        assertThat(r.failed()).isTrue();
        assertThat(r.summary())
                .startsWith("engine spark: pyspark cannot be imported by ")
                .contains("ModuleNotFoundError")
                .doesNotContain("\n");
    }

    @Test
    void anotherMajorVersionOfPysparkIsRefused() throws Exception {
        Path site = dir.resolve("old-site/pyspark");
        Files.createDirectories(site);
        Files.writeString(site.resolve("__init__.py"), "__version__ = \"3.5.1\"\n", StandardCharsets.UTF_8);
        Path fake = dir.resolve("python-with-pyspark-3");
        Files.writeString(
                fake,
                "#!/bin/sh\nPYTHONPATH='" + site.getParent() + "' exec python3 -S \"$@\"\n",
                StandardCharsets.UTF_8);
        fake.toFile().setExecutable(true);
        TestTask.Result r = TestTask.run(
                options(EXAMPLE.resolve("test/seeds")).withEngine("spark").withSpark(fake.toString(), null),
                new RecordingLog());
        assertThat(r.failed()).isTrue();
        assertThat(r.summary())
                .isEqualTo("engine spark needs pyspark 4.x, and '" + fake + "' has pyspark 3.5.1 (set"
                        + " specpipeline.python to a Python with pyspark 4.x)");
    }

    @Test
    void noJavaForALocalSessionIsOneLine() throws Exception {
        Path python = TestPython.require();
        Path fake = dir.resolve("python-without-java");
        Files.writeString(
                fake,
                "#!/bin/sh\nunset JAVA_HOME\nPATH=/nonexistent exec '" + python + "' \"$@\"\n",
                StandardCharsets.UTF_8);
        fake.toFile().setExecutable(true);
        TestTask.Result r = TestTask.run(
                options(EXAMPLE.resolve("test/seeds")).withEngine("spark").withSpark(fake.toString(), null),
                new RecordingLog());
        assertThat(r.failed()).isTrue();
        assertThat(r.summary())
                .isEqualTo("engine spark: could not start a local Spark session (local[2]): RuntimeError: pyspark"
                        + " needs Java to start a local Spark session, and there is no java on the PATH and no"
                        + " JAVA_HOME");
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        Path python = TestPython.require();
        RecordingLog log = new RecordingLog();
        long t0 = System.nanoTime();
        TestTask.Result r = TestTask.run(
                options(EXAMPLE.resolve("test/seeds"))
                        .withEngine("spark")
                        .withSpark(python.toString(), "sc://127.0.0.1:1"),
                log);
        assertThat(r.failed()).isTrue();
        assertThat(r.summary())
                .isEqualTo(
                        "engine spark: could not connect to the Spark Connect server sc://127.0.0.1:1: ConnectionError: no"
                                + " Spark Connect server answers at 127.0.0.1:1 ([Errno 111] Connection refused)");
        assertThat(System.nanoTime() - t0).isLessThan(120_000_000_000L);
    }
}
