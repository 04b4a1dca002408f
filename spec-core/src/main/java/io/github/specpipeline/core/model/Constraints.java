package io.github.specpipeline.core.model;

import java.util.List;

/**
 * Output constraints and physical layout. The SCD2 fields are set when {@code scdType == 2}.
 *
 * @param primaryKey  output columns that identify a row (a comma-separated string or an array in the spec)
 * @param partitionBy a column or expression, or null
 * @param clusterBy   columns, possibly empty
 */
public record Constraints(
        List<String> primaryKey,
        String partitionBy,
        List<String> clusterBy,
        Integer scdType,
        List<String> naturalKey,
        String effectiveAt,
        String expiryAt,
        String currentFlag) {
    public static final Constraints NONE =
            new Constraints(List.of(), null, List.of(), null, List.of(), null, null, null);

    public Constraints {
        primaryKey = List.copyOf(primaryKey);
        clusterBy = List.copyOf(clusterBy);
        naturalKey = List.copyOf(naturalKey);
    }

    public boolean isScd2() {
        return scdType != null && scdType == 2;
    }
}
