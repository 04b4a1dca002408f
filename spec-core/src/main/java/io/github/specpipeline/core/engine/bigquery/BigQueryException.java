package io.github.specpipeline.core.engine.bigquery;

import java.util.Objects;

/** GoogleSQL rejected a statement or failed running it, or a table's rows do not fit its columns. */
public final class BigQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SqlError error;

    BigQueryException(SqlError error) {
        super(error.toString());
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The error, located inside the SQL when GoogleSQL gave a position. */
    public SqlError error() {
        return error;
    }
}
