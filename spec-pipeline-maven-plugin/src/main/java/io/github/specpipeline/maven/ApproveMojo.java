package io.github.specpipeline.maven;

import io.github.specpipeline.core.task.ApproveTask;
import io.github.specpipeline.core.task.OutputTimestamp;
import java.io.IOException;
import java.time.Instant;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records that a person approved the spec as it is: writes the approval file next to the spec
 * ({@code src/main/spec/spec.approval.json} for {@code spec.json}) with, per model, the hash of its normalised
 * content, the approver, the date and the plugin version. {@code validate} then checks every model against it
 * ({@code specpipeline.requireApproval}). A spec with errors is not approved. Runs without a project too.
 */
@Mojo(name = "approve", requiresProject = false, threadSafe = true)
public class ApproveMojo extends AbstractSpecMojo {
    /** Who approves: written into the approval file for each model this run approves. Required. */
    @Parameter(property = "specpipeline.approver")
    private String approver;

    /** The approval date, when the project fixes one for reproducible builds; without it, now (UTC). */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Override
    protected void run() throws IOException, MojoFailureException {
        Instant date;
        try {
            date = OutputTimestamp.parse(outputTimestamp).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("spec-pipeline: " + e.getMessage());
        }
        ApproveTask.Result result =
                ApproveTask.run(new ApproveTask.Options(specInput(), outputPath(), approver, date), specLog());
        if (result.failed()) {
            throw new MojoFailureException(result.summary());
        }
        getLog().info(result.summary());
    }
}
