package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.log.SpecLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The build-log view of a test run: one line per model (passed or failed, test count, time), then each test that
 * did not pass with its model, message, failing rows or diff, and SQL, then (when one did not pass) the totals.
 */
public final class ConsoleSummary {
    private ConsoleSummary() {}

    /** Logs the summary: models at info, problems at error. */
    public static void log(TestResults results, SpecLog log) {
        int width =
                results.suites().stream().mapToInt(s -> s.name().length()).max().orElse(10);
        for (TestResults.Suite s : results.suites()) {
            log.info("  " + modelLine(s, width));
        }
        for (TestResults.Suite s : results.suites()) {
            for (TestResults.Case c : s.cases()) {
                if (c.status() == TestResults.Status.FAILED || c.status() == TestResults.Status.ERROR) {
                    for (String line : problem(c)) {
                        log.error(line);
                    }
                }
            }
        }
        if (!results.ok()) {
            // a passing run's totals end the goal's log once, with the time (TestTask's summary); a failing run's
            // summary names the tests that did not pass, so the counts are given here
            log.info(totals(results));
        }
    }

    /** {@code PASSED  staging.stg_orders   12 tests   0.031 s}. */
    static String modelLine(TestResults.Suite s, int width) {
        long failed = s.count(TestResults.Status.FAILED) + s.count(TestResults.Status.ERROR);
        long skipped = s.count(TestResults.Status.SKIPPED);
        String status = s.buildError() != null ? "ERROR " : failed > 0 ? "FAILED" : "PASSED";
        int n = s.cases().size();
        String counts = failed > 0 ? failed + " of " + n + " failed" : n + " test" + (n == 1 ? "" : "s");
        if (skipped > 0) {
            counts += ", " + skipped + " skipped";
        }
        return String.format(
                Locale.ROOT, "%s  %-" + width + "s  %-22s %8.3f s", status, s.name(), counts, s.nanos() / 1e9);
    }

    /** The lines describing one test that did not pass. */
    static List<String> problem(TestResults.Case c) {
        List<String> lines = new ArrayList<>();
        lines.add((c.status() == TestResults.Status.FAILED ? "FAILED " : "ERROR  ") + c.name() + " (model " + c.model()
                + (c.column() == null ? "" : ", column " + c.column()) + ")");
        lines.add("  " + c.message());
        if (c.details() != null) {
            for (String l : c.details().split("\n")) {
                lines.add("  " + l);
            }
        }
        if (c.sql() != null) {
            lines.add("  SQL:");
            for (String l : c.sql().strip().split("\n")) {
                lines.add("    " + l);
            }
        }
        return lines;
    }

    /** {@code spec-pipeline test: 42 tests, 41 passed, 1 failed, 0 errors, 0 skipped}. */
    public static String totals(TestResults r) {
        return "spec-pipeline test: " + r.total() + " test" + (r.total() == 1 ? "" : "s") + ", "
                + r.count(TestResults.Status.PASSED) + " passed, " + r.count(TestResults.Status.FAILED) + " failed, "
                + r.count(TestResults.Status.ERROR) + " error" + (r.count(TestResults.Status.ERROR) == 1 ? "" : "s")
                + ", "
                + r.count(TestResults.Status.SKIPPED) + " skipped";
    }

    /** {@code 1.234 s (load spec 0.101 s, DuckDB 0.512 s, ...)}. */
    public static String timings(TestResults r) {
        List<String> parts = new ArrayList<>();
        r.phases().forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.3f s", v / 1e9)));
        return String.format(Locale.ROOT, "%.3f s", r.totalNanos() / 1e9) + " (" + String.join(", ", parts) + ")";
    }
}
