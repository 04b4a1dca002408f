package io.github.specpipeline.core.ddl;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SourceDdlReader#read} found: every table it could read, and every problem, in file order.
 * A table is in the catalog even when another statement of its file has a problem.
 */
public record DdlReadResult(SourceCatalog catalog, List<DdlProblem> problems) {

    public DdlReadResult {
        Objects.requireNonNull(catalog, "catalog");
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
