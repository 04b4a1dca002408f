package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.generate.GenerateGoldenTest;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dbt parse}, offline, of the project generated for each adapter (dbt-bigquery with its example profile:
 * a placeholder project, {@code method: oauth}; parsing connects to nothing): the project parses, and the manifest
 * holds one model per spec model, one snapshot per SCD2 model, one test node per test of the spec's catalog (the
 * singular ones by their catalog id) and one unit test per unit test of a model that is not SCD2.
 */
class DbtParseTest {
    @TempDir
    Path tmp;

    /** The Python process of the class's dbt commands. */
    @RegisterExtension
    static final DbtSessions DBT = DbtSessions.duckDb();

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "shop-analytics,BIGQUERY",
        "hostile,BIGQUERY",
        "shop-analytics,DUCKDB",
        "hostile,DUCKDB",
        "shop-analytics,SPARK",
        "hostile,SPARK"
    })
    void theProjectParsesWithEveryTestRecognised(String name, DbtAdapter adapter) throws Exception {
        Path dir = GenerateGoldenTest.ROOT.resolve(name).toAbsolutePath();
        Path ddl = dir.resolve("source_ddl");
        SpecInput input = new SpecInput(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir);
        DbtProject dbt =
                DbtProject.generate(DBT.session(), input, null, tmp.resolve("out"), adapter, EnumSet.of(Target.DBT));
        DbtProject.Run parse = dbt.dbt("parse");
        assertThat(parse.exit()).as(parse.log()).isZero();

        ValidatedSpec spec = SpecLoader.load(input).spec().orElseThrow();
        JsonNode manifest = dbt.manifest();
        Map<String, Integer> byType = new TreeMap<>();
        List<String> tests = new ArrayList<>();
        manifest.path("nodes").forEach(n -> {
            byType.merge(n.path("resource_type").asText(), 1, Integer::sum);
            if (n.path("resource_type").asText().equals("test")) {
                tests.add(n.path("name").asText());
            }
        });
        List<TestCase> catalog = TestCatalog.of(spec).tests();
        long scd2 = spec.spec().models().stream()
                .filter(m -> m.constraints().isScd2())
                .count();
        Map<String, Integer> expected = new TreeMap<>();
        // on dbt-spark an SCD2 model's history is an append-only model, not a snapshot (which would need Delta)
        boolean spark = adapter == DbtAdapter.SPARK;
        expected.put("model", spec.spec().models().size() + (spark ? (int) scd2 : 0));
        if (scd2 > 0 && !spark) {
            expected.put("snapshot", (int) scd2);
        }
        expected.put("test", catalog.size());
        assertThat(byType).isEqualTo(expected);
        // the singular tests are named by their catalog id
        catalog.stream()
                .filter(t -> !List.of("not_null", "unique", "accepted_values", "relationships")
                        .contains(t.kind()))
                .forEach(t -> assertThat(tests).contains(t.id()));
        int units = spec.spec().models().stream()
                .filter(m -> !m.constraints().isScd2())
                .mapToInt((Model m) -> m.unitTests().size())
                .sum();
        assertThat(manifest.path("unit_tests").size()).isEqualTo(units);
    }
}
