package io.github.specpipeline.core.testcatalog;

import io.github.specpipeline.core.model.Literal;
import io.github.specpipeline.core.model.SourceRef;
import java.util.List;

/**
 * One data test of a model, derived from the spec: declared on a column, implied by it ({@code nullable:
 * false}, a primary key, a grain) or by an SCD2 model. Every target emits the same list: dbt tests, Dataform
 * assertions, DuckDB queries.
 *
 * @param id          stable, unique ignoring case, file-name safe: {@code <kind>__<model>__<column>}, a {@code _2}
 *                    (or the lowest free) suffix for a second test of the same kind on the same column ({@link TestIds})
 * @param model       the model under test
 * @param column      the column under test, or null for a model-level test
 * @param description one line a person reads in a report
 * @param pointer     JSON pointer of what declared or implied the test
 * @param check       what is checked
 */
public record TestCase(String id, String model, String column, String description, String pointer, Check check) {

    /**
     * Whether the spec lists the test in a column's or metric's {@code tests}; otherwise it is implied
     * ({@code nullable: false}, a primary key, the grain, SCD2 history). Declared tests are located at their entry.
     */
    public boolean declared() {
        return pointer.matches(".*/tests/\\d+");
    }

    /** The test kind as in reports: {@code not_null}, {@code unique}, ..., {@code scd2_no_overlap}. */
    public String kind() {
        return check.kind();
    }

    /** What a test checks. Every check returns the rows (or keys) that break it; none means it passes. */
    public sealed interface Check {
        String kind();
    }

    /** The column is never NULL. */
    public record NotNull(String column) implements Check {
        public String kind() {
            return "not_null";
        }
    }

    /** No two rows share a non-NULL value of the column. */
    public record Unique(String column) implements Check {
        public String kind() {
            return "unique";
        }
    }

    /** Every non-NULL value is one of {@code values}. */
    public record AcceptedValues(String column, List<Literal> values) implements Check {
        public AcceptedValues {
            values = List.copyOf(values);
        }

        public String kind() {
            return "accepted_values";
        }
    }

    /** Every non-NULL value exists in {@code field} of {@code to} (a model, or a raw table when qualified). */
    public record Relationships(String column, SourceRef to, String field) implements Check {
        public String kind() {
            return "relationships";
        }
    }

    /**
     * A boolean BigQuery expression over the model's output columns that holds for every row. As in dbt's
     * {@code expression_is_true} and Dataform's {@code rowConditions}, a row fails when the expression is FALSE;
     * NULL does not fail.
     */
    public record Expression(String sql) implements Check {
        public String kind() {
            return "expression";
        }
    }

    /** The primary key columns are not NULL and identify a row. */
    public record PrimaryKey(List<String> columns) implements Check {
        public PrimaryKey {
            columns = List.copyOf(columns);
        }

        public String kind() {
            return "primary_key";
        }
    }

    /** An aggregate model has one row per group key (never a fan-out). */
    public record GroupKeyUnique(List<String> columns) implements Check {
        public GroupKeyUnique {
            columns = List.copyOf(columns);
        }

        public String kind() {
            return "group_key_unique";
        }
    }

    /** Each natural key has exactly one current version. */
    public record Scd2OneCurrent(List<String> naturalKey, String currentFlag) implements Check {
        public Scd2OneCurrent {
            naturalKey = List.copyOf(naturalKey);
        }

        public String kind() {
            return "scd2_one_current";
        }
    }

    /**
     * The versions of a natural key do not overlap: each ends (not after) where the next starts, only the last is
     * open, no version ends before it starts, and the current flag is set exactly on the open one.
     */
    public record Scd2NoOverlap(List<String> naturalKey, String effectiveAt, String expiryAt, String currentFlag)
            implements Check {
        public Scd2NoOverlap {
            naturalKey = List.copyOf(naturalKey);
        }

        public String kind() {
            return "scd2_no_overlap";
        }
    }
}
