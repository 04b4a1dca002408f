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
 */
public record DdlProblem(Path file, int line, int column, String message) {

    public DdlProblem {
        Objects.requireNonNull(message, "message");
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
