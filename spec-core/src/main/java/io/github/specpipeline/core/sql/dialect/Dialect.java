package io.github.specpipeline.core.sql.dialect;

import java.util.Optional;

/**
 * The SQL dialects generated code is written in. Spec fragments are BigQuery SQL; they are parsed once and
 * rendered for each dialect by {@link SqlRenderer}. Each dialect's decisions (quoting, literals, types,
 * functions) are its {@link #rules()}; the methods here are shortcuts to them.
 */
public enum Dialect {
    /** BigQuery Standard SQL: the spec's own dialect; used by the dbt (BigQuery adapter) and Dataform targets. */
    BIGQUERY("BigQuery"),
    /** DuckDB: the local target, run by the test goal. */
    DUCKDB("DuckDB"),
    /** Spark SQL, inside the expressions of the PySpark target. */
    SPARK("Spark SQL");

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Everything this dialect decides, in its own class. */
    public DialectRules rules() {
        return switch (this) {
            case BIGQUERY -> BigQueryRules.INSTANCE;
            case DUCKDB -> DuckDbRules.INSTANCE;
            case SPARK -> SparkRules.INSTANCE;
        };
    }

    /** Whether an identifier must be quoted: a keyword of this dialect, or not a plain name. */
    public boolean needsQuotes(String identifier) {
        return rules().needsQuotes(identifier);
    }

    /** The identifier, quoted only when it must be. */
    public String quote(String identifier) {
        return rules().quote(identifier);
    }

    /** The identifier, always quoted: {@code `x`} in BigQuery and Spark, {@code "x"} in DuckDB. */
    public String quoteAlways(String identifier) {
        return rules().quoteAlways(identifier);
    }

    /** A string literal holding exactly {@code value}, safe for any content. */
    public String string(String value) {
        return rules().string(value);
    }

    /**
     * A string literal for a value that was written as a raw string ({@code r'...'}) in the spec: BigQuery keeps
     * the raw form when the value allows it (regular expressions stay readable); other dialects escape.
     */
    public String rawString(String value) {
        return rules().rawString(value);
    }

    /**
     * The column type of this dialect for a (valid) BigQuery type, or empty when the dialect has no equivalent.
     */
    public Optional<String> type(String bigQueryType) {
        return rules().type(bigQueryType);
    }
}
