package io.github.specpipeline.core.model;

import java.util.List;

/**
 * The {@code incremental} block of an incremental model: how a run after the first picks and merges its rows.
 *
 * @param uniqueKey the merge key; empty means the model's primary key (and, without one, rows are appended)
 * @param updatedAt the watermark: an output column of the model (not an aggregate); a run reads only the rows whose
 *                  value is later than the table's latest value minus {@code lookback}. Null: every run reads every
 *                  source row and merges them all
 * @param lookback  a BigQuery INTERVAL literal ({@code INTERVAL 3 DAY}) the watermark is moved back by, so that
 *                  rows arriving late are read again; null for none
 */
public record Incremental(List<String> uniqueKey, String updatedAt, String lookback) {
    /** No block: the primary key, no watermark. */
    public static final Incremental NONE = new Incremental(List.of(), null, null);

    public Incremental {
        uniqueKey = List.copyOf(uniqueKey);
    }
}
