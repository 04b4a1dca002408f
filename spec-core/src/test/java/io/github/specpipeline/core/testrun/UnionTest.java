package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.generate.pyspark.PySparkGenerator;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A union of sources (issue 14), executed: the {@code union} spec's models built on DuckDB, GoogleSQL's reference
 * engine and Spark from the same seeds. Each engine's rows equal rows worked out by hand from the seeds, the unit test
 * (rows given per union member) passes, and {@code compareEngines} finds no difference.
 */
public class UnionTest {
    public static final Path SPEC = Path.of("src/test/resources/generate/union");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The seeds' rows as each model must hold them, in any order. Worked out by hand: raw.orders_us has its columns in
     * another order (customer_id first) and its amount as INT64, so a union by position would put customer ids in
     * order_id; order 4 (-1) and order 102 (0) fail the union's filter; order 2's amount, order 3's customer, order
     * 101's currency are NULL; customer 12 has no customer row (country NULL). Refund 3 has no order.
     */
    public static final Map<String, List<String>> EXPECTED = Map.of(
            "stg_orders",
            List.of(
                    "order_id,customer_id,amount,currency,source_region,country",
                    "1,10,20.5,EUR,raw.orders_eu,DE",
                    "2,11,,EUR,raw.orders_eu,FR",
                    "3,,5.25,EUR,raw.orders_eu,",
                    "100,10,30,USD,raw.orders_us,DE",
                    "101,12,7,,raw.orders_us,"),
            "stg_refunds",
            List.of("refund_id,order_id,amount", "1,1,5", "2,100,10", "3,,1.5"),
            "fact_orders_by_region",
            List.of("source_region,orders,total_amount", "raw.orders_eu,3,25.75", "raw.orders_us,2,37"));

    @TempDir
    Path dir;

    /** Spark started once for the test JVM, not per engine ({@link SharedSpark}). */
    @BeforeAll
    static void shareSpark() {
        SharedSpark.use();
    }

    private TestTask.Options options() {
        return new TestTask.Options(
                        new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), dir),
                        SPEC.resolve("seeds"),
                        dir.resolve("target"),
                        false)
                .withRunAt(RUN_AT)
                .withWriteRows(true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "bigquery", "spark"})
    void rowsEqualTheHandCheckedRowsAndTheUnitTestPasses(String engine) throws Exception {
        TestTask.Options options = options().withEngine(engine);
        if (engine.equals("spark")) {
            options = options.withSpark(TestPython.require().toString(), null);
        }
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options, log);
        assertThat(r.failed())
                .as(r.summary() + "\n" + notPassed(r) + "\n" + log.lines)
                .isFalse();
        assertThat(r.results().count(TestResults.Status.PASSED))
                .as(notPassed(r))
                .isEqualTo(r.results().total());
        assertThat(r.results().total()).isGreaterThanOrEqualTo(9);
        String unitTests = Files.readString(
                dir.resolve("target/test-reports/TEST-staging.stg_orders.xml"), StandardCharsets.UTF_8);
        assertThat(unitTests).contains("both_regions_by_name").doesNotContain("<failure");
        for (Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
            Path csv = dir.resolve("target/rows/" + engine + "/" + e.getKey() + ".csv");
            List<String> lines =
                    Arrays.asList(Files.readString(csv, StandardCharsets.UTF_8).split("\n"));
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue().get(0));
            assertThat(lines.subList(1, lines.size()))
                    .as(engine + " rows of " + e.getKey())
                    .containsExactlyInAnyOrderElementsOf(
                            e.getValue().subList(1, e.getValue().size()));
        }
    }

    @Test
    void duckDbGoogleSqlAndSparkAgree() throws Exception {
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(
                options()
                        .withCompareEngines("duckdb,bigquery,spark")
                        .withSpark(TestPython.require().toString(), null),
                log);
        assertThat(r.failed())
                .as(r.summary() + "\n" + notPassed(r) + "\n" + log.lines)
                .isFalse();
        List<TestResults.Suite> compare = r.results().suites().stream()
                .filter(s -> s.name().startsWith(EngineComparison.SUITE))
                .toList();
        assertThat(compare)
                .extracting(TestResults.Suite::name)
                .containsExactly("compare-engines.duckdb-bigquery", "compare-engines.duckdb-spark");
        // one comparison per model, each passed
        compare.forEach(s -> assertThat(s.cases()).hasSize(3).allMatch(c -> c.status() == TestResults.Status.PASSED));
    }

    /**
     * No seeds ({@code -Dspecpipeline.seeds=none}): synthetic rows fill every union member, each model has rows, the
     * union's rows come from both members, and every data test passes (the union's {@code unique} order id too, which
     * needs the members' ids apart).
     */
    @Test
    void syntheticRowsFillEveryMemberAndPassTheTests() throws Exception {
        TestTask.Options options = new TestTask.Options(
                        new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), dir),
                        dir.resolve("no-seeds"),
                        dir.resolve("target"),
                        false,
                        25)
                .withRunAt(RUN_AT)
                .withWriteRows(true)
                .withEngine("duckdb");
        RecordingLog log = new RecordingLog();
        TestTask.Result r = TestTask.run(options, log);
        assertThat(r.failed())
                .as(r.summary() + "\n" + notPassed(r) + "\n" + log.lines)
                .isFalse();
        assertThat(r.results().count(TestResults.Status.PASSED))
                .as(notPassed(r))
                .isEqualTo(r.results().total());
        for (String model : EXPECTED.keySet()) {
            List<String> lines = Arrays.asList(
                    Files.readString(dir.resolve("target/rows/duckdb/" + model + ".csv"), StandardCharsets.UTF_8)
                            .split("\n"));
            assertThat(lines).as(model).hasSizeGreaterThan(1);
        }
        List<String> regions = Arrays.asList(
                Files.readString(dir.resolve("target/rows/duckdb/fact_orders_by_region.csv"), StandardCharsets.UTF_8)
                        .split("\n"));
        assertThat(regions.subList(1, regions.size()))
                .extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("raw.orders_eu", "raw.orders_us");
    }

    /**
     * The generated PySpark ({@code pyspark/run_all.py} as generated, the folder imported) on a local Spark session
     * with the union seeds saved as the raw tables: every model's saved table holds the hand-checked rows.
     */
    @Test
    void generatedPySparkBuildsTheHandCheckedRows() throws Exception {
        Path python = TestPython.require();
        ValidatedSpec spec = SpecLoader.load(new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), dir))
                .spec()
                .orElseThrow();
        Map<String, RawTable> raw = RawTable.resolve(spec, new DuckDbGenerator().plan(spec));
        Map<String, GoogleSqlEngine.RawRows> rows = new LinkedHashMap<>();
        try (DuckDbSession session = DuckDbSession.open()) {
            SeedLoader.Result loaded = SeedLoader.read(SPEC.resolve("seeds"), raw, Path::toString, session);
            assertThat(loaded.problems()).isEmpty();
            rows.putAll(GoogleSqlEngine.RawRows.of(loaded));
        }
        assertThat(rows).containsOnlyKeys("orders_eu", "orders_us", "customers", "refunds_eu", "refunds_us");
        Path pyspark = dir.resolve("pyspark");
        for (GeneratedFile f : new PySparkGenerator().files(spec)) {
            Path file = pyspark.resolve(f.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.content(), StandardCharsets.UTF_8);
        }
        SparkEngine spark = SparkEngine.start(
                spec, raw, rows, RUN_AT, new SparkConnection(python.toString(), null, null), Duration.ZERO);
        Map<String, List<String>> built = new TreeMap<>();
        try {
            spark.saveRawTables();
            spark.runGenerated(pyspark);
            for (Model m : spec.graph().order()) {
                String table = Dialect.SPARK.quoteAlways(spec.spec().schema().of(m.layer())) + "."
                        + Dialect.SPARK.quoteAlways(m.name());
                built.put(
                        m.name(),
                        Arrays.asList(ModelRowsCsv.csv(spark.rows("SELECT * FROM " + table))
                                .split("\n")));
            }
        } finally {
            spark.close();
        }
        assertThat(built).containsOnlyKeys(EXPECTED.keySet());
        for (Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
            List<String> lines = built.get(e.getKey());
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue().get(0));
            assertThat(lines.subList(1, lines.size()))
                    .as("generated PySpark rows of " + e.getKey())
                    .containsExactlyInAnyOrderElementsOf(
                            e.getValue().subList(1, e.getValue().size()));
        }
    }

    private static String notPassed(TestTask.Result r) {
        if (r.results() == null) {
            return "";
        }
        TreeMap<String, String> out = new TreeMap<>();
        r.results()
                .suites()
                .forEach(s -> s.cases().stream()
                        .filter(c -> c.status() != TestResults.Status.PASSED)
                        .forEach(c ->
                                out.put(s.name() + " " + c.name(), c.message() + "\n" + c.details() + "\n" + c.sql())));
        return out.toString();
    }
}
