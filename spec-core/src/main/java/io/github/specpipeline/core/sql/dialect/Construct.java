package io.github.specpipeline.core.sql.dialect;

/**
 * BigQuery syntax that is not a function call and that a dialect may keep as written or refuse. BigQuery keeps
 * every one; a target dialect refuses with {@link #reason}.
 */
public enum Construct {
    /** Any node the renderer does not know: {@code x IS UNKNOWN}, {@code a SIMILAR TO b}, ... */
    OTHER_SYNTAX("syntax the renderer does not know", null),
    /** {@code arr[1:2]} and other subscripts than OFFSET, SAFE_OFFSET, ORDINAL, SAFE_ORDINAL or a bare position. */
    ARRAY_SUBSCRIPT(
            "array subscript other than OFFSET/ORDINAL",
            "only OFFSET, SAFE_OFFSET, ORDINAL and SAFE_ORDINAL subscripts are translated"),
    /** {@code b'...'}. */
    BYTES_LITERAL("bytes literal", "BYTES literals are not translated"),
    /** {@code x IN UNNEST(arr)} and other right-hand sides that are not a list. */
    IN_NOT_A_LIST("IN without a list", "only IN (value, ...) lists are translated"),
    /** {@code CAST(x AS STRING FORMAT 'YYYY')}. */
    CAST_FORMAT("CAST ... FORMAT", "casts with a FORMAT clause are not translated"),
    /** Named arguments, IGNORE NULLS, HAVING, LIMIT or ORDER BY inside a call (but STRING_AGG's ORDER BY). */
    CALL_FORM(
            "call with named arguments, IGNORE NULLS, HAVING, LIMIT or ORDER BY",
            "this form of the call (named arguments, IGNORE NULLS, HAVING, LIMIT, ORDER BY) is not translated"),
    /** {@code SUBSTR(DISTINCT ...)}: DISTINCT on a function that is not one of the aggregates it is translated for. */
    DISTINCT_ARGUMENT("DISTINCT in a call", "DISTINCT is not translated for this function"),
    /** {@code SAFE.SUBSTR(...)}. */
    SAFE_PREFIX("SAFE. prefix", "SAFE.-prefixed functions (NULL instead of an error) are not translated"),
    /** A named window, KEEP, FILTER, HAVING or LIMIT in a window function. */
    WINDOW_FORM("window with a name, KEEP, FILTER, HAVING or LIMIT", "this form of window function is not translated");

    private final String title;
    private final String reason;

    Construct(String title, String reason) {
        this.title = title;
        this.reason = reason;
    }

    /** What the construct is, for the function catalogue. */
    public String title() {
        return title;
    }

    /** Why a target dialect refuses it, as the diagnostic says. */
    public String reason(Dialect dialect) {
        return reason != null ? reason : "this syntax is not supported for " + dialect.displayName();
    }
}
