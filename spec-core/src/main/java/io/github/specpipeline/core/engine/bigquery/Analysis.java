package io.github.specpipeline.core.engine.bigquery;

import java.util.List;
import java.util.Objects;

/** What GoogleSQL's analyzer says of a statement: its result columns, or a located error. */
public sealed interface Analysis {

    /** The statement is valid BigQuery; {@code columns} are a query's result columns (empty for other statements). */
    record Ok(List<TableColumn> columns) implements Analysis {
        public Ok {
            columns = List.copyOf(columns);
        }
    }

    /** The statement is rejected. */
    record Failed(SqlError error) implements Analysis {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
