package io.github.specpipeline.core.task;

/**
 * The one logging interface between core and its host. The Maven plugin maps it onto Maven's log; tests
 * collect it. Core never prints to the console itself.
 */
public interface SpecLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    /** Discards everything. */
    SpecLog NONE = new SpecLog() {
        public void debug(String message) {
        }

        public void info(String message) {
        }

        public void warn(String message) {
        }

        public void error(String message) {
        }
    };
}
