package io.github.specpipeline.core.model;

import java.util.List;

/** A data test declared on a column or metric. The set of kinds is closed: generators switch over it. */
public sealed interface DataTest {
    /** The test's name as users write it. */
    String kind();

    /** The column must never be null. */
    record NotNull() implements DataTest {
        public String kind() {
            return "not_null";
        }
    }

    /** No two rows share the column's value (nulls excepted). */
    record Unique() implements DataTest {
        public String kind() {
            return "unique";
        }
    }

    /**
     * Every non-null value is one of {@code values}. {@code fromTransform} marks the {@code accepted_values(...)}
     * form, whose values are the literal outputs of the column's CASE transform.
     */
    record AcceptedValues(List<Literal> values, boolean fromTransform) implements DataTest {
        public AcceptedValues {
            values = List.copyOf(values);
        }

        public String kind() {
            return "accepted_values";
        }
    }

    /** Every non-null value exists in {@code field} of {@code to} (a model name or {@code raw.table}). */
    record Relationships(String to, String field) implements DataTest {
        public String kind() {
            return "relationships";
        }
    }

    /** A boolean SQL expression over the model's output columns that must hold for every row. */
    record Expression(String sql) implements DataTest {
        public String kind() {
            return "expression";
        }
    }
}
