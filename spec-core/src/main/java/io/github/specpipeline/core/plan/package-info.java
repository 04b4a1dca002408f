/**
 * The contract between code generation and local test execution: what the DuckDB target produces for the
 * {@code test} goal to run (the statements that build each model, in dependency order, and the data tests as
 * queries that return failing rows). Generation implements {@link io.github.specpipeline.core.plan.DuckDbPlanner};
 * the test runner only executes what it is given, so the semantics live in one place.
 */
package io.github.specpipeline.core.plan;
