package io.github.specpipeline.core.engine.bigquery;

import java.util.Objects;

/**
 * One statement a target ships to BigQuery, as the target's tool renders it: the generated file it comes from,
 * what it is (the action, the assertion, the merge ...), and its SQL.
 */
record Statement(String file, String what, String sql) {
    Statement {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(sql, "sql");
    }

    /** How a failure names the statement: file, what it is, and the SQL with line numbers (GoogleSQL's are 1-based). */
    String describe(String message) {
        StringBuilder sb = new StringBuilder(file + " (" + what + "): " + message + "\n");
        String[] lines = sql.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%4d | %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}
