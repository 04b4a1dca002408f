package io.github.specpipeline.core.testrun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The engines the {@code test} goal runs a spec on. */
public enum EngineName {
    /** DuckDB, embedded: the default; runs the DuckDB target's SQL. */
    DUCKDB("duckdb"),
    /** GoogleSQL's reference implementation, in-process: runs the BigQuery SQL that Dataform and dbt wrap. */
    BIGQUERY("bigquery"),
    /** Spark, through pyspark in a Python process: a local session or a Spark Connect server; runs the Spark SQL. */
    SPARK("spark");

    private final String id;

    EngineName(String id) {
        this.id = id;
    }

    /** The name as the user writes it ({@code duckdb}, {@code bigquery}, {@code spark}): in properties, folders, suite names. */
    public String id() {
        return id;
    }

    /**
     * The engine named {@code text} (case and surrounding spaces ignored).
     *
     * @param parameter the parameter's name, for the message
     * @throws IllegalArgumentException naming the values when {@code text} is none of them
     */
    public static EngineName parse(String text, String parameter) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (EngineName e : values()) {
            if (e.id.equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(parameter + " is '" + (text == null ? "" : text) + "'; the engines are "
                + Arrays.stream(values()).map(EngineName::id).collect(Collectors.joining(", ")));
    }

    /**
     * A comma-separated list of engines, each once, in the order written; empty text is no engine.
     *
     * @throws IllegalArgumentException for an unknown name, or a list of one engine (nothing to compare)
     */
    public static List<EngineName> parseList(String text, String parameter) {
        List<EngineName> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            EngineName e = parse(part, parameter);
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException(parameter + " names one engine ('" + text.strip()
                    + "'); it compares two or more: " + DUCKDB.id + "," + BIGQUERY.id + "," + SPARK.id);
        }
        return out;
    }
}
