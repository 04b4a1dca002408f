package io.github.specpipeline.core.model;

/**
 * A row filter. When {@code appliesTo} names a source, the filter applies to that source before any join
 * (so a filter on the right side of a LEFT JOIN keeps unmatched left rows); when it names the model itself
 * or is absent, it applies to the joined rows.
 */
public record Filter(String appliesTo, String predicate, String rationale) {}
