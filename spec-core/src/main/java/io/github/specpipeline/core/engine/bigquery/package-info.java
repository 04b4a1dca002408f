/**
 * GoogleSQL, BigQuery's own SQL front end and reference implementation (the ZetaSQL Java API and its JNI engine),
 * inside spec-core: {@link io.github.specpipeline.core.engine.bigquery.BigQueryEngine} analyzes BigQuery SQL
 * against a {@link io.github.specpipeline.core.engine.bigquery.BigQueryCatalog} built from the source DDL and runs
 * queries over in-memory rows with BigQuery's semantics (default time zone UTC, as BigQuery). Values cross the
 * boundary as BigQuery's text form ({@link io.github.specpipeline.core.engine.bigquery.BigQueryValues}), because
 * ZetaSQL's own {@code Value.toString()} is not implemented in the Java build.
 */
package io.github.specpipeline.core.engine.bigquery;
