package io.github.specpipeline.core.diff;

import io.github.specpipeline.core.sql.SqlTypes;

/** A type as the reports show it: normalised (upper case, single spaces). */
final class SqlTypesText {
    private SqlTypesText() {}

    static String show(String type) {
        return SqlTypes.normalise(type);
    }
}
