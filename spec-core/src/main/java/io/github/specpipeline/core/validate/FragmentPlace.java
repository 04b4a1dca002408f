package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.sql.FilterStage;

/** Where a SQL fragment sits in the SQL generated for its model: it decides the statement GoogleSQL analyzes it in. */
enum FragmentPlace {
    /** A SELECT item: a transform, an aggregation formula, {@code partition_by}; its result type is known. */
    SELECT_ITEM,
    /** The ON condition of a join. */
    JOIN_CONDITION,
    /** A filter predicate: a WHERE condition on the model's sources. */
    FILTER,
    /** A filter predicate with an aggregate: a HAVING condition on the model's groups. */
    HAVING,
    /** A filter predicate with a window function: a QUALIFY condition, after the windows. */
    QUALIFY,
    /** An expression test: a condition on each row of the model's output. */
    ROW_TEST;

    /** The place of a filter predicate at {@code stage}. */
    static FragmentPlace of(FilterStage stage) {
        return switch (stage) {
            case WHERE -> FILTER;
            case HAVING -> HAVING;
            case QUALIFY -> QUALIFY;
        };
    }
}
