package io.github.specpipeline.core.fuzz;

/** The four kinds of input the fuzzer mutates; each has its own {@link Mutator}. */
public enum FuzzFamily {
    /** The spec file as text and as a JSON tree: byte flips, tokens, types, nesting, huge strings. */
    JSON,
    /** The SQL fragments inside the spec (transforms, formulas, predicates, test expressions). */
    SQL,
    /** The source DDL files. */
    DDL,
    /** The seed CSV files of the test goal. */
    SEEDS;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
