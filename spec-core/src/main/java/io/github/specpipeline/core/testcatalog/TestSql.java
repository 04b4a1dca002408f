package io.github.specpipeline.core.testcatalog;

import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import io.github.specpipeline.core.validate.Column;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link TestCase} as one SELECT that returns the failing rows (empty = pass), the form of dbt singular tests,
 * Dataform assertions and the DuckDB test queries.
 */
public final class TestSql {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    /** Where the tested relations are read from. */
    public interface Relations {
        /** The model's table, as it appears after FROM. */
        String model(String model);

        /** A raw table (name without schema), as it appears after FROM. */
        String raw(String table);
    }

    private final ValidatedSpec spec;
    private final Dialect d;
    private final Relations relations;

    public TestSql(ValidatedSpec spec, Dialect dialect, Relations relations) {
        this.spec = spec;
        this.d = dialect;
        this.relations = relations;
    }

    /** The query returning the rows that fail {@code test}. */
    public String failingRows(TestCase test) {
        String table = relations.model(test.model());
        TestCase.Check check = test.check();
        if (check instanceof TestCase.NotNull n) {
            return "SELECT *\nFROM " + table + "\nWHERE " + q(n.column()) + " IS NULL";
        }
        if (check instanceof TestCase.Unique u) {
            return "SELECT " + q(u.column()) + ", COUNT(*) AS n_records\nFROM " + table + "\nWHERE " + q(u.column())
                    + " IS NOT NULL\nGROUP BY " + q(u.column()) + "\nHAVING COUNT(*) > 1";
        }
        if (check instanceof TestCase.AcceptedValues a) {
            return "SELECT *\nFROM " + table + "\nWHERE " + q(a.column()) + " IS NOT NULL\n  AND " + q(a.column())
                    + " NOT IN (" + values(a.values()) + ")";
        }
        if (check instanceof TestCase.Relationships r) {
            String parent = r.to().isQualified() ? relations.raw(r.to().table()) : relations.model(r.to().table());
            return "SELECT child.*\nFROM " + table + " AS child\nWHERE child." + q(r.column()) + " IS NOT NULL\n"
                    + "  AND NOT EXISTS (SELECT 1 FROM " + parent + " AS parent WHERE parent." + q(r.field())
                    + " = child."
                    + q(r.column()) + ")";
        }
        if (check instanceof TestCase.Expression e) {
            return "SELECT *\nFROM " + table + "\nWHERE NOT (" + expression(test.model(), e.sql()) + ")";
        }
        if (check instanceof TestCase.PrimaryKey pk) {
            String cols = columns(pk.columns());
            String anyNull = pk.columns().stream().map(c -> q(c) + " IS NULL").collect(Collectors.joining(" OR "));
            return "SELECT " + cols + ", COUNT(*) AS n_records\nFROM " + table + "\nGROUP BY " + cols
                    + "\nHAVING COUNT(*) > 1 OR " + anyNull;
        }
        if (check instanceof TestCase.GroupKeyUnique g) {
            String cols = columns(g.columns());
            return "SELECT " + cols + ", COUNT(*) AS n_records\nFROM " + table + "\nGROUP BY " + cols
                    + "\nHAVING COUNT(*) > 1";
        }
        if (check instanceof TestCase.Scd2OneCurrent s) {
            String keys = columns(s.naturalKey());
            String current = "COUNT(CASE WHEN " + q(s.currentFlag()) + " THEN 1 END)";
            return "SELECT " + keys + ", " + current + " AS current_versions\nFROM " + table + "\nGROUP BY " + keys
                    + "\nHAVING " + current + " <> 1";
        }
        TestCase.Scd2NoOverlap s = (TestCase.Scd2NoOverlap) check;
        String from = q(s.effectiveAt());
        String to = q(s.expiryAt());
        String flag = q(s.currentFlag());
        String next = q("sp_next_version_at");
        return "SELECT *\nFROM (\n    SELECT versions.*, LEAD(" + from + ") OVER (PARTITION BY "
                + columns(s.naturalKey())
                + " ORDER BY " + from + ") AS " + next + "\n    FROM " + table + " AS versions\n) AS v\n"
                + "WHERE (" + next + " IS NOT NULL AND (" + to + " IS NULL OR " + to + " > " + next + "))\n"
                + "   OR " + from + " IS NULL\n"
                + "   OR " + to + " < " + from + "\n"
                + "   OR " + flag + " IS NULL\n"
                + "   OR " + flag + " <> (" + to + " IS NULL)";
    }

    /** An expression test's predicate over the model's output columns, rendered in the dialect. */
    public String expression(String model, String sql) {
        try {
            return SqlRenderer.render(SqlFragments.parse(sql, null).expression(), d, outputScope(model))
                    .sql();
        } catch (SqlFragmentException e) {
            throw new IllegalStateException("expression test does not parse: " + e.getMessage(), e);
        }
    }

    /** Unqualified columns of the model's output, with their types. */
    public RenderScope outputScope(String model) {
        List<Column> outputs = spec.outputColumns(model);
        return new RenderScope() {
            @Override
            public String column(ColumnRef ref, Dialect dialect) {
                return RenderScope.qualified(ref.qualifier(), ref.column(), dialect);
            }

            @Override
            public String typeOf(ColumnRef ref) {
                // findFirst before map: an output column without a type maps to null, which findFirst cannot hold
                return outputs.stream()
                        .filter(c -> c.name().equalsIgnoreCase(ref.column()))
                        .findFirst()
                        .map(Column::type)
                        .orElse(null);
            }
        };
    }

    /** A comma-separated list of literals. */
    public String values(List<Literal> values) {
        return values.stream().map(this::literal).collect(Collectors.joining(", "));
    }

    /** A spec literal in the dialect: strings quoted, numbers as written (when they are numbers). */
    public String literal(Literal l) {
        return switch (l.kind()) {
            case NULL -> "NULL";
            case BOOLEAN -> l.text().toUpperCase(Locale.ROOT);
            case NUMBER -> NUMBER.matcher(l.text()).matches() ? l.text() : d.string(l.text());
            case STRING -> d.string(l.text());
        };
    }

    private String columns(List<String> columns) {
        return columns.stream().map(this::q).collect(Collectors.joining(", "));
    }

    private String q(String identifier) {
        return d.quote(identifier);
    }
}
