package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.sql.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * SCD type 2 as data, decided once by the planner and rendered by every target (a DuckDB script, a Dataform
 * incremental table with a post-operation, a dbt snapshot, a PySpark merge). The model's select gives the rows as
 * of now; each run keeps history around it:
 *
 * <ol>
 *   <li>a source row starts a new version, valid from the run time, unless a current version is the same row:
 *       {@link #change} holds, NULL-safe, on every select column (the natural key and every tracked column, so a
 *       value that becomes NULL or stops being NULL is a change);
 *   <li>a current version is closed by a newer version (a later {@link #effectiveAt}) of the same entity:
 *       {@link #close} holds, NULL-safe, on the natural key; it ends when the earliest newer version starts.
 * </ol>
 *
 * Source rows that disappear keep their current version (as dbt snapshots do by default).
 *
 * @param columns     the select columns in output order: what a version holds besides its validity columns
 * @param naturalKey  identifies an entity across versions
 * @param tracked     every select column but the natural key, in output order: a change in any starts a version
 * @param effectiveAt the added column: when a version starts
 * @param expiryAt    the added column: when it ends (NULL for the current version)
 * @param currentFlag the added column: TRUE for the current version
 * @param change      the change predicate's columns: a current version and a source row are the same row
 * @param close       the close predicate's columns: a newer version is of the same entity
 * @param runAt       where a run's timestamp comes from
 */
public record Scd2Plan(
        List<String> columns,
        List<String> naturalKey,
        List<String> tracked,
        String effectiveAt,
        String expiryAt,
        String currentFlag,
        NullSafeMatch change,
        NullSafeMatch close,
        RunAt runAt) {

    public Scd2Plan {
        columns = List.copyOf(columns);
        naturalKey = List.copyOf(naturalKey);
        tracked = List.copyOf(tracked);
    }

    /**
     * The plan of an SCD2 model whose select produces {@code columns}: the tracked columns are all but the natural
     * key (compared ignoring case, as column names are).
     */
    static Scd2Plan of(
            List<String> columns, List<String> naturalKey, String effectiveAt, String expiryAt, String currentFlag) {
        List<String> tracked = new ArrayList<>();
        for (String c : columns) {
            if (naturalKey.stream().noneMatch(k -> k.equalsIgnoreCase(c))) {
                tracked.add(c);
            }
        }
        return new Scd2Plan(
                columns,
                naturalKey,
                tracked,
                effectiveAt,
                expiryAt,
                currentFlag,
                new NullSafeMatch(columns),
                new NullSafeMatch(naturalKey),
                RunAt.SESSION_VARIABLE_OR_NOW);
    }

    /** Two rows agree on {@code columns}, a NULL equal to a NULL (SQL's {@code IS NOT DISTINCT FROM}). */
    public record NullSafeMatch(List<String> columns) {
        public NullSafeMatch {
            columns = List.copyOf(columns);
        }

        /** One condition per column, {@code left.c} against {@code right.c}, to be joined with AND. */
        public List<String> conditions(Dialect dialect, String left, String right) {
            List<String> out = new ArrayList<>();
            for (String c : columns) {
                String l = left + "." + dialect.quote(c);
                String r = right + "." + dialect.quote(c);
                out.add(
                        switch (dialect) {
                            case BIGQUERY, DUCKDB -> l + " IS NOT DISTINCT FROM " + r;
                            case SPARK -> l + " <=> " + r;
                        });
            }
            return out;
        }
    }

    /** Where the run timestamp of an SCD2 model comes from. */
    public enum RunAt {
        /**
         * The session variable {@link #VARIABLE} when the engine has session variables and it is set (the
         * {@code test} goal sets it to {@code project.build.outputTimestamp} for reproducible runs), else the
         * engine's current timestamp.
         */
        SESSION_VARIABLE_OR_NOW;

        /** The session variable that, when set, is the run timestamp. */
        public static final String VARIABLE = "specpipeline_run_at";
    }
}
