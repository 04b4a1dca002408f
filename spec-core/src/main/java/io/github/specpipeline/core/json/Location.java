package io.github.specpipeline.core.json;

/** A 1-based line and column in a source file. */
public record Location(int line, int column) {
    public static final Location UNKNOWN = new Location(0, 0);
}
