package io.github.specpipeline.core.diag;

import io.github.specpipeline.core.json.Location;
import io.github.specpipeline.core.json.SourceMap;

/**
 * Turns "this pointer is wrong" into a located diagnostic for one file. Checks speak in JSON pointers;
 * only this class knows how pointers become lines and columns.
 */
public final class Reporter {
    private final String file;
    private final SourceMap sourceMap;
    private final Diagnostics sink;

    public Reporter(String file, SourceMap sourceMap, Diagnostics sink) {
        this.file = file;
        this.sourceMap = sourceMap;
        this.sink = sink;
    }

    public String file() {
        return file;
    }

    public Diagnostics sink() {
        return sink;
    }

    /** Reports at the value of {@code pointer}. */
    public void error(DiagnosticCode code, String pointer, String message, String hint) {
        report(Severity.ERROR, code, pointer, false, message, hint);
    }

    /** Reports at the value of {@code pointer}. */
    public void warning(DiagnosticCode code, String pointer, String message, String hint) {
        report(Severity.WARNING, code, pointer, false, message, hint);
    }

    /** Reports at the field name leading to {@code pointer} (for unknown or duplicate fields). */
    public void atKey(Severity severity, DiagnosticCode code, String pointer, String message, String hint) {
        report(severity, code, pointer, true, message, hint);
    }

    /**
     * Reports at a position inside a string value: {@code line} and {@code column} are 1-based within the
     * string's text. Exact for single-line strings without escapes, which SQL fragments nearly always are.
     */
    public void inString(Severity severity, DiagnosticCode code, String pointer, int line, int column,
                         String message, String hint) {
        Location start = sourceMap == null ? Location.UNKNOWN : sourceMap.value(pointer);
        Location at = start;
        if (start.line() > 0 && line >= 1 && column >= 1) {
            // +1 skips the opening quote of the JSON string
            at = line == 1 ? new Location(start.line(), start.column() + column) : new Location(start.line() + line - 1, column);
        }
        sink.add(new Diagnostic(severity, code, message, file, at.line(), at.column(), pointer, hint));
    }

    public void report(Severity severity, DiagnosticCode code, String pointer, boolean atKey, String message, String hint) {
        Location at = sourceMap == null ? Location.UNKNOWN : atKey ? sourceMap.key(pointer) : sourceMap.value(pointer);
        sink.add(new Diagnostic(severity, code, message, file, at.line(), at.column(), pointer, hint));
    }

    /** Reports with an explicit location (for problems found before a source map exists). */
    public void at(Severity severity, DiagnosticCode code, Location location, String pointer, String message, String hint) {
        sink.add(new Diagnostic(severity, code, message, file, location.line(), location.column(), pointer, hint));
    }
}
