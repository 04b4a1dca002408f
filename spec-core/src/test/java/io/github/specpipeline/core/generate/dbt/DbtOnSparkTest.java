package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testrun.DuckDbSession;
import io.github.specpipeline.core.testrun.EngineComparison;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's dbt project generated for dbt-spark runs with {@code dbt build} on a local Spark session
 * ({@code method: session}, {@code local[2]}, UTC) on the example's seeds: every model, data test and unit test
 * passes, and every model holds the rows the {@code test} goal's DuckDB engine builds. The SCD2 snapshot and what
 * depends on it are left out: dbt-spark snapshots need a Delta (or Iceberg, Hudi) table, which a local session of
 * plain pyspark does not have.
 */
class DbtOnSparkTest {
    @TempDir
    Path tmp;

    @Test
    void theExampleBuildsOnDbtSparkWithTheEnginesRows() throws Exception {
        Path example = DbtOnDuckDbTest.EXAMPLE.toAbsolutePath().normalize();
        SpecInput input = new SpecInput(
                example.resolve("src/main/spec/spec.json"), example.resolve("src/main/spec/source_ddl"), example);
        Path seeds = example.resolve("src/test/seeds");
        DbtProject dbt = DbtProject.generate(
                        input, seeds, tmp.resolve("out"), DbtAdapter.SPARK, EnumSet.of(Target.DUCKDB, Target.DBT))
                .withSeeds(seeds);
        DbtProject.Run seed = dbt.dbt("seed");
        assertThat(seed.exit()).as(seed.log()).isZero();
        DbtProject.Run build = dbt.dbt("build", "--exclude", "resource_type:seed", "resource_type:snapshot+");
        System.out.println("dbt build on dbt-spark (example, clean seeds, no snapshot): " + build.millis() + " ms");
        assertThat(build.exit()).as(build.log()).isZero();

        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        List<Model> built = spec.graph().order().stream()
                .filter(m -> !m.constraints().isScd2())
                .toList();
        Map<String, String> results = dbt.results();
        assertThat(results.values()).allMatch(s -> s.equals("success") || s.equals("pass"));
        assertThat(results.keySet().stream().filter(k -> k.startsWith("model.")))
                .hasSize(built.size());
        assertThat(results.keySet().stream().filter(k -> k.startsWith("test."))).hasSize((int)
                TestCatalog.of(spec).tests().stream()
                        .filter(t -> built.stream().anyMatch(m -> m.name().equals(t.model())))
                        .count());
        assertThat(results.keySet().stream().filter(k -> k.startsWith("unit_test.")))
                .hasSize(built.stream().mapToInt(m -> m.unitTests().size()).sum());

        // the models' rows, written by Spark as Parquet (timestamps as UTC instants) and read by DuckDB
        Path rows = tmp.resolve("rows");
        StringBuilder script = new StringBuilder("from pyspark.sql import SparkSession\n"
                + "s = (SparkSession.builder.enableHiveSupport().config('spark.master', 'local[2]')"
                + ".config('spark.ui.enabled', 'false').config('spark.sql.session.timeZone', 'UTC')"
                + ".config('spark.driver.host', '127.0.0.1').config('spark.driver.bindAddress', '127.0.0.1')"
                + ".config('spark.sql.parquet.outputTimestampType', 'TIMESTAMP_MICROS').getOrCreate())\n");
        for (Model m : built) {
            script.append("s.table('")
                    .append(spec.spec().schema().of(m.layer()))
                    .append('.')
                    .append(m.name())
                    .append("').write.parquet('")
                    .append(rows.resolve(m.name()))
                    .append("')\n");
        }
        script.append("s.stop()\n");
        Path py = tmp.resolve("dump.py");
        Files.writeString(py, script, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(TestPython.require().toString(), py.toString())
                .directory(dbt.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("dump.log").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("dump.log"))).isZero();

        try (DuckDbSession session = DuckDbSession.open()) {
            DbtOnDuckDbTest.runEngineScripts(session, tmp.resolve("out/sql/duckdb"), example);
            Map<String, String> differences = new TreeMap<>();
            for (Model m : built) {
                DuckDbSession.Rows engine =
                        session.rows("SELECT * FROM " + spec.spec().schema().of(m.layer()) + "." + m.name());
                String columns =
                        engine.columns().stream().map(DuckDbSession::quote).collect(Collectors.joining(", "));
                EngineComparison.Difference d = EngineComparison.difference(
                        "duckdb engine",
                        engine,
                        "dbt-spark",
                        session.rows("SELECT " + columns + " FROM read_parquet('" + rows.resolve(m.name())
                                + "/*.parquet')"));
                if (!d.same()) {
                    differences.put(m.name(), d.summary() + "\n" + d.details());
                }
            }
            assertThat(differences).isEmpty();
        }
    }
}
