package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.sql.IntervalLiteral;
import io.github.specpipeline.core.sql.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The statement semantics of an incremental model (not SCD2, which keeps history instead), written once and
 * rendered by every target:
 *
 * <ol>
 *   <li><b>batch</b>: the model's select, restricted to the rows whose watermark column is later than the stored
 *       table's latest value of it minus the lookback: {@code <expr> > (SELECT MAX(updated_at) FROM this) -
 *       lookback}, placed in the WHERE clause of the joined rows (before any grouping: validation accepts only a
 *       watermark that is a plain column, a group key in a grouped model, so whole groups are kept or dropped).
 *       While the stored table is empty (MAX is NULL) every row is in the batch, so the same statement is also
 *       the first run. Without a watermark the batch is every row;
 *   <li><b>merge</b>: by the unique key, a batch row replaces the stored row with the same key (update matched)
 *       and the others are inserted; without a key, the batch is appended.
 * </ol>
 *
 * Rendered as: dbt {@code {% if is_incremental() %}} around the predicate on {@code {{ this }}} and
 * {@code unique_key}, Dataform {@code ${when(incremental(), ...)}} on {@code ${self()}} and {@code uniqueKey},
 * DuckDB and BigQuery a {@code MERGE} script ({@link #merge}), PySpark the batch's keys anti-joined out of the
 * stored table and the batch unioned in (a merge that needs no Delta). Running it after the sources changed gives a
 * full rebuild's rows as long as every changed row's watermark moved past the stored maximum minus the lookback and
 * no source row disappeared (a delete is never seen), and rows whose watermark is NULL are only read by the first
 * run.
 *
 * @param uniqueKey the merge key: the block's unique_key, else the model's primary key; possibly empty
 * @param watermark the watermark, or null when every run reads every row
 */
public record IncrementalPlan(List<String> uniqueKey, Watermark watermark) {
    public IncrementalPlan {
        uniqueKey = List.copyOf(uniqueKey);
    }

    /** A plan with a merge key and no watermark. */
    public IncrementalPlan(List<String> uniqueKey) {
        this(uniqueKey, null);
    }

    /**
     * The watermark.
     *
     * @param column   the model's output column, as stored in the table
     * @param type     its BigQuery type, or null when unknown
     * @param lookback how far back from the stored maximum a run reads again, or null
     */
    public record Watermark(String column, String type, IntervalLiteral lookback) {
        /**
         * {@code value} moved back by the lookback. DuckDB and Spark subtract the INTERVAL; BigQuery calls the
         * function of the column's type ({@code TIMESTAMP_SUB}, {@code DATETIME_SUB}, {@code DATE_SUB}), which
         * keeps the type (a DATE stays a DATE) and which GoogleSQL's reference engine runs too (it refuses
         * {@code TIMESTAMP - INTERVAL} without the INTERVAL type feature).
         */
        String back(Dialect d, String value) {
            if (lookback == null) {
                return value;
            }
            if (d != Dialect.BIGQUERY) {
                return value + " - " + lookback.sql();
            }
            String t = type == null ? "TIMESTAMP" : type.strip().toUpperCase(Locale.ROOT);
            String function = t.equals("DATE") ? "DATE_SUB" : t.equals("DATETIME") ? "DATETIME_SUB" : "TIMESTAMP_SUB";
            return function + "(" + value + ", " + lookback.sql() + ")";
        }
    }

    /**
     * The batch predicate in {@code dialect}: {@code input} is the column's expression over the joined source rows
     * (as the select computes it), {@code self} the stored table as the dialect names it.
     */
    public String predicate(Dialect dialect, String input, String self) {
        String max = "MAX(" + dialect.quote(watermark.column()) + ")";
        return "((SELECT " + max + " FROM " + self + ") IS NULL OR " + input + " > (SELECT "
                + watermark.back(dialect, max) + " FROM " + self + "))";
    }

    /**
     * The merge of a batch into {@code target}, for DuckDB and BigQuery (both take this MERGE): without a key, an
     * INSERT of the batch.
     *
     * @param columns the model's columns in table order
     * @param batch   the batch select
     */
    public String merge(Dialect d, String target, List<String> columns, String batch) {
        String cols = columns.stream().map(d::quote).collect(Collectors.joining(", "));
        String source = batch.indent(4).stripTrailing();
        if (uniqueKey.isEmpty()) {
            return "INSERT INTO " + target + " (" + cols + ")\n" + batch.stripTrailing();
        }
        List<String> set = matchedSet(d, columns);
        StringBuilder sb = new StringBuilder("MERGE INTO ")
                .append(target)
                .append(" AS target_rows\nUSING (\n")
                .append(source)
                .append("\n) AS batch_rows\nON ")
                .append(String.join("\n    AND ", keyMatch(d)))
                .append('\n');
        if (!set.isEmpty()) {
            sb.append("WHEN MATCHED THEN UPDATE SET\n    ")
                    .append(String.join(",\n    ", set))
                    .append('\n');
        }
        sb.append("WHEN NOT MATCHED THEN INSERT (")
                .append(cols)
                .append(")\n    VALUES (")
                .append(batchColumns(d, columns))
                .append(')');
        return sb.toString();
    }

    /**
     * {@link #merge} as DML statements an engine without MERGE runs, over the batch already stored as the table
     * {@code batchTable}: the WHEN MATCHED clause as an {@code UPDATE ... FROM} the batch (left out when every
     * column is a key column, as the MERGE leaves the clause out), then the WHEN NOT MATCHED clause as an
     * {@code INSERT} of the batch rows whose key no stored row has; without a key, the one INSERT of the batch.
     * For GoogleSQL's reference evaluator, which runs INSERT, UPDATE and DELETE but not MERGE. The SET list, the
     * key match and the inserted columns are the MERGE's own.
     *
     * <p>The batch must be stored before the first statement because it reads the target (the watermark's
     * maximum): the MERGE reads its source once, before either clause changes the table, and an UPDATE that moved
     * the maximum would shrink a batch the INSERT read again. An UPDATE row joined to two batch rows is an error
     * on GoogleSQL as in BigQuery's MERGE.
     */
    public List<String> mergeAsUpdateAndInsert(Dialect d, String target, List<String> columns, String batchTable) {
        String cols = columns.stream().map(d::quote).collect(Collectors.joining(", "));
        String select = "SELECT " + batchColumns(d, columns) + "\nFROM " + batchTable + " AS batch_rows";
        if (uniqueKey.isEmpty()) {
            return List.of("INSERT INTO " + target + " (" + cols + ")\n" + select);
        }
        List<String> statements = new ArrayList<>();
        List<String> set = matchedSet(d, columns);
        String match = String.join("\n    AND ", keyMatch(d));
        if (!set.isEmpty()) {
            statements.add("UPDATE " + target + " AS target_rows\nSET\n    " + String.join(",\n    ", set) + "\nFROM "
                    + batchTable + " AS batch_rows\nWHERE " + match);
        }
        statements.add("INSERT INTO " + target + " (" + cols + ")\n" + select
                + "\nWHERE NOT EXISTS (\n    SELECT 1 FROM " + target + " AS target_rows\n    WHERE " + match + "\n)");
        return List.copyOf(statements);
    }

    /** The MERGE's ON condition, one equality per key column. */
    private List<String> keyMatch(Dialect d) {
        List<String> on = new ArrayList<>();
        for (String k : uniqueKey) {
            on.add("target_rows." + d.quote(k) + " = batch_rows." + d.quote(k));
        }
        return on;
    }

    /** The WHEN MATCHED clause's assignments: every column but the key's. */
    private List<String> matchedSet(Dialect d, List<String> columns) {
        List<String> set = new ArrayList<>();
        for (String c : columns) {
            if (uniqueKey.stream().noneMatch(k -> k.equalsIgnoreCase(c))) {
                set.add(d.quote(c) + " = batch_rows." + d.quote(c));
            }
        }
        return set;
    }

    private static String batchColumns(Dialect d, List<String> columns) {
        return columns.stream().map(c -> "batch_rows." + d.quote(c)).collect(Collectors.joining(", "));
    }

    /**
     * The table after the merge, as a query over the stored table and the batch: the stored rows whose key is not
     * in the batch, then the batch (with no key, every stored row, then the batch). What {@link #merge} leaves, as one
     * query: the shape the PySpark merge has, and on GoogleSQL a second derivation of the merge's rows beside
     * {@link #mergeAsUpdateAndInsert} (its evaluator runs no MERGE).
     */
    public String mergedRows(Dialect d, String target, List<String> columns, String batch) {
        String cols = columns.stream().map(c -> "target_rows." + d.quote(c)).collect(Collectors.joining(", "));
        StringBuilder sb = new StringBuilder("WITH batch_rows AS (\n")
                .append(batch.indent(4).stripTrailing())
                .append("\n)\nSELECT ")
                .append(cols)
                .append("\nFROM ")
                .append(target)
                .append(" AS target_rows\n");
        if (!uniqueKey.isEmpty()) {
            List<String> on = new ArrayList<>();
            for (String k : uniqueKey) {
                on.add("batch_rows." + d.quote(k) + " = target_rows." + d.quote(k));
            }
            sb.append("WHERE NOT EXISTS (SELECT 1 FROM batch_rows WHERE ")
                    .append(String.join(" AND ", on))
                    .append(")\n");
        }
        return sb.append("UNION ALL\nSELECT ")
                .append(columns.stream().map(c -> "batch_rows." + d.quote(c)).collect(Collectors.joining(", ")))
                .append("\nFROM batch_rows")
                .toString();
    }
}
