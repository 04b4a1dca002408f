package io.github.specpipeline.core.sql.dialect;

/**
 * A construct of a spec fragment that cannot be rendered faithfully in a dialect. Generation never writes
 * approximate SQL: the construct is reported (as SP304) instead.
 *
 * @param construct the function or syntax, e.g. {@code REGEXP_EXTRACT} or {@code array subscript}
 * @param dialect   the dialect it cannot be rendered in
 * @param reason    why, for the message
 * @param line      1-based line of the construct in the fragment text as parsed, 1 when unknown
 * @param column    1-based column of the construct in the fragment text as parsed, 1 when unknown
 */
public record Untranslatable(String construct, Dialect dialect, String reason, int line, int column) {
    /** One line for a person: "REGEXP_EXTRACT has no DuckDB translation: the pattern is not a string literal". */
    public String describe() {
        return construct + " has no " + dialect.displayName() + " translation"
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
