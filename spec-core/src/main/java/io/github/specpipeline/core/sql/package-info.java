/**
 * The SQL fragments of a spec: {@link io.github.specpipeline.core.sql.SqlFragments#parse} checks that a
 * transform, join condition, filter predicate or aggregation formula is exactly one BigQuery expression and
 * reports the columns it reads, the functions it calls and whether it aggregates. {@link
 * io.github.specpipeline.core.sql.SqlLexer} is the BigQuery lexer shared with the DDL reader.
 */
package io.github.specpipeline.core.sql;
