package io.github.specpipeline.core.ddl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong with the source DDL, located like a compiler message.
 *
 * @param file    the file (or, for a problem with the directory itself, the directory)
 * @param line    1-based line, 0 when the problem concerns the whole file or directory
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong, naming the offending table, column or path
 * @param fix     what to do, when the general SP007 advice (fix the statement at the position) does not fit, else null
 */
public record DdlProblem(Path file, int line, int column, String message, String fix) {

    public DdlProblem {
        Objects.requireNonNull(message, "message");
    }

    /** A problem at a position in a file, where the general advice fits. */
    public DdlProblem(Path file, int line, int column, String message) {
        this(file, line, column, message, null);
    }

    /** A problem with the directory itself: no position, and its own advice. */
    static DdlProblem ofDirectory(Path dir, String message) {
        return new DdlProblem(
                dir,
                0,
                0,
                message,
                "Point specpipeline.sourceDdl at the folder that holds the raw tables'"
                        + " CREATE TABLE statements in *.sql files, or leave it unset if the spec names no raw table.");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
