package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.sql.ColumnRef;

/**
 * How the column references of a fragment are written where it is rendered: a join condition reads the
 * model's source relations, an expression test reads the model's own output. The scope also knows column types
 * where they matter for translation.
 */
public interface RenderScope {
    /**
     * The column as it must be written, already quoted for the dialect.
     *
     * @param ref the reference as written in the fragment (quotes removed)
     */
    String column(ColumnRef ref, Dialect dialect);

    /** The BigQuery type of the referenced column, or null when unknown. */
    default String typeOf(ColumnRef ref) {
        return null;
    }

    /** Columns written as they are in the fragment (qualifier kept), each part quoted as the dialect needs. */
    RenderScope AS_WRITTEN = (ref, dialect) -> qualified(ref.qualifier(), ref.column(), dialect);

    /** {@code qualifier.column} with each dot-separated part quoted when the dialect needs it. */
    static String qualified(String qualifier, String column, Dialect dialect) {
        StringBuilder sb = new StringBuilder();
        if (qualifier != null) {
            for (String part : qualifier.split("\\.", -1)) {
                sb.append(dialect.quote(part)).append('.');
            }
        }
        return sb.append(dialect.quote(column)).toString();
    }
}
