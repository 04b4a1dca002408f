package io.github.specpipeline.core.fuzz;

/**
 * How far the mutations may go. The in-build run reaches past the sizes that hung before issue 17's fixes
 * (nested TRIM, CASE, COALESCE from about 20 deep; hundreds of DDL tables) but stays small enough to be fast; the
 * long run uses the whole range.
 *
 * @param sqlNesting  deepest nesting of functions or parentheses wrapped around a fragment
 * @param jsonNesting deepest nesting of arrays or objects put into the spec
 * @param hugeString  longest string put into a file
 * @param ddlTables   most CREATE TABLE statements added to one DDL file
 * @param seedRows    most rows added to one seed
 */
public record Limits(int sqlNesting, int jsonNesting, int hugeString, int ddlTables, int seedRows) {
    /** The in-build budget's range. */
    public static final Limits BUILD = new Limits(100, 2_000, 200_000, 1_000, 300);
    /** The long run's range. */
    public static final Limits LONG = new Limits(600, 50_000, 3_000_000, 5_000, 20_000);
}
