package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.log.SpecLog;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A log that passes each finding of the spec on once. Findings already in {@code logged}, a set the host shares
 * between the goals of one build, are counted instead: a build that runs generate, export, validate and test on
 * one spec would otherwise print every warning once per goal. Everything else goes straight through.
 */
public final class FindingsOnce implements SpecLog {
    private final SpecLog delegate;
    private final Set<String> logged;
    private int repeated;

    /**
     * @param delegate where messages go
     * @param logged   the findings logged so far in this build (by their formatted line); must be thread-safe when
     *                 goals of one build run at once
     */
    public FindingsOnce(SpecLog delegate, Set<String> logged) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.logged = Objects.requireNonNull(logged, "logged");
    }

    @Override
    public void diagnostic(Diagnostic d) {
        if (logged.add(d.format())) {
            delegate.diagnostic(d);
        } else {
            repeated++;
        }
    }

    /** How many findings were not logged because an earlier goal had logged them. */
    public int repeated() {
        return repeated;
    }

    /** The line to log once the goal is done, when it left findings out. */
    public Optional<String> repeatedNote() {
        if (repeated == 0) {
            return Optional.empty();
        }
        return Optional.of(
                repeated == 1
                        ? "(1 finding of the spec is not repeated: an earlier spec-pipeline goal of this build logged it above)"
                        : "(" + repeated
                                + " findings of the spec are not repeated: an earlier spec-pipeline goal of this build"
                                + " logged them above)");
    }

    @Override
    public void debug(String message) {
        delegate.debug(message);
    }

    @Override
    public void info(String message) {
        delegate.info(message);
    }

    @Override
    public void warn(String message) {
        delegate.warn(message);
    }

    @Override
    public void error(String message) {
        delegate.error(message);
    }
}
