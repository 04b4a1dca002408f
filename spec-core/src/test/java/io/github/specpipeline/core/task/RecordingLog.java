package io.github.specpipeline.core.task;

import io.github.specpipeline.core.log.SpecLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The tests' log: keeps every line, prefixed with its level ({@code "WARN spec.json:4:7: ..."}). */
public final class RecordingLog implements SpecLog {
    /** The lines so far, in order; safe to add to from the export's threads. */
    public final List<String> lines;

    public RecordingLog() {
        this(new ArrayList<>());
    }

    /** Records into {@code lines}, which the caller keeps. */
    public RecordingLog(List<String> lines) {
        this.lines = Collections.synchronizedList(lines);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }
}
