/**
 * Source DDL: {@link io.github.specpipeline.core.ddl.SourceDdlReader#read} reads a directory of BigQuery
 * {@code CREATE TABLE} files into a {@link io.github.specpipeline.core.ddl.SourceCatalog}, returning problems
 * with file, line and column instead of throwing.
 */
package io.github.specpipeline.core.ddl;
