package io.github.specpipeline.core.plan;

import java.util.List;

/**
 * The merge of an incremental model (not SCD2, which keeps history instead) as plan data: each run's rows replace
 * the stored rows with the same unique key and the others are inserted; without a key, dbt and Dataform append.
 * dbt renders it as {@code unique_key}, Dataform as {@code uniqueKey}; the DuckDB script and PySpark rebuild the
 * table from the full select, which gives the same rows as long as no source row disappears. A watermark filter
 * (issue 14) belongs here too.
 *
 * @param uniqueKey the merge key: the model's primary key, possibly empty
 */
public record IncrementalPlan(List<String> uniqueKey) {
    public IncrementalPlan {
        uniqueKey = List.copyOf(uniqueKey);
    }
}
