package io.github.specpipeline.core.plan;

/**
 * One data test as a query that returns the failing rows (empty result = pass), as in dbt and Dataform
 * assertions.
 *
 * @param id          stable, unique, file-name safe: {@code <kind>__<model>__<column>} (column omitted for model tests)
 * @param model       the model under test
 * @param column      the column under test, or null for a model-level test (primary key, SCD2 invariants, grain)
 * @param kind        {@code not_null}, {@code unique}, {@code accepted_values}, {@code relationships},
 *                    {@code expression}, {@code primary_key}, {@code scd2_one_current}, {@code scd2_no_overlap},
 *                    {@code group_key_unique}
 * @param description one line a person reads in a report, e.g. "email is never null"
 * @param pointer     JSON pointer of the test's declaration in the spec (for locating it), or the model's pointer
 * @param sql         a DuckDB SELECT returning the failing rows
 */
public record DataTestQuery(
        String id, String model, String column, String kind, String description, String pointer, String sql) {}
