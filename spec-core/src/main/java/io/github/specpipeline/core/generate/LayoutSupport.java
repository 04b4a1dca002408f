package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.TableLayout;
import java.util.Locale;
import java.util.Set;

/**
 * What each target writes of a model's {@link TableLayout}, decided in one place: the generators render only what
 * this says is expressed, and validation reports what is dropped (SP218) for the selected targets, so nothing is
 * dropped silently.
 */
public final class LayoutSupport {
    private static final String VIEW = "a view is neither partitioned nor clustered";
    private static final String SNAPSHOT = "an SCD2 model is a snapshot and a view there";

    private LayoutSupport() {}

    /** Whether a target writes part of a layout. */
    public sealed interface Support {
        /** Written (or nothing was asked for). */
        record Expressed() implements Support {}

        /** Not written, for this reason (SP218). */
        record Dropped(String reason) implements Support {}

        /**
         * Not written, and nothing lost: the local DuckDB target runs the pipeline to check its data, where a physical
         * layout changes no result and pays for nothing. Stated in diagnostics.md, not reported per model (a warning on
         * every clustered model would teach users to ignore SP218 where it matters).
         */
        record NotApplicable(String reason) implements Support {}

        /** The partition expression has no translation for the target: validation refuses it (SP304). */
        record Refused() implements Support {}
    }

    private static final Support EXPRESSED = new Support.Expressed();

    /** The model's partitioning on {@code target}. */
    public static Support partition(Target target, ModelPlan plan) {
        TableLayout l = plan.layout();
        if (l.partitionBy() == null) {
            return EXPRESSED;
        }
        return switch (target) {
            case DUCKDB -> new Support.NotApplicable("no table partitioning");
            case DATAFORM -> isView(plan) ? new Support.Dropped(VIEW) : EXPRESSED; // Dataform takes the expression
            case DBT -> {
                if (plan.scd2() != null) {
                    yield new Support.Dropped(SNAPSHOT);
                }
                if (isView(plan)) {
                    yield new Support.Dropped(VIEW);
                }
                if (l.partitioning() == null && needsColumnForm(target)) {
                    yield new Support.Refused();
                }
                yield isOneOf(l.partitionType(), "date", "timestamp", "datetime")
                        ? EXPRESSED
                        : new Support.Dropped("partition_by takes a DATE, TIMESTAMP or DATETIME column, and "
                                + l.partitioning().column() + " is "
                                + (l.partitionType() == null ? "of unknown type" : l.partitionType()));
            }
            case PYSPARK -> {
                if (l.partitioning() == null && needsColumnForm(target)) {
                    yield new Support.Refused();
                }
                // Spark partitions by a column's own values: a DATE truncated to the day is the DATE itself, but a
                // month or an hour would need a derived column (writing daily partitions would approximate it)
                String granularity = l.partitioning().granularity();
                yield granularity == null || (granularity.equals("day") && isOneOf(l.partitionType(), "date"))
                        ? EXPRESSED
                        : new Support.Dropped("partitionBy takes a column's own values only");
            }
        };
    }

    /** The model's clustering on {@code target}. */
    public static Support cluster(Target target, ModelPlan plan) {
        if (plan.layout().clusterBy().isEmpty()) {
            return EXPRESSED;
        }
        return switch (target) {
            case DUCKDB -> new Support.NotApplicable("no table clustering");
            case DATAFORM -> isView(plan) ? new Support.Dropped(VIEW) : EXPRESSED;
            case DBT ->
                plan.scd2() != null
                        ? new Support.Dropped(SNAPSHOT)
                        : isView(plan) ? new Support.Dropped(VIEW) : EXPRESSED;
            case PYSPARK -> new Support.Dropped("no clustering without a bucket count");
        };
    }

    /**
     * Whether {@code target} writes partitioning as a column and a granularity ({@link
     * io.github.specpipeline.core.plan.Partitioning}), so that another form of {@code partition_by} has no translation
     * there (SP304) rather than being dropped.
     */
    public static boolean needsColumnForm(Target target) {
        return switch (target) {
            case DUCKDB, DATAFORM -> false;
            case DBT, PYSPARK -> true;
        };
    }

    /** Whether the partitioning is written on {@code target}. */
    public static boolean partitions(Target target, ModelPlan plan) {
        return plan.layout().partitionBy() != null && partition(target, plan) instanceof Support.Expressed;
    }

    /** Whether the clustering is written on {@code target}. */
    public static boolean clusters(Target target, ModelPlan plan) {
        return !plan.layout().clusterBy().isEmpty() && cluster(target, plan) instanceof Support.Expressed;
    }

    private static boolean isView(ModelPlan plan) {
        return plan.model().effectiveMaterialization() == Materialization.VIEW;
    }

    private static boolean isOneOf(String type, String... lowerCase) {
        return type != null && Set.of(lowerCase).contains(type.toLowerCase(Locale.ROOT));
    }
}
