package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.sql.ParsedFragment;

/**
 * Told about every SQL fragment validation parsed successfully, so that a caller that needs what a fragment
 * reads (the review exports' column lineage) does not parse it a second time. Called on the validating thread,
 * in validation order; it must not keep the fragment's expression tree if it wants memory to stay flat.
 */
@FunctionalInterface
public interface FragmentListener {
    /**
     * @param pointer  JSON pointer of the fragment in the spec, e.g. {@code /models/2/column_mapping/4/transform}
     * @param fragment the parsed fragment
     */
    void parsed(String pointer, ParsedFragment fragment);

    /** Ignores everything. */
    FragmentListener NONE = (pointer, fragment) -> {};
}
