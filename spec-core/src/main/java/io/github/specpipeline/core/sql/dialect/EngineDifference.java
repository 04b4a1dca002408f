package io.github.specpipeline.core.sql.dialect;

import io.github.specpipeline.core.diag.DiagnosticCode;

/**
 * A call whose translation runs, but can give another result than BigQuery for some values, found by the
 * per-function differential table (GoogleSQL against the translation) and not fixable in the translation.
 * Validation reports it as a warning with its code (SP240..SP244), where the spec uses the call that way.
 *
 * @param code      the diagnostic
 * @param construct the function, e.g. {@code UPPER}
 * @param dialect   the dialect whose result differs
 * @param reason    what differs, for the message
 * @param line      1-based line of the call in the fragment text as parsed, 1 when unknown
 * @param column    1-based column of the call in the fragment text as parsed, 1 when unknown
 */
public record EngineDifference(
        DiagnosticCode code, String construct, Dialect dialect, String reason, int line, int column) {
    /** One line for a person: "UPPER on DuckDB: ...". */
    public String describe() {
        return construct + " on " + dialect.displayName() + " can differ from BigQuery: " + reason;
    }
}
