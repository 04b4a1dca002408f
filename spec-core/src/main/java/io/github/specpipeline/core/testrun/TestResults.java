package io.github.specpipeline.core.testrun;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a test run: one suite per model (in dependency order), one case per data test and unit test.
 *
 * @param suites per model
 * @param phases wall time per phase in nanoseconds, in the order they ran (load spec, DuckDB, seeds, ...)
 */
public record TestResults(List<Suite> suites, Map<String, Long> phases) {
    public TestResults {
        suites = List.copyOf(suites);
        phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** How a case ended. */
    public enum Status {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED
    }

    /**
     * The tests of one model.
     *
     * @param model      the model's name
     * @param name       the suite name: {@code <schema>.<model>} (a JUnit class name)
     * @param buildNanos time to build the model
     * @param buildError why the model could not be built, or null
     * @param cases      data tests in the plan's order, then unit tests in the spec's order
     */
    public record Suite(String model, String name, long buildNanos, String buildError, List<Case> cases) {
        public Suite {
            cases = List.copyOf(cases);
        }

        public long count(Status status) {
            return cases.stream().filter(c -> c.status() == status).count();
        }

        public boolean ok() {
            return buildError == null && count(Status.FAILED) == 0 && count(Status.ERROR) == 0;
        }

        /** Build time plus the time of every case. */
        public long nanos() {
            return buildNanos + cases.stream().mapToLong(Case::nanos).sum();
        }
    }

    /**
     * One test.
     *
     * @param name        unique in the run: the data test's id or {@code unit_test__<model>__<name>}
     * @param kind        the data test kind, or {@code unit_test}, or {@code build}
     * @param column      the column under test, or null
     * @param description one line for a person
     * @param pointer     where the test is declared in the spec (JSON pointer)
     * @param message     why it did not pass (one line), or null
     * @param sql         the SQL that ran, or null
     * @param details     failing rows or a row diff, or null
     */
    public record Case(
            String name,
            String model,
            String kind,
            String column,
            String description,
            String pointer,
            Status status,
            long nanos,
            String message,
            String sql,
            String details) {}

    /**
     * What a case is about, before it has an outcome: the fields every outcome of one test shares.
     *
     * @see Case
     */
    public record Subject(String name, String model, String kind, String column, String description, String pointer) {
        /** The case of this subject with the given outcome. */
        public Case outcome(Status status, long nanos, String message, String sql, String details) {
            return new Case(name, model, kind, column, description, pointer, status, nanos, message, sql, details);
        }
    }

    public long count(Status status) {
        return suites.stream().mapToLong(s -> s.count(status)).sum();
    }

    /** All cases. */
    public long total() {
        return suites.stream().mapToLong(s -> s.cases().size()).sum();
    }

    /** Models that could not be built. */
    public long buildErrors() {
        return suites.stream().filter(s -> s.buildError() != null).count();
    }

    public boolean ok() {
        return suites.stream().allMatch(Suite::ok);
    }

    /** Sum of all phases. */
    public long totalNanos() {
        return phases.values().stream().mapToLong(Long::longValue).sum();
    }
}
