package io.github.specpipeline.maven.report;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.report.ReportPage;
import io.github.specpipeline.core.task.OutputTimestamp;
import io.github.specpipeline.core.task.ReportTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkFactory;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * Adds the spec to the project's Maven site, under Project Reports: an overview (pipeline diagram, model
 * inventory, validation status, test results), one page per model (column mapping, joins, filters,
 * aggregations, tests, flow and column-lineage diagrams, the code generated for each target) and the validation
 * findings, with the review workbook and CSV files to download. Diagrams are drawn by the Mermaid script the
 * report copies into the site: the pages work offline. A spec with errors does not fail the site; the report
 * shows the errors. List it in {@code <reporting>}, or run it alone ({@code mvn spec-pipeline-report:report}, which
 * maven-reporting-impl writes to {@code target/reports}).
 *
 * @since 0.1.0
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMavenReport {
    /** The JSON spec of the pipeline. No report is made when it does not exist. */
    @Parameter(property = "specpipeline.spec", defaultValue = "${basedir}/src/main/spec/spec.json")
    private File spec;

    /**
     * A directory of BigQuery {@code CREATE TABLE} files for the raw source tables. Optional: when the default
     * directory does not exist, source columns are simply unknown.
     */
    @Parameter(property = "specpipeline.sourceDdl", defaultValue = "${basedir}/src/main/spec/source_ddl")
    private File sourceDdl;

    /**
     * The output directory of the other spec-pipeline goals (the {@code outputDirectory} of {@code validate},
     * {@code test}, ...). The report reads the {@code test} goal's JUnit XML reports from
     * {@code test-reports/} in it, when they are there.
     */
    @Parameter(property = "specpipeline.outputDirectory", defaultValue = "${project.build.directory}/spec-pipeline")
    private File pipelineOutputDirectory;

    /**
     * The generation targets, comma-separated: {@code duckdb}, {@code dataform}, {@code dbt}, {@code pyspark}; empty
     * means all. The spec is checked for them as {@code validate} checks it, and each model page shows the code
     * generated for them.
     */
    @Parameter(property = "specpipeline.targets")
    private String targets;

    /** Skips the report. */
    /**
     * A base to show the changes against, as for the {@code diff} goal (a spec file or {@code git:<revision>}): the
     * overview and each changed model's page then have a Changes section. Without it the pages are as they are.
     */
    @Parameter(property = "specpipeline.base")
    private String base;

    @Parameter(property = "specpipeline.skip", defaultValue = "false")
    private boolean skip;

    @Override
    @SuppressWarnings("deprecation") // the abstract method of maven-reporting-api 4.0.0; getOutputPath() defaults to it
    public String getOutputName() {
        return io.github.specpipeline.core.report.ReportLayout.OVERVIEW;
    }

    @Override
    public String getName(Locale locale) {
        return "Pipeline spec";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The data pipeline's spec: models, column mappings, lineage diagrams, validation findings and test results.";
    }

    @Override
    public boolean canGenerateReport() {
        if (skip) {
            return false;
        }
        if (spec == null || !spec.isFile()) {
            String shown = spec == null
                    ? "(none)"
                    : new SpecInput(
                                    spec.toPath(),
                                    null,
                                    getProject().getBasedir().toPath())
                            .displayName(spec.toPath());
            getLog().info("spec-pipeline: no report, the spec " + shown + " does not exist");
            return false;
        }
        return true;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        File site = getReportOutputDirectory();
        Set<Target> targetSet;
        Instant timestamp;
        try {
            targetSet = Target.parseList(targets);
            timestamp = OutputTimestamp.parse(outputTimestamp).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new MavenReportException("spec-pipeline: " + e.getMessage());
        }
        ReportTask.Result result;
        try {
            result = ReportTask.run(
                    new ReportTask.Options(
                            specInput(targetSet), pipelineOutputDirectory.toPath(), site.toPath(), timestamp, base),
                    SpecLog.of(getLog()::debug, getLog()::info, getLog()::warn, getLog()::error));
        } catch (IOException e) {
            throw new MavenReportException("spec-pipeline: I/O error: " + e.getMessage(), e);
        }
        if (result.failed()) {
            throw new MavenReportException(result.summary());
        }
        List<ReportPage> pages = result.pages();
        SinkPageRenderer.render(pages.get(0), getSink());
        SinkFactory factory = getSinkFactory();
        StandaloneSubPages standalone = factory == null ? new StandaloneSubPages(this) : null;
        for (ReportPage page : pages.subList(1, pages.size())) {
            File file = new File(site, page.fileName());
            try {
                if (factory != null) {
                    Sink sink = factory.createSink(file.getParentFile(), file.getName());
                    try {
                        SinkPageRenderer.render(page, sink);
                    } finally {
                        sink.close();
                    }
                } else {
                    standalone.render(page, site);
                }
            } catch (IOException e) {
                throw new MavenReportException("spec-pipeline: cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        getLog().info(result.summary());
    }

    private SpecInput specInput(Set<Target> targetSet) {
        return SpecInput.of(
                spec.toPath(),
                sourceDdl == null ? null : sourceDdl.toPath(),
                System.getProperty("specpipeline.sourceDdl") != null,
                getProject().getBasedir().toPath(),
                targetSet);
    }

    // the standalone renderer needs the skin context that AbstractMavenReport builds from these
    org.apache.maven.project.MavenProject project() {
        return project;
    }

    List<org.apache.maven.project.MavenProject> reactorProjects() {
        return reactorProjects;
    }

    org.eclipse.aether.RepositorySystemSession repoSession() {
        return repoSession;
    }

    List<org.eclipse.aether.repository.RemoteRepository> remoteRepositories() {
        return remoteProjectRepositories;
    }

    File siteDirectory() {
        return siteDirectory;
    }

    String outputTimestamp() {
        return outputTimestamp;
    }

    org.apache.maven.doxia.tools.SiteTool siteTool() {
        return siteTool;
    }

    org.apache.maven.doxia.siterenderer.SiteRenderer siteRenderer() {
        return siteRenderer;
    }

    Locale locale() {
        return getLocale();
    }

    String encoding() {
        return getOutputEncoding();
    }

    String reportMojoInfo() {
        return mojoExecution.getPlugin().getId() + ":" + mojoExecution.getGoal();
    }
}
