package io.github.specpipeline.core.generate.dbt;

import io.github.specpipeline.core.sql.dialect.Dialect;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dbt adapter a generated dbt project is written for ({@code specpipeline.dbtAdapter}): it picks the SQL dialect
 * of the models and tests, the adapter-specific configs (incremental strategy, snapshot file format, partitioning,
 * clustering, contract types, quoting) and the {@code profiles.yml} example.
 */
public enum DbtAdapter {
    /** dbt-bigquery: the spec's own dialect; partitioning, clustering and merges as BigQuery has them. */
    BIGQUERY("bigquery", Dialect.BIGQUERY),
    /** dbt-duckdb: a local database file; no table layout; incremental models by delete+insert. */
    DUCKDB("duckdb", Dialect.DUCKDB),
    /**
     * dbt-spark: Spark SQL; partitioning by a column's values; an SCD2 model keeps its history in an append-only
     * incremental model instead of a snapshot, which would need a Delta table.
     */
    SPARK("spark", Dialect.SPARK);

    /** The adapter when none is named. */
    public static final DbtAdapter DEFAULT = BIGQUERY;

    private final String id;
    private final Dialect dialect;

    DbtAdapter(String id, Dialect dialect) {
        this.id = id;
        this.dialect = dialect;
    }

    /** The name users write in {@code specpipeline.dbtAdapter}, and dbt's {@code type} in the profile. */
    public String id() {
        return id;
    }

    /** The dialect the project's SQL is written in. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The adapter named {@code id} (any case); blank or null is the {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the adapters when {@code id} is none of them
     */
    public static DbtAdapter parse(String id) {
        if (id == null || id.isBlank()) {
            return DEFAULT;
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (DbtAdapter a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown dbt adapter '" + id.strip() + "' (specpipeline.dbtAdapter); the adapters are "
                        + Arrays.stream(values()).map(DbtAdapter::id).collect(Collectors.joining(", ")));
    }
}
