package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.generate.GenerateGoldenTest;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dbt project written for the DuckDB and Spark adapters equals its golden copy under
 * {@code generate/golden-dbt/<adapter>/<case>/} (the BigQuery project, the default, is in {@link GenerateGoldenTest}'s
 * golden files). {@code -Dgolden.update=true} rewrites them; review the diff.
 */
class DbtAdapterGoldenTest {
    static final Path GOLDEN = GenerateGoldenTest.ROOT.resolve("golden-dbt");

    /** The dbt project of case {@code name} (a folder of {@code generate/}) for {@code adapter}, as file texts. */
    static Map<String, String> generate(String name, DbtAdapter adapter, Path out) throws IOException {
        Path dir = GenerateGoldenTest.ROOT.resolve(name);
        Path ddl = dir.resolve("source_ddl");
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                                new SpecInput(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir),
                                out,
                                EnumSet.of(Target.DBT),
                                dir.resolve("seeds"))
                        .withDbtAdapter(adapter.id()),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        Map<String, String> files = new TreeMap<>();
        Path root = out.resolve(Target.DBT.folder());
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        root.relativize(p).toString().replace('\\', '/'),
                        Files.readString(p, StandardCharsets.UTF_8).replace(Version.get(), "@VERSION@"));
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "shop-analytics,DUCKDB",
        "shop-analytics,SPARK",
        "hostile,DUCKDB",
        "hostile,SPARK",
        "union,DUCKDB",
        "union,SPARK"
    })
    void theProjectForTheAdapterMatchesTheGoldenFiles(String name, DbtAdapter adapter, @TempDir Path out)
            throws IOException {
        Map<String, String> actual = generate(name, adapter, out);
        Path golden = GOLDEN.resolve(adapter.id()).resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            if (Files.isDirectory(golden)) {
                try (Stream<Path> walk = Files.walk(golden)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, String> e : actual.entrySet()) {
                Path p = golden.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(golden)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                expected.put(
                        golden.relativize(p).toString().replace('\\', '/'),
                        Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
    }

    @Test
    void anUnknownAdapterIsRefusedNamingTheAdapters() {
        assertThatThrownBy(() -> DbtAdapter.parse("snowflake"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown dbt adapter 'snowflake' (specpipeline.dbtAdapter); the adapters are bigquery, duckdb, spark");
        assertThat(DbtAdapter.parse(" DuckDB ")).isEqualTo(DbtAdapter.DUCKDB);
        assertThat(DbtAdapter.parse("")).isEqualTo(DbtAdapter.BIGQUERY);
        assertThat(DbtAdapter.parse(null)).isEqualTo(DbtAdapter.BIGQUERY);
    }
}
