package io.github.specpipeline.maven;

import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SelectOptions;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the pipeline code the spec describes, for each target ({@code specpipeline.targets}, default all):
 * DuckDB SQL ({@code sql/duckdb/}), a Dataform project ({@code dataform/}), a dbt project ({@code dbt/}) and PySpark
 * modules ({@code pyspark/}) under the output directory. The spec is validated first; with errors nothing is
 * generated. Generated files of a target folder that the spec no longer produces are removed. Runs without a
 * project too.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, requiresProject = false, threadSafe = true)
public class GenerateMojo extends AbstractSpecMojo {
    /**
     * The seed CSV files ({@code <table>.csv}) that {@code sql/duckdb/load_seeds.sql} loads: the {@code test} goal's
     * seeds folder, named relative to the project directory in the generated SQL.
     */
    @Parameter(property = "specpipeline.seeds", defaultValue = "${basedir}/src/test/seeds")
    private File seeds;

    /**
     * The models to work on, in dbt's selection grammar: {@code name}, {@code name+} (and its downstream models),
     * {@code +name} (and its upstream models), {@code +name+}, {@code tag:finance}, {@code changed} and
     * {@code changed+} (models that differ from {@code specpipeline.base}); terms separated by commas or spaces are
     * a union. Empty: every model.
     */
    @Parameter(property = "specpipeline.select")
    private String select;

    /** The earlier spec file that {@code changed} in {@code specpipeline.select} compares with. */
    @Parameter(property = "specpipeline.base")
    private String base;

    /**
     * The dbt adapter the dbt project is written for: {@code bigquery} (the default), {@code duckdb} or {@code spark}.
     * It picks the SQL dialect of the models and tests, the adapter's configs and the {@code profiles.yml} example.
     */
    @Parameter(property = "specpipeline.dbtAdapter", defaultValue = "bigquery")
    private String dbtAdapter;

    @Override
    protected void run() throws IOException, MojoFailureException {
        GenerateTask.Options options;
        try {
            options = new GenerateTask.Options(
                            specInput(),
                            outputPath(),
                            seeds == null ? null : seeds.toPath(),
                            new SelectOptions(select, base))
                    .withDbtAdapter(dbtAdapter);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("spec-pipeline: " + e.getMessage());
        }
        GenerateTask.Result result = GenerateTask.run(options, specLog());
        if (result.failed()) {
            throw new MojoFailureException(result.summary());
        }
        getLog().info(result.summary());
    }
}
