package io.github.specpipeline.core.sql;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.Expression;

/**
 * A spec SQL fragment that parsed as exactly one BigQuery expression, with what the validator and generators
 * need to know about it.
 *
 * @param text               the fragment exactly as written in the spec
 * @param sql                the text to put into generated SQL: {@code {from}} substituted, comments replaced by a
 *                           space (a {@code --} comment would swallow the rest of a generated line), trimmed
 * @param expression         the JSqlParser tree of {@code sql}; treat as read-only (it is not copied)
 * @param columns            distinct columns read, in order of first appearance
 * @param columnPositions    where each column first appears in {@link #text}; a column that came from the
 *                           {@code {from}} substitution is located at that {@code {from}}
 * @param containsAggregate  whether an aggregate function is called outside a window ({@code OVER (...)})
 * @param functions          upper-case names of the functions called ({@code SAFE.SUBSTR} keeps its prefix)
 * @param caseLiteralOutputs when the fragment is a CASE (possibly in parentheses): the distinct string and
 *                           number literals of its THEN and ELSE branches in order, NULL excluded; else empty
 */
public record ParsedFragment(
        String text,
        String sql,
        Expression expression,
        List<ColumnRef> columns,
        Map<ColumnRef, FragmentPosition> columnPositions,
        boolean containsAggregate,
        SortedSet<String> functions,
        List<String> caseLiteralOutputs) {

    public ParsedFragment {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(expression, "expression");
        columns = List.copyOf(columns);
        columnPositions = Map.copyOf(columnPositions);
        functions = Collections.unmodifiableSortedSet(new TreeSet<>(functions));
        caseLiteralOutputs = List.copyOf(caseLiteralOutputs);
    }

    /** Where {@code column} first appears in the original text, if the fragment reads it. */
    public Optional<FragmentPosition> positionOf(ColumnRef column) {
        return Optional.ofNullable(columnPositions.get(column));
    }

    /** Whether the fragment calls {@code function} (case-insensitive). */
    public boolean calls(String function) {
        return functions.contains(SqlLiterals.upper(function));
    }
}
