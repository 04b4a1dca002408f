package io.github.specpipeline.core.model;

import java.util.List;
import java.util.Map;

/**
 * A unit test in the style of dbt's: the model alone runs on the given rows of each input, and its output
 * must equal the expected rows (order-insensitive).
 */
public record UnitTest(String name, String description, List<Input> given, List<Map<String, Literal>> expect) {
    public UnitTest {
        given = List.copyOf(given);
        expect = List.copyOf(expect);
    }

    /** Rows for one of the model's sources, as written in {@code sources}. Row maps keep column order. */
    public record Input(String input, List<Map<String, Literal>> rows) {
        public Input {
            rows = List.copyOf(rows);
        }
    }
}
