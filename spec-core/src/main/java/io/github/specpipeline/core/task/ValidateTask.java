package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diag.ValidationReports;
import io.github.specpipeline.core.io.OutputDirectory;

import io.github.specpipeline.core.generate.Target;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a spec, logs every diagnostic compiler-style and writes {@code validation/report.json} and
 * {@code validation/report.sarif} under the output directory.
 */
public final class ValidateTask {
    private ValidateTask() {
    }

    /**
     * @param input           the spec and source DDL
     * @param outputDirectory the plugin's output directory ({@code target/spec-pipeline})
     * @param failOnWarning   whether warnings fail the task
     * @param targets         the generation targets whose SQL dialects every fragment must translate to (SP304)
     */
    public record Options(SpecInput input, Path outputDirectory, boolean failOnWarning, Set<Target> targets) {
        /** Checks fragments against every generation target. */
        public Options(SpecInput input, Path outputDirectory, boolean failOnWarning) {
            this(input, outputDirectory, failOnWarning, EnumSet.allOf(Target.class));
        }

        public Options {
            targets = Set.copyOf(targets);
        }
    }

    /** What happened; {@code failed} says whether the build should fail, {@code summary} says why. */
    public record Result(SpecLoader.Result load, List<Path> reports, boolean failed, String summary) {
    }

    public static Result run(Options options, SpecLog log) throws IOException {
        SpecLoader.Result load = SpecLoader.load(options.input(), options.targets());
        logDiagnostics(load.diagnostics(), log);
        OutputDirectory out = new OutputDirectory(options.outputDirectory());
        String file = options.input().displayName(options.input().specFile());
        Path json = out.writeString("validation/report.json", ValidationReports.json(file, load.diagnostics()));
        Path sarif = out.writeString("validation/report.sarif", ValidationReports.sarif(load.diagnostics()));
        long errors = load.count(Severity.ERROR);
        long warnings = load.count(Severity.WARNING);
        boolean failed = errors > 0 || (options.failOnWarning() && warnings > 0);
        String counts = plural(errors, "error") + ", " + plural(warnings, "warning");
        String summary;
        if (failed) {
            summary = "spec validation failed: " + counts + " in " + file
                    + (errors == 0 ? " (failOnWarning is set)" : "") + "; see " + options.input().displayName(json);
        } else {
            int models = load.spec().map(s -> s.spec().models().size()).orElse(0);
            summary = "spec " + file + " is valid: " + plural(models, "model") + ", " + counts;
        }
        log.info("Validation reports: " + options.input().displayName(json) + ", " + options.input().displayName(sarif));
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
