package io.github.specpipeline.core.sql;

import java.util.Objects;

/**
 * A column a fragment reads, as written: quotes removed, case kept.
 *
 * <p>The split is syntactic: in {@code a.b.c} the qualifier is {@code a.b} and the column {@code c}. JSqlParser
 * cannot tell a table qualifier from a STRUCT column whose field is read ({@code address.city}); resolving that
 * needs the catalog and is the caller's job.
 *
 * @param qualifier the table part ({@code fx_rates} in {@code fx_rates.rate_to_usd}), or null when unqualified
 * @param column    the column name
 */
public record ColumnRef(String qualifier, String column) {

    public ColumnRef {
        Objects.requireNonNull(column, "column");
    }

    /** {@code qualifier.column}, or just the column. */
    public String qualifiedName() {
        return qualifier == null ? column : qualifier + "." + column;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
