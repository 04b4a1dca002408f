package io.github.specpipeline.maven;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.task.SpecLog;
import org.apache.maven.plugin.logging.Log;

import java.util.Set;

/**
 * Core's log, written to Maven's. Findings already logged by an earlier spec-pipeline goal of the same project
 * build ({@code logged}, shared through the plugin context) are counted instead of logged again: a build that
 * runs generate, export, validate and test on one spec would otherwise print every warning three times.
 */
final class MavenSpecLog implements SpecLog {
    private final Log log;
    private final Set<String> logged;
    private int repeated;

    /** Logs every finding. */
    MavenSpecLog(Log log) {
        this(log, null);
    }

    /** Logs a finding only when {@code logged} does not hold it yet; null logs every finding. */
    MavenSpecLog(Log log, Set<String> logged) {
        this.log = log;
        this.logged = logged;
    }

    @Override
    public void diagnostic(Diagnostic d) {
        if (logged == null || logged.add(d.format())) {
            SpecLog.super.diagnostic(d);
        } else {
            repeated++;
        }
    }

    /** How many findings were not logged because an earlier goal had. */
    int repeated() {
        return repeated;
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
