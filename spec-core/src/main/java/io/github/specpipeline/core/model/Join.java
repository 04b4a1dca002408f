package io.github.specpipeline.core.model;

/** A join between two of a model's sources, applied in spec order. */
public record Join(String leftTable, String rightTable, JoinType type, String condition) {}
