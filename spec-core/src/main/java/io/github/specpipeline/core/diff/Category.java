package io.github.specpipeline.core.diff;

/** How a change affects whoever reads the model's table. */
public enum Category {
    /** Downstream readers lose or change data: a removed, renamed or narrowed column, a changed value or row set. */
    BREAKING("breaking"),
    /** Additions nobody reads yet, widened types, tests. */
    NON_BREAKING("non-breaking"),
    /** Descriptions, owners, tags: documentation only. */
    METADATA("metadata");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    /** The category as the reports write it. */
    public String id() {
        return id;
    }
}
