package io.github.specpipeline.core.task;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.log.SpecLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One run of a goal's task, and the one place where a bug inside the core is caught. Every task's {@code run}
 * goes through {@link #guard}: an unexpected exception becomes an SP008 internal-error finding that names the
 * spec and the exception, is logged like any finding (the stack trace at debug level only, so Maven shows it
 * with {@code -X}), is written to the validation reports, and fails the task with a summary. It is never
 * swallowed, and the host never sees a stack trace for it. I/O problems stay {@link IOException}s: they are the
 * environment's, not bugs.
 *
 * <p>A task also hands the spec it loaded to {@link #loaded}, which writes the validation reports: so they are
 * always those of this run, whichever goal runs first (see {@link ValidationReportFiles}).
 */
final class TaskRun {
    /**
     * Test-only hook: a system property naming a goal ({@code validate}, {@code export}, ...) makes that goal's task
     * throw as a bug would, so that tests and the invoker ITs can check how an internal error reaches the user.
     */
    static final String SIMULATE_BUG = "specpipeline.internal.simulateBug";

    /** The work of a task. */
    interface Body<R> {
        R run() throws IOException;
    }

    /**
     * An internal error, as the task's result gives it.
     *
     * @param load    the findings of the run: those of the spec, if it was loaded, and the SP008
     * @param summary the one line to fail with
     * @param reports the validation reports written with the SP008, when the task writes them
     */
    record Failure(SpecLoader.Result load, String summary, List<Path> reports) {}

    private final String goal;
    private final SpecInput input;
    private final Path outputDirectory;
    private final SpecLog log;
    private SpecLoader.Result load;

    /**
     * @param goal            the goal's name, for messages
     * @param outputDirectory where the validation reports go, or null for a task that writes none (the report)
     */
    TaskRun(String goal, SpecInput input, Path outputDirectory, SpecLog log) {
        this.goal = goal;
        this.input = input;
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    /** Writes the validation reports of {@code result} and remembers it; returns it. */
    SpecLoader.Result loaded(SpecLoader.Result result) throws IOException {
        this.load = result;
        if (outputDirectory != null) {
            ValidationReportFiles.write(input, outputDirectory, result.diagnostics());
        }
        return result;
    }

    /** The JSON validation report's path as messages show it. */
    String shownReport() {
        return ValidationReportFiles.shownJson(input, outputDirectory);
    }

    /** Runs {@code body}; an unexpected exception in it is turned into the task's failed result by {@code failed}. */
    <R> R guard(Body<R> body, Function<Failure, R> failed) throws IOException {
        try {
            if (goal.equals(System.getProperty(SIMULATE_BUG))) {
                throw new IllegalStateException("simulated bug (" + SIMULATE_BUG + "=" + goal + ")");
            }
            return body.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException | StackOverflowError e) {
            return failed.apply(internal(unwrap(e)));
        }
    }

    private Failure internal(Throwable e) throws IOException {
        String file = input.displayName(input.specFile());
        String what = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        Diagnostic d = new Diagnostic(
                Severity.ERROR,
                DiagnosticCode.SP008,
                "internal error in the " + goal + " goal on " + file + ": " + what + ". This is a bug in spec-pipeline "
                        + Version.get() + ", not in the spec: please report it",
                file,
                0,
                0,
                "",
                DiagnosticCode.SP008.fix());
        log.diagnostic(d);
        log.debug("stack trace of the internal error (SP008), for the bug report:\n" + stackTrace(e));
        List<Diagnostic> all = new ArrayList<>(load == null ? List.of() : load.diagnostics());
        all.add(d);
        all.sort(Diagnostic.ORDER);
        SpecLoader.Result withBug =
                new SpecLoader.Result(load == null ? Optional.empty() : load.spec(), List.copyOf(all));
        List<Path> reports = List.of();
        if (outputDirectory != null) {
            reports = ValidationReportFiles.write(input, outputDirectory, withBug.diagnostics());
        }
        String summary = "spec-pipeline " + goal + ": internal error (a bug, please report it) on " + file + ": " + what
                + (reports.isEmpty() ? "" : "; see " + shownReport()) + "; run Maven with -X for the stack trace";
        return new Failure(withBug, summary, reports);
    }

    /** The exception a worker thread threw, rather than the wrapper that carried it to this thread. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString().replace("\r\n", "\n");
    }
}
