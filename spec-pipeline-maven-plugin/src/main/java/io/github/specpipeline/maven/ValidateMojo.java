package io.github.specpipeline.maven;

import io.github.specpipeline.core.task.ValidateTask;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the pipeline spec like a compiler: every problem is logged as
 * {@code file:line:column: severity[code] message}, and written to {@code validation/report.json} and a SARIF
 * 2.1.0 {@code validation/report.sarif}. Errors fail the build. Runs without a project too.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class ValidateMojo extends AbstractSpecMojo {
    /** Fails the build on warnings as well as errors. */
    @Parameter(property = "specpipeline.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /**
     * What a model changed, added or removed since approval ({@code spec-pipeline:approve}) is: {@code off},
     * {@code warn} (a warning per model) or {@code fail} (an error per model: the build fails). Default: {@code warn}
     * when the spec has an approval file, {@code off} otherwise.
     */
    @Parameter(property = "specpipeline.requireApproval")
    private String requireApproval;

    @Override
    protected void run() throws IOException, MojoFailureException {
        ValidateTask.Result result = ValidateTask.run(
                new ValidateTask.Options(specInput(), outputPath(), failOnWarning, requireApproval), specLog());
        if (result.failed()) {
            throw new MojoFailureException(result.summary());
        }
        getLog().info(result.summary());
    }
}
