package io.github.specpipeline.maven;

import io.github.specpipeline.core.task.OutputTimestamp;
import io.github.specpipeline.core.task.SelectOptions;
import io.github.specpipeline.core.task.TestTask;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the spec's data tests and unit tests on an embedded, in-memory DuckDB: creates the raw tables from the
 * source DDL, loads the seed CSV files (or deterministic synthetic rows for tables without one), builds every
 * model in dependency order, runs every test, logs a summary and writes JUnit XML (Surefire's format) to
 * {@code test-reports/} under the output directory. A failing test fails the build. Runs without a project too.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class TestMojo extends AbstractSpecMojo {
    /** A folder with one {@code <table>.csv} per raw table (header = DDL columns, empty field = NULL). */
    @Parameter(property = "specpipeline.seeds", defaultValue = "${basedir}/src/test/seeds")
    private File seeds;

    /** Fails the build when the spec declares no data test and no unit test. */
    @Parameter(property = "specpipeline.failIfNoTests", defaultValue = "false")
    private boolean failIfNoTests;

    /** Rows made for each raw table that has no seed file. */
    @Parameter(property = "specpipeline.syntheticRows", defaultValue = "20")
    private int syntheticRows;

    /**
     * How long one DuckDB statement (a model build, a data test, a unit test) may run before it is cancelled and
     * fails with its SQL: whole seconds ({@code 60} or {@code 60s}) or minutes ({@code 2m}); {@code 0} for no limit.
     */
    @Parameter(property = "specpipeline.testTimeout", defaultValue = "60s")
    private String testTimeout;

    /**
     * The engine the models are built and the tests run on: {@code duckdb} (embedded DuckDB, the DuckDB target's SQL)
     * or {@code bigquery} (GoogleSQL, BigQuery's reference implementation, in-process: the BigQuery SQL that
     * Dataform and dbt run; Linux x86-64 and macOS only) or {@code spark} (the PySpark target's Spark SQL, on a local
     * Spark session or {@code sparkRemote}, through {@code python}'s pyspark 4.x).
     */
    @Parameter(property = "specpipeline.engine", defaultValue = "duckdb")
    private String engine;

    /**
     * Engines whose rows of every model must be the same, comma-separated ({@code duckdb,bigquery}): every model is
     * built on each from the same seeds, and a difference fails the build (the suite {@code compare-engines}).
     */
    @Parameter(property = "specpipeline.compareEngines", defaultValue = "")
    private String compareEngines;

    /** The Python interpreter with pyspark 4.x that the {@code spark} engine runs; {@code python3} when blank. */
    @Parameter(property = "specpipeline.python", defaultValue = "python3")
    private String python;

    /**
     * A Spark Connect server ({@code sc://host:port}) for the {@code spark} engine; blank for a local session
     * ({@code local[2]}).
     */
    @Parameter(property = "specpipeline.sparkRemote", defaultValue = "")
    private String sparkRemote;

    /**
     * Writes each built model's rows to {@code rows/<engine>/<model>.csv} under the output directory, like
     * {@code dbt show}.
     */
    @Parameter(property = "specpipeline.writeRows", defaultValue = "false")
    private boolean writeRows;

    /**
     * The build's fixed time, when the project sets one for reproducible builds: the run time of SCD2 models in the
     * tests, so that their rows and the JUnit XML are the same on every run. Without it, the wall clock.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips the tests, like Surefire's {@code -DskipTests}. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Skips the tests, like {@code -Dmaven.test.skip=true}. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    /**
     * The models to work on, in dbt's selection grammar: {@code name}, {@code name+} (and its downstream models),
     * {@code +name} (and its upstream models), {@code +name+}, {@code tag:finance}, {@code changed} and
     * {@code changed+} (models that differ from {@code specpipeline.base}); terms separated by commas or spaces are
     * a union. Empty: every model.
     */
    @Parameter(property = "specpipeline.select")
    private String select;

    /** The earlier spec file that {@code changed} in {@code specpipeline.select} compares with. */
    @Parameter(property = "specpipeline.base")
    private String base;

    /** Runs the tests even when nothing changed since the last passing run. */
    @Parameter(property = "specpipeline.force", defaultValue = "false")
    private boolean force;

    @Override
    protected void run() throws IOException, MojoFailureException, MojoExecutionException {
        if (skipTests || mavenTestSkip) {
            getLog().info("spec-pipeline: tests are skipped (" + (skipTests ? "skipTests" : "maven.test.skip") + ")");
            return;
        }
        TestTask.Options options;
        try {
            Duration timeout = TestTask.Options.parseTimeout(testTimeout);
            Instant runAt = OutputTimestamp.parse(outputTimestamp).orElse(null);
            options = new TestTask.Options(
                            specInput(),
                            seeds.toPath(),
                            outputPath(),
                            failIfNoTests,
                            syntheticRows,
                            timeout,
                            writeRows,
                            runAt)
                    .withEngine(engine)
                    .withCompareEngines(compareEngines)
                    .withSelection(new SelectOptions(select, base), !force)
                    .withSpark(python, sparkRemote);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        TestTask.Result result = TestTask.run(options, specLog());
        if (result.failed()) {
            throw new MojoFailureException(result.summary());
        }
        getLog().info(result.summary());
    }
}
