package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.sql.BigQuerySyntax;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;

/**
 * A model's {@code partition_by} read as a column and a granularity, the form platform configs take (dbt's
 * {@code partition_by: {field, granularity}}, Spark's {@code partitionBy(column)}): a column, {@code DATE(col)},
 * or {@code DATE_TRUNC / TIMESTAMP_TRUNC / DATETIME_TRUNC(col, DAY|MONTH|YEAR|HOUR)}.
 *
 * @param column      the partitioning column
 * @param granularity {@code day}, {@code month}, {@code year}, {@code hour}, or null for the column's own values
 * @param expression  the expression as written in the spec (for Dataform, which takes it as it is)
 */
public record Partitioning(String column, String granularity, String expression) {
    private static final Set<String> GRANULARITIES = Set.of("HOUR", "DAY", "MONTH", "YEAR");

    /** The partitioning, or empty when the expression has another form. */
    public static Optional<Partitioning> of(String partitionBy) {
        if (partitionBy == null) {
            return Optional.empty();
        }
        Expression e;
        try {
            e = SqlFragments.parse(partitionBy, null).expression();
        } catch (SqlFragmentException ex) {
            return Optional.empty();
        }
        if (e instanceof Column c && bare(c)) {
            return Optional.of(new Partitioning(BigQuerySyntax.unquote(c.getColumnName()), null, partitionBy.strip()));
        }
        if (e instanceof Function f && f.getParameters() != null) {
            String name = String.valueOf(f.getName()).toUpperCase(Locale.ROOT);
            List<Expression> args = List.copyOf(f.getParameters());
            if (name.equals("DATE") && args.size() == 1 && args.get(0) instanceof Column c && bare(c)) {
                return Optional.of(
                        new Partitioning(BigQuerySyntax.unquote(c.getColumnName()), "day", partitionBy.strip()));
            }
            if (Set.of("DATE_TRUNC", "TIMESTAMP_TRUNC", "DATETIME_TRUNC").contains(name)
                    && args.size() == 2
                    && args.get(0) instanceof Column c
                    && bare(c)
                    && args.get(1) instanceof Column part
                    && bare(part)
                    && GRANULARITIES.contains(part.getColumnName().toUpperCase(Locale.ROOT))) {
                return Optional.of(new Partitioning(
                        BigQuerySyntax.unquote(c.getColumnName()),
                        part.getColumnName().toLowerCase(Locale.ROOT),
                        partitionBy.strip()));
            }
        }
        return Optional.empty();
    }

    private static boolean bare(Column c) {
        return c.getTable() == null || c.getTable().getNameParts().isEmpty();
    }
}
