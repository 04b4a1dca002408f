package io.github.specpipeline.core.sql.dialect;

/**
 * The BigQuery types of a cast, for the dialects whose cast between two types means something else than
 * BigQuery's ({@code CAST(NUMERIC AS STRING)} writes {@code 49.5} in BigQuery, {@code 49.500000000} in DuckDB).
 *
 * @param from the type of the value cast, upper-case ({@code NUMERIC}), or null when it cannot be told
 * @param to   the type cast to, upper-case and without parameters
 */
record CastTypes(String from, String to) {
    boolean is(String fromType, String toType) {
        return fromType.equals(from) && toType.equals(to);
    }
}
