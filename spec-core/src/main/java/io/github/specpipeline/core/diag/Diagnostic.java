package io.github.specpipeline.core.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about a spec, located like a compiler message.
 *
 * @param severity how bad it is
 * @param code     the stable code, e.g. {@code SP204}
 * @param message  what is wrong, naming the offending value
 * @param file     the file as the user named it (relative where possible); never null
 * @param line     1-based line, 0 when unknown
 * @param column   1-based column, 0 when unknown
 * @param pointer  JSON pointer (RFC 6901) of the node, {@code ""} for the document
 * @param hint     what to do about it; may be empty
 */
public record Diagnostic(
        Severity severity,
        DiagnosticCode code,
        String message,
        String file,
        int line,
        int column,
        String pointer,
        String hint) {

    /** File, then position, then code: the order a compiler prints in and a reviewer reads in. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(d -> d.code().id())
            .thenComparing(Diagnostic::pointer)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        file = file == null ? "" : file;
        pointer = pointer == null ? "" : pointer;
        hint = hint == null ? "" : hint;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code spec.json:42:17: error[SP204] message} followed, when there is one, by the hint. */
    public String format() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ")
                .append(severity.label())
                .append('[')
                .append(code.id())
                .append("] ")
                .append(message);
        if (!hint.isEmpty()) {
            sb.append(" (hint: ").append(hint).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
