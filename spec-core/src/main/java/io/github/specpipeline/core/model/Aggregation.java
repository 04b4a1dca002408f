package io.github.specpipeline.core.model;

import java.util.List;

/** A metric computed per {@code group_by} key. */
public record Aggregation(String metricColumn, String type, String formula, List<DataTest> tests, String description) {
    public Aggregation {
        tests = List.copyOf(tests);
    }
}
