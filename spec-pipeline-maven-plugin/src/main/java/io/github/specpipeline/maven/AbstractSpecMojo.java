package io.github.specpipeline.maven;

import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.FindingsOnce;
import io.github.specpipeline.core.task.SpecInput;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Parameters every goal shares, and the mapping of core outcomes onto Maven's: a user mistake is a
 * {@link MojoFailureException} (BUILD FAILURE, no stack trace), an environment problem a
 * {@link MojoExecutionException}.
 */
abstract class AbstractSpecMojo extends AbstractMojo {
    /** The JSON spec of the pipeline, or a spec directory: {@code spec.json} and one file per model under models/. */
    @Parameter(property = "specpipeline.spec", defaultValue = "${basedir}/src/main/spec/spec.json")
    protected File spec;

    /**
     * A directory of BigQuery {@code CREATE TABLE} files for the raw source tables. Optional: when the default
     * directory does not exist, source columns are simply unknown.
     */
    @Parameter(property = "specpipeline.sourceDdl", defaultValue = "${basedir}/src/main/spec/source_ddl")
    protected File sourceDdl;

    /** Where everything the plugin writes goes. */
    @Parameter(property = "specpipeline.outputDirectory", defaultValue = "${project.build.directory}/spec-pipeline")
    protected File outputDirectory;

    /**
     * The generation targets, comma-separated: {@code duckdb}, {@code dataform}, {@code dbt}, {@code pyspark}; empty
     * means all. Every goal checks that each SQL fragment translates to their dialects, so every goal reports the
     * same findings; {@code generate} writes their code. {@code test} runs DuckDB SQL whatever the targets.
     */
    @Parameter(property = "specpipeline.targets")
    protected String targets;

    /**
     * Whether validation also analyzes every SQL fragment with BigQuery's own analyzer (GoogleSQL, in-process), against
     * the source DDL and the upstream models' columns. Where its native library cannot run (Windows, other CPUs) the
     * build says so once and keeps the plugin's own checks. {@code false} keeps only those checks.
     */
    @Parameter(property = "specpipeline.googleSql", defaultValue = "true")
    protected boolean googleSql = true;

    /**
     * The spec environment ({@code environments} block) whose schema names generated code and the {@code test} goal
     * use, e.g. {@code dev}; unset for the spec's own names. An environment the spec does not define is an error.
     */
    @Parameter(property = "specpipeline.environment")
    protected String environment;

    /** Skips the goal. */
    @Parameter(property = "specpipeline.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    protected File basedir;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("spec-pipeline: skipped (specpipeline.skip)");
            return;
        }
        try {
            run();
        } catch (IOException e) {
            throw new MojoExecutionException("spec-pipeline: I/O error: " + e.getMessage(), e);
        } finally {
            if (findings != null) {
                findings.repeatedNote().ifPresent(getLog()::info);
            }
        }
    }

    /** Key in the plugin context (shared by this plugin's goals in one project build) of the findings logged. */
    private static final String LOGGED_FINDINGS = "io.github.specpipeline.loggedFindings";

    private FindingsOnce findings;

    /** The log to hand to core: Maven's, logging each finding of the spec once per project build. */
    @SuppressWarnings("unchecked")
    protected SpecLog specLog() {
        Map<Object, Object> context = getPluginContext();
        if (context == null) { // not run by Maven (a test): every finding is logged
            return mavenLog();
        }
        Set<String> logged;
        synchronized (context) {
            logged = (Set<String>) context.computeIfAbsent(LOGGED_FINDINGS, k -> ConcurrentHashMap.newKeySet());
        }
        findings = new FindingsOnce(mavenLog(), logged);
        return findings;
    }

    private SpecLog mavenLog() {
        Log log = getLog();
        return SpecLog.of(log::debug, log::info, log::warn, log::error);
    }

    protected abstract void run() throws IOException, MojoFailureException, MojoExecutionException;

    /**
     * The inputs as core sees them, with the targets: the one place every goal gets them from. See {@link SpecInput#of}
     * for a source DDL directory that does not exist.
     */
    protected SpecInput specInput() throws MojoFailureException {
        return SpecInput.of(
                        spec.toPath(),
                        sourceDdl == null ? null : sourceDdl.toPath(),
                        isExplicit("specpipeline.sourceDdl"),
                        basedir.toPath(),
                        targetSet())
                .withGoogleSql(googleSql)
                .withEnvironment(environment);
    }

    /**
     * The output directory. Without a pom, Maven's stub project leaves {@code ${project.build.directory}}
     * uninterpolated; the documented fallback is {@code ./target/spec-pipeline}.
     */
    protected java.nio.file.Path outputPath() {
        String path = outputDirectory == null ? "" : outputDirectory.getPath();
        if (path.isEmpty() || path.contains("${")) {
            return basedir.toPath().resolve("target").resolve("spec-pipeline");
        }
        return outputDirectory.toPath();
    }

    /** The targets as core sees them; an unknown name is the user's mistake. */
    private java.util.Set<io.github.specpipeline.core.generate.Target> targetSet() throws MojoFailureException {
        try {
            return io.github.specpipeline.core.generate.Target.parseList(targets);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("spec-pipeline: " + e.getMessage());
        }
    }

    private static boolean isExplicit(String property) {
        return System.getProperty(property) != null;
    }
}
