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
 * <p>What is shared and what is not: everything but the tree is immutable, and {@link SqlFragments}' parse cache
 * shares it between callers. The JSqlParser tree ({@link #expression}) is mutable (setters, live lists), so it is
 * never shared through the cache: every {@code ParsedFragment} a caller gets is a new object, whose tree is parsed
 * for it from the already checked parser input when it first asks ({@code FragmentCacheTest} holds this). Validation
 * reads only the immutable facts and never pays for a tree.
 *
 * <p>Accessors: {@code text} the fragment exactly as written in the spec; {@code sql} the text to put into generated
 * SQL ({@code {from}} substituted, comments replaced by a space, since a {@code --} comment would swallow the rest of
 * a generated line; trimmed); {@code columns} the distinct columns read, in order of first appearance;
 * {@code columnPositions} where each column first appears in {@code text} (a column that came from the {@code {from}}
 * substitution is located at that {@code {from}}); {@code containsAggregate} whether an aggregate function is called
 * outside a window ({@code OVER (...)}); {@code functions} the upper-case names of the functions called
 * ({@code SAFE.SUBSTR} keeps its prefix); {@code caseLiteralOutputs} when the fragment is a CASE (possibly in
 * parentheses), the distinct string and number literals of its THEN and ELSE branches in order, NULL excluded, else
 * empty.
 */
public final class ParsedFragment {
    private final String text;
    private final String sql;
    private final List<ColumnRef> columns;
    private final Map<ColumnRef, FragmentPosition> columnPositions;
    private final boolean containsAggregate;
    private final SortedSet<String> functions;
    private final List<String> caseLiteralOutputs;

    /** What JSqlParser parsed, and in which mode: enough to parse this caller's own tree again. */
    private final String parserInput;

    private final boolean complexParse;

    /** This object's own tree; null until first asked for. */
    private Expression tree;

    ParsedFragment(
            String text,
            String sql,
            String parserInput,
            boolean complexParse,
            List<ColumnRef> columns,
            Map<ColumnRef, FragmentPosition> columnPositions,
            boolean containsAggregate,
            SortedSet<String> functions,
            List<String> caseLiteralOutputs) {
        this.text = Objects.requireNonNull(text, "text");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.parserInput = Objects.requireNonNull(parserInput, "parserInput");
        this.complexParse = complexParse;
        this.columns = List.copyOf(columns);
        this.columnPositions = Map.copyOf(columnPositions);
        this.containsAggregate = containsAggregate;
        this.functions = Collections.unmodifiableSortedSet(new TreeSet<>(functions));
        this.caseLiteralOutputs = List.copyOf(caseLiteralOutputs);
    }

    /** The same fragment as a new object with a tree of its own: what the cache hands each caller. */
    ParsedFragment copy() {
        return new ParsedFragment(
                text,
                sql,
                parserInput,
                complexParse,
                columns,
                columnPositions,
                containsAggregate,
                functions,
                caseLiteralOutputs);
    }

    /** This fragment with another {@code sql} and columns, and the tree of the same parser input (a template's). */
    ParsedFragment specialised(String sql, List<ColumnRef> columns, Map<ColumnRef, FragmentPosition> positions) {
        return new ParsedFragment(
                text,
                sql,
                parserInput,
                complexParse,
                columns,
                positions,
                containsAggregate,
                functions,
                caseLiteralOutputs);
    }

    public String text() {
        return text;
    }

    public String sql() {
        return sql;
    }

    /**
     * The JSqlParser tree of {@link #sql}, this object's own: parsed when first asked for, the same object on every
     * later call. Changing it changes no other caller's tree.
     */
    public synchronized Expression expression() {
        if (tree == null) {
            tree = SqlFragments.parseChecked(parserInput, complexParse);
        }
        return tree;
    }

    public List<ColumnRef> columns() {
        return columns;
    }

    public Map<ColumnRef, FragmentPosition> columnPositions() {
        return columnPositions;
    }

    public boolean containsAggregate() {
        return containsAggregate;
    }

    public SortedSet<String> functions() {
        return functions;
    }

    public List<String> caseLiteralOutputs() {
        return caseLiteralOutputs;
    }

    /** Where {@code column} first appears in the original text, if the fragment reads it. */
    public Optional<FragmentPosition> positionOf(ColumnRef column) {
        return Optional.ofNullable(columnPositions.get(column));
    }

    /** Whether the fragment calls {@code function} (case-insensitive). */
    public boolean calls(String function) {
        return functions.contains(SqlLiterals.upper(function));
    }

    @Override
    public String toString() {
        return "ParsedFragment[" + sql + "]";
    }
}
