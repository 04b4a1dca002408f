package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.generate.dataform.DataformGenerator;
import io.github.specpipeline.core.generate.dbt.DbtAdapter;
import io.github.specpipeline.core.generate.dbt.DbtGenerator;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.generate.duckdb.SeedFiles;
import io.github.specpipeline.core.generate.pyspark.PySparkGenerator;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.List;

/** Generates one target's files from a spec without errors. */
public interface TargetGenerator {
    /** The files, paths relative to the target's folder, in a stable order. */
    List<GeneratedFile> files(ValidatedSpec spec);

    static TargetGenerator of(Target target) {
        return of(target, SeedFiles.NONE);
    }

    /** The generator of {@code target}; {@code seeds} are the seed files DuckDB's {@code load_seeds.sql} loads. */
    static TargetGenerator of(Target target, SeedFiles seeds) {
        return of(target, seeds, DbtAdapter.DEFAULT);
    }

    /** As {@link #of(Target, SeedFiles)}, with the dbt project written for {@code dbtAdapter}. */
    static TargetGenerator of(Target target, SeedFiles seeds, DbtAdapter dbtAdapter) {
        return switch (target) {
            case DUCKDB -> new DuckDbGenerator(seeds)::files;
            case DBT -> new DbtGenerator(dbtAdapter)::files;
            case DATAFORM -> new DataformGenerator()::files;
            case PYSPARK -> new PySparkGenerator()::files;
        };
    }
}
