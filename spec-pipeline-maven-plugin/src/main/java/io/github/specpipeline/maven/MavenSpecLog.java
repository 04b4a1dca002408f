package io.github.specpipeline.maven;

import io.github.specpipeline.core.task.SpecLog;
import org.apache.maven.plugin.logging.Log;

/** Core's log, written to Maven's. */
final class MavenSpecLog implements SpecLog {
    private final Log log;

    MavenSpecLog(Log log) {
        this.log = log;
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }
}
