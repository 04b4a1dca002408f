package io.github.specpipeline.core.sql;

import net.sf.jsqlparser.expression.Expression;

/**
 * Where in SQL's logical order a row filter applies, decided by what its predicate holds: a plain predicate filters
 * rows (WHERE), one with an aggregate filters groups (HAVING), one with a window function filters after the windows
 * are computed (QUALIFY). Validation and the planner both read a filter's stage from here, so they cannot disagree.
 */
public enum FilterStage {
    /** Before grouping and windows: {@code WHERE}. */
    WHERE,
    /** After grouping: {@code HAVING}. */
    HAVING,
    /** After the window functions: {@code QUALIFY} (or a window column and a filter where a dialect has none). */
    QUALIFY;

    /** The stage of a parsed predicate; a window wins over an aggregate (a window may rank aggregates). */
    public static FilterStage of(Expression predicate) {
        if (WindowCalls.contains(predicate)) {
            return QUALIFY;
        }
        return FragmentAnalyzer.analyze(predicate).containsAggregate() ? HAVING : WHERE;
    }

    public static FilterStage of(ParsedFragment predicate) {
        return of(predicate.expression());
    }

    /** The stage of a predicate's text; {@link #WHERE} for text that does not parse (validation reports it). */
    public static FilterStage ofText(String predicate) {
        try {
            return of(SqlFragments.parse(predicate, null));
        } catch (SqlFragmentException e) {
            return WHERE;
        }
    }

    /** The clause that applies a filter of this stage in SQL: {@code WHERE}, {@code HAVING} or {@code QUALIFY}. */
    public String keyword() {
        return name();
    }
}
