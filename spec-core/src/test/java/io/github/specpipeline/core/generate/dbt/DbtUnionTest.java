package io.github.specpipeline.core.generate.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import io.github.specpipeline.core.testrun.DuckDbSession;
import io.github.specpipeline.core.testrun.UnionTest;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code union} spec's dbt project (issue 14): on dbt-duckdb, {@code dbt build} with the union seeds as dbt seeds
 * passes every model, data test and unit test (the unit test gives rows per union member), and each model holds the
 * rows {@link UnionTest#EXPECTED} worked out by hand; on dbt-bigquery the project parses offline with one node per
 * model, test and unit test of the spec.
 */
class DbtUnionTest {
    /** The Python process of the class's dbt commands. */
    @RegisterExtension
    static final DbtSessions DBT = DbtSessions.duckDb();

    static final Path SPEC = UnionTest.SPEC.toAbsolutePath();

    @TempDir
    Path tmp;

    private static SpecInput input() {
        return new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), SPEC);
    }

    @Test
    void dbtBuildOnDuckDbGivesTheHandCheckedRows() throws Exception {
        Path seeds = SPEC.resolve("seeds");
        DbtProject dbt = DbtProject.generate(
                        DBT.session(), input(), seeds, tmp.resolve("out"), DbtAdapter.DUCKDB, EnumSet.of(Target.DBT))
                .withSeeds(seeds);
        DbtProject.Run seed = dbt.dbt("seed");
        assertThat(seed.exit()).as(seed.log()).isZero();
        DbtProject.Run build = dbt.dbt("build", "--exclude", "resource_type:seed");
        assertThat(build.exit()).as(build.log()).isZero();

        ValidatedSpec spec = SpecLoader.load(input()).spec().orElseThrow();
        Map<String, String> results = dbt.results();
        assertThat(results.values()).as(build.log()).allMatch(s -> s.equals("success") || s.equals("pass"));
        assertThat(count(results, "model.")).isEqualTo(3);
        assertThat(count(results, "test."))
                .isEqualTo(TestCatalog.of(spec).tests().size());
        assertThat(results).containsKey("unit_test.spec_pipeline.stg_orders.both_regions_by_name");

        Map<String, List<String>> built = new TreeMap<>();
        try (DuckDbSession session = DuckDbSession.open()) {
            session.execute("ATTACH '" + dbt.dir().resolve("spec_pipeline.duckdb") + "' AS dbt (READ_ONLY)");
            for (Model m : spec.graph().order()) {
                String table = "dbt." + spec.spec().schema().of(m.layer()) + "." + m.name();
                built.put(m.name(), lines(session.rows("SELECT * FROM " + table)));
            }
        }
        assertThat(built).containsOnlyKeys(UnionTest.EXPECTED.keySet());
        for (Map.Entry<String, List<String>> e : UnionTest.EXPECTED.entrySet()) {
            List<String> lines = built.get(e.getKey());
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue().get(0));
            assertThat(lines.subList(1, lines.size()))
                    .as("dbt-duckdb rows of " + e.getKey())
                    .containsExactlyInAnyOrderElementsOf(
                            e.getValue().subList(1, e.getValue().size()));
        }
    }

    @Test
    void theBigQueryProjectParses() throws Exception {
        DbtProject dbt = DbtProject.generate(
                DBT.session(), input(), null, tmp.resolve("out"), DbtAdapter.BIGQUERY, EnumSet.of(Target.DBT));
        DbtProject.Run parse = dbt.dbt("parse");
        assertThat(parse.exit()).as(parse.log()).isZero();
        ValidatedSpec spec = SpecLoader.load(input()).spec().orElseThrow();
        JsonNode manifest = dbt.manifest();
        Map<String, Integer> byType = new TreeMap<>();
        manifest.path("nodes").forEach(n -> byType.merge(n.path("resource_type").asText(), 1, Integer::sum));
        assertThat(byType)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("model", 3, "test", TestCatalog.of(spec).tests().size()));
        assertThat(manifest.path("unit_tests").size()).isEqualTo(1);
        // the union model depends on both members and the joined source
        JsonNode orders = manifest.path("nodes").path("model.spec_pipeline.stg_orders");
        assertThat(orders.path("depends_on").path("nodes").toString())
                .contains("source.spec_pipeline.raw.orders_eu", "source.spec_pipeline.raw.orders_us");
    }

    /**
     * The rows as {@link UnionTest#EXPECTED} writes them: a header, then one line per row, NULL as an empty cell and
     * numbers without trailing zeros (the values here have no commas or quotes to escape).
     */
    private static List<String> lines(DuckDbSession.Rows rows) {
        List<String> out = new ArrayList<>();
        out.add(String.join(",", rows.columns()));
        for (List<Object> r : rows.rows()) {
            List<String> cells = new ArrayList<>();
            for (Object v : r) {
                cells.add(
                        v == null
                                ? ""
                                : v instanceof BigDecimal d
                                        ? d.stripTrailingZeros().toPlainString()
                                        : v.toString());
            }
            out.add(String.join(",", cells));
        }
        return out;
    }

    private static long count(Map<String, String> results, String prefix) {
        return results.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }
}
