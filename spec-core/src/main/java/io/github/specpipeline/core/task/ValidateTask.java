package io.github.specpipeline.core.task;

import io.github.specpipeline.core.approval.ApprovalFile;
import io.github.specpipeline.core.approval.ApprovalRequirement;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.log.SpecLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a spec, logs every diagnostic compiler-style and writes {@code validation/report.json} and
 * {@code validation/report.sarif} under the output directory.
 */
public final class ValidateTask {
    private ValidateTask() {}

    /**
     * @param input           the spec and source DDL, and the generation targets whose SQL dialects every fragment
     *                        must translate to (SP304)
     * @param outputDirectory the plugin's output directory ({@code target/spec-pipeline})
     * @param failOnWarning   whether warnings fail the task
     * @param requireApproval {@code off}, {@code warn} or {@code fail} ({@code specpipeline.requireApproval}); null or
     *                        blank for the default: {@code warn} when the spec has an approval file, else {@code off}
     */
    public record Options(SpecInput input, Path outputDirectory, boolean failOnWarning, String requireApproval) {
        /** With the default approval requirement. */
        public Options(SpecInput input, Path outputDirectory, boolean failOnWarning) {
            this(input, outputDirectory, failOnWarning, (String) null);
        }

        /** Checks fragments against {@code targets} rather than the input's. */
        public Options(SpecInput input, Path outputDirectory, boolean failOnWarning, Set<Target> targets) {
            this(input.withTargets(targets), outputDirectory, failOnWarning);
        }

        /** The targets the spec is checked for: the input's. */
        public Set<Target> targets() {
            return input.targets();
        }
    }

    /** What happened; {@code failed} says whether the build should fail, {@code summary} says why. */
    public record Result(SpecLoader.Result load, List<Path> reports, boolean failed, String summary) {}

    public static Result run(Options options, SpecLog log) throws IOException {
        TaskRun task = new TaskRun("validate", options.input(), options.outputDirectory(), log);
        return task.guard(
                () -> validate(options, log, task), bug -> new Result(bug.load(), bug.reports(), true, bug.summary()));
    }

    private static Result validate(Options options, SpecLog log, TaskRun task) throws IOException {
        ApprovalRequirement requirement;
        try {
            requirement = ApprovalRequirement.parse(
                    options.requireApproval(),
                    ApprovalFile.exists(options.input().specFile()));
        } catch (IllegalArgumentException e) {
            return new Result(new SpecLoader.Result(Optional.empty(), List.of()), List.of(), true, e.getMessage());
        }
        SpecLoader.Result load = SpecLoader.load(options.input());
        ApprovalGate.Outcome gate = ApprovalGate.check(options.input(), load, requirement);
        load = gate.load();
        logDiagnostics(load.diagnostics(), log);
        task.loaded(load);
        OutputDirectory out = new OutputDirectory(options.outputDirectory());
        String file = options.input().displayName(options.input().specFile());
        Path json = out.resolve(ValidationReportFiles.JSON);
        Path sarif = out.resolve(ValidationReportFiles.SARIF);
        long errors = load.count(Severity.ERROR);
        long warnings = load.count(Severity.WARNING);
        boolean failed = errors > 0 || (options.failOnWarning() && warnings > 0);
        String counts = plural(errors, "error") + ", " + plural(warnings, "warning");
        String summary;
        if (failed) {
            summary =
                    "spec validation failed: " + counts + " in " + file + (errors == 0 ? " (failOnWarning is set)" : "")
                            + "; see " + options.input().displayName(json) + gate.summary();
        } else {
            int models = load.spec().map(s -> s.spec().models().size()).orElse(0);
            summary = "spec " + file + " is valid: " + plural(models, "model") + ", " + counts + gate.summary();
        }
        log.info("Validation reports: " + options.input().displayName(json) + ", "
                + options.input().displayName(sarif));
        return new Result(load, List.of(json, sarif), failed, summary);
    }

    /** Logs each diagnostic at its level, in order. */
    public static void logDiagnostics(List<Diagnostic> diagnostics, SpecLog log) {
        for (Diagnostic d : diagnostics) {
            log.diagnostic(d);
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
