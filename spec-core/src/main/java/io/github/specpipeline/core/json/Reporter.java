package io.github.specpipeline.core.json;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns "this pointer is wrong" into a located diagnostic for one file. Checks speak in JSON pointers;
 * only this class knows how pointers become lines and columns.
 *
 * <p>A reporter either locates at once, from a {@link SourceMap} of the whole document, or, when made by
 * {@link #deferred}, records what each diagnostic needs and locates them all later, in {@link #resolve}, from a
 * source map of just the pointers asked for ({@link #pendingPointers}). The second keeps no per-node state while
 * a large spec is checked; both give every diagnostic the same line and column.
 */
public final class Reporter {
    private final String file;
    private final SourceMap sourceMap;
    private final Diagnostics sink;
    /** Diagnostics added without a location yet, in sink order; null when locating at once. */
    private final List<Pending> pending;

    /** Where a diagnostic at {@code index} of the sink is to be located. */
    private record Pending(int index, boolean atKey, boolean inString, int line, int column) {}

    public Reporter(String file, SourceMap sourceMap, Diagnostics sink) {
        this.file = file;
        this.sourceMap = sourceMap;
        this.sink = sink;
        this.pending = null;
    }

    private Reporter(String file, Diagnostics sink) {
        this.file = file;
        this.sourceMap = null;
        this.sink = sink;
        this.pending = new ArrayList<>();
    }

    /** A reporter whose diagnostics are located later, by {@link #resolve}. */
    public static Reporter deferred(String file, Diagnostics sink) {
        return new Reporter(file, sink);
    }

    /** The pointers whose locations the diagnostics reported so far wait for. */
    public Collection<String> pendingPointers() {
        Set<String> pointers = new LinkedHashSet<>();
        if (pending != null) {
            for (Pending p : pending) {
                pointers.add(sink.get(p.index()).pointer());
            }
        }
        return pointers;
    }

    /**
     * Locates every diagnostic reported so far with {@code map}, which must hold at least the
     * {@link #pendingPointers}; null leaves them at an unknown location. Later reports wait for the next call.
     */
    public void resolve(SourceMap map) {
        resolve(pointer -> new Region(file, "", map));
    }

    /**
     * One file of a document assembled from several (a spec directory): the pointers under {@code prefix} are that
     * file's, located with {@code map} at their pointer without the prefix.
     *
     * @param file   the file as diagnostics show it
     * @param prefix the pointer the file's root stands for, {@code ""} for the document's own file
     * @param map    the file's locations of the pending pointers (without the prefix); null for unknown
     */
    public record Region(String file, String prefix, SourceMap map) {}

    /**
     * Locates every diagnostic reported so far in the region {@code regionOf} gives for its pointer. The diagnostic
     * keeps its pointer into the whole document (what the review groups by) and gets the region's file.
     */
    public void resolve(java.util.function.Function<String, Region> regionOf) {
        if (pending == null) {
            return;
        }
        for (Pending p : pending) {
            Diagnostic d = sink.get(p.index());
            Region region = regionOf.apply(d.pointer());
            SourceMap map = region.map();
            String inner = d.pointer().substring(region.prefix().length());
            Location at = map == null
                    ? Location.UNKNOWN
                    : p.inString()
                            ? inString(map.value(inner), p.line(), p.column())
                            : p.atKey() ? map.key(inner) : map.value(inner);
            sink.set(
                    p.index(),
                    new Diagnostic(
                            d.severity(),
                            d.code(),
                            d.message(),
                            region.file(),
                            at.line(),
                            at.column(),
                            d.pointer(),
                            d.hint()));
        }
        pending.clear();
    }

    /** The number of diagnostics in the sink, for {@link #rollback}. */
    public int mark() {
        return sink.size();
    }

    /** Forgets every diagnostic reported since {@code mark} was taken. */
    public void rollback(int mark) {
        sink.truncate(mark);
        if (pending != null) {
            pending.removeIf(p -> p.index() >= mark);
        }
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
    public void inString(
            Severity severity, DiagnosticCode code, String pointer, int line, int column, String message, String hint) {
        if (pending != null) {
            defer(new Pending(sink.size(), false, true, line, column));
            sink.add(new Diagnostic(severity, code, message, file, 0, 0, pointer, hint));
            return;
        }
        Location at = inString(sourceMap == null ? Location.UNKNOWN : sourceMap.value(pointer), line, column);
        sink.add(new Diagnostic(severity, code, message, file, at.line(), at.column(), pointer, hint));
    }

    private static Location inString(Location start, int line, int column) {
        if (start.line() > 0 && line >= 1 && column >= 1) {
            // +1 skips the opening quote of the JSON string
            return line == 1
                    ? new Location(start.line(), start.column() + column)
                    : new Location(start.line() + line - 1, column);
        }
        return start;
    }

    public void report(
            Severity severity, DiagnosticCode code, String pointer, boolean atKey, String message, String hint) {
        if (pending != null) {
            defer(new Pending(sink.size(), atKey, false, 0, 0));
            sink.add(new Diagnostic(severity, code, message, file, 0, 0, pointer, hint));
            return;
        }
        Location at = sourceMap == null ? Location.UNKNOWN : atKey ? sourceMap.key(pointer) : sourceMap.value(pointer);
        sink.add(new Diagnostic(severity, code, message, file, at.line(), at.column(), pointer, hint));
    }

    private void defer(Pending p) {
        pending.add(p);
    }

    /** Reports with an explicit location (for problems found before a source map exists). */
    public void at(
            Severity severity, DiagnosticCode code, Location location, String pointer, String message, String hint) {
        sink.add(new Diagnostic(severity, code, message, file, location.line(), location.column(), pointer, hint));
    }
}
