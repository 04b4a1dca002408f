package io.github.specpipeline.maven;

import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.OutputTimestamp;
import io.github.specpipeline.core.task.SelectOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Exports the spec for review under {@code <outputDirectory>/review/}: a workbook ({@code spec-review.xlsx}), the
 * CSV set ({@code csv/}), Mermaid diagrams ({@code diagram.md} and {@code mermaid/*.mmd}) and a self-contained
 * HTML page ({@code index.html}). The spec is validated first; its findings are logged and shown in the exports,
 * which are written whenever the spec can be read. Nothing is rewritten when the spec, DDL, options and plugin
 * version are unchanged since the last run, unless {@code force} is set. Runs without a project too.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class ExportMojo extends AbstractSpecMojo {
    /** The formats to write: a comma-separated list of {@code xlsx}, {@code csv}, {@code mermaid}, {@code html}, or {@code all}. */
    @Parameter(property = "specpipeline.formats", defaultValue = "xlsx,csv,mermaid,html")
    private String formats;

    /**
     * A base to show the changes against, as for the {@code diff} goal: a spec file or {@code git:<revision>}. The
     * workbook then has a Changes sheet, the CSV files a {@code 07_changes.csv}, and the HTML page a Changes section
     * with the changed models and columns marked. Without it the exports are as they are. It is also what
     * {@code changed} in {@code specpipeline.select} compares with.
     */
    @Parameter(property = "specpipeline.base")
    private String base;

    /** Writes the exports even when nothing changed since the last run. */
    @Parameter(property = "specpipeline.force", defaultValue = "false")
    private boolean force;

    /**
     * The models to work on, in dbt's selection grammar: {@code name}, {@code name+} (and its downstream models),
     * {@code +name} (and its upstream models), {@code +name+}, {@code tag:finance}, {@code changed} and
     * {@code changed+} (models that differ from {@code specpipeline.base}); terms separated by commas or spaces are
     * a union. Empty: every model.
     */
    @Parameter(property = "specpipeline.select")
    private String select;

    /**
     * The most models the workbook gives a sheet each. A spec with more models gets no model sheets (every model is
     * still in the All Columns, Transforms, Joins and Tests sheets and in {@code csv/model_<name>.csv}): Excel with
     * thousands of tabs cannot be navigated, and each sheet costs heap until the file is written.
     */
    @Parameter(property = "specpipeline.maxModelSheets", defaultValue = "1000")
    private int maxModelSheets;

    /** The time written into the workbook (document properties and zip entries), for reproducible files. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Override
    protected void run() throws IOException, MojoFailureException, MojoExecutionException {
        ExportTask.Options options;
        try {
            Set<ExportFormat> selected = ExportFormat.parseList(formats);
            Instant timestamp = OutputTimestamp.parse(outputTimestamp).orElse(null);
            options = new ExportTask.Options(
                    specInput(),
                    outputPath(),
                    selected,
                    force,
                    timestamp,
                    maxModelSheets,
                    new SelectOptions(select, base));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("spec-pipeline: " + e.getMessage());
        }
        ExportTask.Result result = ExportTask.run(options, specLog());
        if (result.failed()) {
            throw new MojoFailureException(result.summary());
        }
        getLog().info(result.summary());
    }
}
