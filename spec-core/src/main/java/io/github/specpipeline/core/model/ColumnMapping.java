package io.github.specpipeline.core.model;

import java.util.List;

/**
 * One output column and where it comes from. A null {@code transform} copies {@code from_table.from_column};
 * otherwise {@code {from}} in the transform stands for that column.
 */
public record ColumnMapping(
        String targetColumn,
        String type,
        String fromTable,
        String fromColumn,
        String transform,
        boolean nullable,
        List<DataTest> tests,
        String description) {
    public ColumnMapping {
        tests = List.copyOf(tests);
    }
}
