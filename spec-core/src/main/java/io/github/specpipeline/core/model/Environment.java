package io.github.specpipeline.core.model;

import java.util.Optional;

/**
 * One entry of the spec's {@code environments} block: the schema names a build for that environment writes to.
 *
 * <p>Only the schemas the pipeline writes (staging and final) change. The raw schema holds the loaded source data
 * every environment reads, and the source DDL names it, so an environment never renames it.
 *
 * @param name         the environment's name ({@code specpipeline.environment})
 * @param schemaSuffix appended to the staging and final schema names; empty for none
 * @param staging      the staging schema name, replacing the suffixed one; null when not given
 * @param finalSchema  the final schema name, replacing the suffixed one; null when not given
 */
public record Environment(String name, String schemaSuffix, String staging, String finalSchema) {
    public Environment {
        schemaSuffix = schemaSuffix == null ? "" : schemaSuffix;
    }

    /** The spec's schema names as this environment writes them. */
    public SchemaNames apply(SchemaNames base) {
        return new SchemaNames(
                base.raw(),
                Optional.ofNullable(staging).orElse(base.staging() + schemaSuffix),
                Optional.ofNullable(finalSchema).orElse(base.finalSchema() + schemaSuffix));
    }
}
