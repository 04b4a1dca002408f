package io.github.specpipeline.core.diff;

/** One output column of one model: a place a change reaches. */
public record ModelColumn(String model, String column) {}
