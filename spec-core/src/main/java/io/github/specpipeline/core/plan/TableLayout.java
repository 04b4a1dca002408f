package io.github.specpipeline.core.plan;

import java.util.List;

/**
 * A model's platform configs as plan data: the partitioning and clustering the spec asks for, decided once and
 * rendered per target. What a target cannot express is decided in one place ({@code generate.LayoutSupport}) and
 * reported by validation (SP218), never dropped silently.
 *
 * @param partitionBy   the spec's {@code partition_by} as written (stripped), or null
 * @param partitioning  it read as a column and a granularity, or null when it has another form
 * @param partitionType the declared BigQuery type of the partitioning column among the model's output columns, or
 *                      null when unknown
 * @param clusterBy     the clustering columns, possibly empty
 */
public record TableLayout(String partitionBy, Partitioning partitioning, String partitionType, List<String> clusterBy) {
    public static final TableLayout NONE = new TableLayout(null, null, null, List.of());

    public TableLayout {
        clusterBy = List.copyOf(clusterBy);
    }
}
