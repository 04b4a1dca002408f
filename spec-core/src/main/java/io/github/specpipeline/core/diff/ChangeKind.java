package io.github.specpipeline.core.diff;

/**
 * What changed. A closed set: a change is to a whole model ({@link OfModel}) or to one of its output columns
 * ({@link OfColumn}); each kind has one category, so the classification is stated once, here.
 */
public sealed interface ChangeKind {
    /** The kind as the reports write it: {@code column_removed}. */
    String id();

    Category category();

    /** Whether the change alters which rows a model has (so every column of every model downstream). */
    boolean changesRows();

    /** Changes to a whole model. */
    enum OfModel implements ChangeKind {
        MODEL_ADDED(Category.NON_BREAKING, false),
        MODEL_REMOVED(Category.BREAKING, true),
        /** The model's table moves to the other layer's dataset: readers of the old table lose it. */
        LAYER_CHANGED(Category.BREAKING, false),
        MATERIALIZATION_CHANGED(Category.NON_BREAKING, false),
        SOURCES_CHANGED(Category.BREAKING, true),
        JOIN_CHANGED(Category.BREAKING, true),
        FILTER_CHANGED(Category.BREAKING, true),
        GROUPING_CHANGED(Category.BREAKING, true),
        /** The SCD2 settings: which history rows exist. */
        HISTORY_CHANGED(Category.BREAKING, true),
        /** The primary key only decides the tests that run. */
        PRIMARY_KEY_CHANGED(Category.NON_BREAKING, false),
        /** Partitioning and clustering change how the table is stored, not its data. */
        LAYOUT_CHANGED(Category.NON_BREAKING, false),
        UNIT_TEST_ADDED(Category.NON_BREAKING, false),
        UNIT_TEST_REMOVED(Category.NON_BREAKING, false),
        UNIT_TEST_CHANGED(Category.NON_BREAKING, false),
        DESCRIPTION_CHANGED(Category.METADATA, false),
        OWNER_CHANGED(Category.METADATA, false),
        TAGS_CHANGED(Category.METADATA, false),
        /** A filter's rationale: documentation of the filter, not the filter. */
        FILTER_RATIONALE_CHANGED(Category.METADATA, false);

        private final Category category;
        private final boolean changesRows;

        OfModel(Category category, boolean changesRows) {
            this.category = category;
            this.changesRows = changesRows;
        }

        @Override
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Category category() {
            return category;
        }

        @Override
        public boolean changesRows() {
            return changesRows;
        }
    }

    /** Changes to one output column. */
    enum OfColumn implements ChangeKind {
        COLUMN_ADDED(Category.NON_BREAKING),
        COLUMN_REMOVED(Category.BREAKING),
        /** A removed column and an added one read from the same source column with the same transform. */
        COLUMN_RENAMED(Category.BREAKING),
        /** By BigQuery's coercions: INT64 to NUMERIC, BIGNUMERIC or FLOAT64; NUMERIC to BIGNUMERIC or FLOAT64. */
        TYPE_WIDENED(Category.NON_BREAKING),
        /** Any other type change: values can be lost, rounded or fail. */
        TYPE_NARROWED(Category.BREAKING),
        /** The transform, formula or source column: the values change. */
        TRANSFORM_CHANGED(Category.BREAKING),
        /** Only the implied not-null test follows it; the values are computed the same way. */
        NULLABLE_CHANGED(Category.NON_BREAKING),
        TEST_ADDED(Category.NON_BREAKING),
        /** Fewer checks, the same data. */
        TEST_REMOVED(Category.NON_BREAKING),
        DESCRIPTION_CHANGED(Category.METADATA);

        private final Category category;

        OfColumn(Category category) {
            this.category = category;
        }

        @Override
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Category category() {
            return category;
        }

        @Override
        public boolean changesRows() {
            return false;
        }
    }
}
