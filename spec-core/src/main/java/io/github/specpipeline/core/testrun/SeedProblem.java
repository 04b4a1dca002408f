package io.github.specpipeline.core.testrun;

/**
 * Something wrong with a seed file, located for the person who fixes it.
 *
 * @param file    the file as shown (relative to the project)
 * @param line    1-based line where the record starts, or 0 for the whole file
 * @param column  the column concerned, or null
 * @param message what is wrong and what was expected
 */
public record SeedProblem(String file, int line, String column, String message) {
    /** {@code src/test/seeds/orders.csv:3: column 'order_date': 'x' is not a valid DATE (expected ...)}. */
    public String format() {
        return file + (line > 0 ? ":" + line : "") + ": " + (column == null ? "" : "column '" + column + "': ")
                + message;
    }
}
