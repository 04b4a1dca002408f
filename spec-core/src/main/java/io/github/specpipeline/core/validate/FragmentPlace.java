package io.github.specpipeline.core.validate;

/** Where a SQL fragment sits in the SQL generated for its model: it decides the statement GoogleSQL analyzes it in. */
enum FragmentPlace {
    /** A SELECT item: a transform, an aggregation formula, {@code partition_by}; its result type is known. */
    SELECT_ITEM,
    /** The ON condition of a join. */
    JOIN_CONDITION,
    /** A filter predicate: a WHERE condition on the model's sources. */
    FILTER,
    /** An expression test: a condition on each row of the model's output. */
    ROW_TEST
}
