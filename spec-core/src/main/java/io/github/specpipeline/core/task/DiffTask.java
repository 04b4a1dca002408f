package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.Category;
import io.github.specpipeline.core.diff.Change;
import io.github.specpipeline.core.diff.DiffReport;
import io.github.specpipeline.core.diff.MigrationSql;
import io.github.specpipeline.core.diff.SpecDiff;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.json.JsonDocument;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Location;
import io.github.specpipeline.core.json.SourceMap;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares the spec with a base ({@link SpecBase}) and writes under {@code <outputDirectory>/diff/}:
 * {@code report.md}, {@code report.json}, {@code report.sarif} (the breaking changes, located in the current spec)
 * and {@code migration.sql}. Each breaking change is logged on one line at its location. The current spec may have
 * errors (a dropped column still read downstream is one): they are logged, and the diff is still made, as long as
 * the spec can be read.
 */
public final class DiffTask {
    /** The directory under the output directory. */
    public static final String DIR = "diff";

    private DiffTask() {}

    /** Which changes fail the task ({@code specpipeline.failOn}). */
    public enum FailOn {
        BREAKING,
        ANY,
        NONE;

        /** {@code breaking}, {@code any} or {@code none}, any case; null or empty is {@code none}. */
        public static FailOn parse(String text) {
            if (text == null || text.isBlank()) {
                return NONE;
            }
            for (FailOn f : values()) {
                if (f.name().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown specpipeline.failOn '" + text + "': use breaking, any or none");
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param base            the base as {@link SpecBase#load} reads it: a file or {@code git:<revision>}
     * @param outputDirectory the plugin's output directory ({@code target/spec-pipeline})
     */
    public record Options(SpecInput input, String base, Path outputDirectory, FailOn failOn) {
        public Options {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            failOn = failOn == null ? FailOn.NONE : failOn;
        }
    }

    /**
     * @param changes every change, in report order
     * @param written the reports
     * @param failed  whether the build should fail: a spec or base that cannot be read, or {@code failOn}
     */
    public record Result(List<Change> changes, List<Path> written, boolean failed, String summary) {
        public Result {
            changes = List.copyOf(changes);
            written = List.copyOf(written);
        }
    }

    public static Result run(Options options, SpecLog log) throws IOException {
        TaskRun task = new TaskRun("diff", options.input(), options.outputDirectory(), log);
        return task.guard(
                () -> diff(options, log, task), bug -> new Result(List.of(), bug.reports(), true, bug.summary()));
    }

    private static Result diff(Options options, SpecLog log, TaskRun task) throws IOException {
        SpecInput input = options.input();
        String file = input.displayName(input.specFile());
        SpecLoader.Result load = task.loaded(SpecLoader.load(input));
        ValidateTask.logDiagnostics(load.diagnostics(), log);
        if (load.spec().isEmpty()) {
            return new Result(
                    List.of(),
                    List.of(),
                    true,
                    "cannot diff " + file + ": it could not be read (see above and " + task.shownReport() + ")");
        }
        SpecBase.Result base = SpecBase.load(options.base(), input);
        if (base instanceof SpecBase.Failed failed) {
            log.diagnostic(failed.diagnostic());
            return new Result(
                    List.of(),
                    List.of(),
                    true,
                    "spec-pipeline diff: " + failed.diagnostic().message());
        }
        SpecBase.Loaded loaded = (SpecBase.Loaded) base;
        ValidatedSpec current = load.spec().get();
        List<Change> changes = SpecDiff.compare(loaded.spec(), current);

        SourceMap where = new LocatedJsonReader((severity, code, location, pointer, message, hint) -> {})
                .read(input.specFile())
                .map(JsonDocument::sourceMap)
                .orElse(null);
        List<Diagnostic> breaking = new ArrayList<>();
        for (Change c : changes) {
            if (c.isBreaking()) {
                Location at = where == null ? Location.UNKNOWN : where.value(c.pointer());
                breaking.add(new Diagnostic(
                        Severity.WARNING,
                        DiagnosticCode.SP510,
                        "breaking change against " + loaded.label() + ": " + describe(c),
                        file,
                        at.line(),
                        at.column(),
                        c.pointer(),
                        c.impacted().isEmpty()
                                ? "nothing in the spec reads it downstream; readers outside the spec may"
                                : "impacts " + DiffReport.impacted(c)));
            }
        }
        breaking.forEach(log::diagnostic);

        OutputDirectory out = new OutputDirectory(options.outputDirectory());
        List<Path> written = new ArrayList<>();
        written.add(out.writeString(DIR + "/report.md", DiffReport.markdown(file, loaded.label(), changes)));
        written.add(out.writeString(DIR + "/report.json", DiffReport.json(file, loaded.label(), changes)));
        written.add(out.writeString(DIR + "/report.sarif", ValidationReports.sarif(breaking)));
        written.add(out.writeString(DIR + "/migration.sql", MigrationSql.render(loaded.spec(), current, changes)));
        log.info("Diff reports: " + written.stream().map(input::displayName).collect(Collectors.joining(", ")));

        long breakingCount = SpecDiff.count(changes, Category.BREAKING);
        boolean failed = switch (options.failOn()) {
            case BREAKING -> breakingCount > 0;
            case ANY -> !changes.isEmpty();
            case NONE -> false;
        };
        String report = input.displayName(written.get(0));
        String summary;
        if (failed) {
            List<Change> named = options.failOn() == FailOn.BREAKING
                    ? changes.stream().filter(Change::isBreaking).toList()
                    : changes;
            summary = "spec-pipeline diff failed (failOn=" + options.failOn().id() + "): " + file + " against "
                    + loaded.label() + " has " + DiffReport.summary(changes) + ": "
                    + named.stream().limit(10).map(DiffTask::describe).collect(Collectors.joining("; "))
                    + (named.size() > 10 ? "; and " + (named.size() - 10) + " more" : "") + "; see " + report;
        } else {
            summary = "diff of " + file + " against " + loaded.label() + ": " + DiffReport.summary(changes) + "; see "
                    + report;
        }
        return new Result(changes, written, failed, summary);
    }

    /** {@code stg_orders.amount: transform changed}. */
    static String describe(Change c) {
        return c.model() + (c.column() == null ? "" : "." + c.column()) + ": "
                + c.kind().id().replace('_', ' ');
    }
}
