package io.github.specpipeline.core.log;

import io.github.specpipeline.core.diag.Diagnostic;
import java.util.function.Consumer;

/**
 * The one logging interface between core and its host. The Maven plugins map it onto Maven's log; tests
 * collect it. Core never prints to the console itself.
 */
public interface SpecLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    /**
     * A finding of the spec, at the level of its severity. A host that runs several goals on one spec may log
     * each finding once (the Maven plugin does, per project build).
     */
    default void diagnostic(Diagnostic d) {
        switch (d.severity()) {
            case ERROR -> error(d.format());
            case WARNING -> warn(d.format());
            case INFO -> info(d.format());
        }
    }

    /**
     * A log that hands each level's messages to the host's logger, e.g. Maven's:
     * {@code SpecLog.of(log::debug, log::info, log::warn, log::error)}.
     */
    static SpecLog of(Consumer<String> debug, Consumer<String> info, Consumer<String> warn, Consumer<String> error) {
        return new SpecLog() {
            public void debug(String message) {
                debug.accept(message);
            }

            public void info(String message) {
                info.accept(message);
            }

            public void warn(String message) {
                warn.accept(message);
            }

            public void error(String message) {
                error.accept(message);
            }
        };
    }

    /** Discards everything. */
    SpecLog NONE = new SpecLog() {
        public void debug(String message) {}

        public void info(String message) {}

        public void warn(String message) {}

        public void error(String message) {}
    };
}
