package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The filter stages (issue 14) as Spark SQL: every model of {@code filter-stages} written by {@link SqlQueryWriter}
 * for {@link Dialect#SPARK} equals {@code golden/filter-stages-spark-sql/<model>.sql}. No target writes whole Spark
 * SQL queries yet (PySpark writes DataFrame code, pinned by {@link GenerateGoldenTest}); this pins the text a Spark
 * SQL engine would run. Spark SQL has QUALIFY (seen on pyspark 4.3.0, where these queries were run by hand once).
 */
class SparkSqlQueryGoldenTest {
    static final Path SPEC = GenerateGoldenTest.ROOT.resolve("filter-stages");
    static final Path GOLDEN = GenerateGoldenTest.ROOT.resolve("golden/filter-stages-spark-sql");

    @Test
    void sparkSqlOfEveryModelMatchesItsGoldenFile() throws IOException {
        SpecLoader.Result r =
                SpecLoader.load(new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), SPEC));
        ValidatedSpec spec = r.spec().orElseThrow();
        assertThat(spec.hasErrors()).as("%s", r.diagnostics()).isFalse();
        for (Model m : spec.spec().models()) {
            String sql = SqlQueryWriter.select(
                            ModelPlanner.planOrThrow(spec, m),
                            Dialect.SPARK,
                            s -> (s.model() ? "staging." : "raw.") + s.ref().table())
                    + "\n";
            Path golden = GOLDEN.resolve(m.name() + ".sql");
            if (GenerateGoldenTest.UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, sql, StandardCharsets.UTF_8);
            }
            assertThat(sql).as(m.name()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }
}
