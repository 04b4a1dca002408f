package io.github.specpipeline.maven;

import io.github.specpipeline.core.task.DiffTask;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares the spec with a base and classifies every change per model and column as breaking, non-breaking or
 * metadata, naming the downstream columns each breaking change reaches. Writes {@code diff/report.md} (for a pull
 * request comment), {@code diff/report.json}, {@code diff/report.sarif} and {@code diff/migration.sql}. Runs without
 * a project too.
 */
@Mojo(name = "diff", requiresProject = false, threadSafe = true)
public class DiffMojo extends AbstractSpecMojo {
    /**
     * What to compare with: a spec file ({@code path/to/old/spec.json}, relative to the project directory) or a git
     * revision of the spec's repository ({@code git:origin/main}, {@code git:HEAD}), read from history without
     * touching the working tree.
     */
    @Parameter(property = "specpipeline.base")
    private String base;

    /** Which changes fail the build: {@code breaking}, {@code any} or {@code none}. */
    @Parameter(property = "specpipeline.failOn", defaultValue = "none")
    private String failOn;

    @Override
    protected void run() throws IOException, MojoFailureException {
        DiffTask.FailOn fail;
        try {
            fail = DiffTask.FailOn.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("spec-pipeline: " + e.getMessage());
        }
        DiffTask.Result result = DiffTask.run(new DiffTask.Options(specInput(), base, outputPath(), fail), specLog());
        if (result.failed()) {
            throw new MojoFailureException(result.summary());
        }
        getLog().info(result.summary());
    }
}
