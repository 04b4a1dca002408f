package io.github.specpipeline.core.validate;

/** A column of a relation (raw table or model output); {@code type} is null when unknown. */
public record Column(String name, String type) {}
