package io.github.specpipeline.core.engine.bigquery;

/**
 * What a DML statement run by {@link BigQueryEngine#modify} changed.
 *
 * @param table    the changed table, as it is registered
 * @param inserted the rows inserted
 * @param updated  the rows updated
 */
public record DmlResult(String table, int inserted, int updated) {}
