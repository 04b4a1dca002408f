package io.github.specpipeline.core.fuzz;

/**
 * How far the mutations may go. The in-build run keeps below the sizes that hit the open hangs of issue 17
 * (nested TRIM, CASE, COALESCE, NULLIF; thousands of DDL tables), so that it stays green and fast; the long run
 * uses the whole range.
 *
 * @param sqlNesting  deepest nesting of functions or parentheses wrapped around a fragment
 * @param jsonNesting deepest nesting of arrays or objects put into the spec
 * @param hugeString  longest string put into a file
 * @param ddlTables   most CREATE TABLE statements added to one DDL file
 * @param seedRows    most rows added to one seed
 */
public record Limits(int sqlNesting, int jsonNesting, int hugeString, int ddlTables, int seedRows) {
    /** The in-build budget's range. */
    public static final Limits BUILD = new Limits(6, 2_000, 200_000, 40, 300);
    /** The long run's range. */
    public static final Limits LONG = new Limits(600, 50_000, 3_000_000, 5_000, 20_000);
}
