package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compareEngines}: the typed comparison itself, then DuckDB against GoogleSQL on the hostile spec (reserved
 * names everywhere) with its seeds, and on random seed data for the example and the hostile spec.
 */
class EngineComparisonTest {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics/src/main/spec");
    static final Path HOSTILE = Path.of("src/test/resources/generate/hostile");
    static final Path HOSTILE_SEEDS = Path.of("src/test/resources/testrun/hostile-seeds");
    static final Instant RUN_AT = Instant.parse("2026-01-01T00:00:00Z");

    /** The random data sets each project is compared on; a failure names its seed. */
    static final long[] SEEDS = {1L, 20261202L, 424242L};

    @TempDir
    Path dir;

    private static DuckDbSession.Rows rows(List<String> columns, List<String> types, Object[]... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(Arrays.asList(r));
        }
        return new DuckDbSession.Rows(columns, types, list);
    }

    @Test
    void valuesCompareByTypeNotByText() {
        assertThat(EngineComparison.valuesEqual(new BigDecimal("49.500000000"), new BigDecimal("49.5")))
                .isTrue();
        assertThat(EngineComparison.valuesEqual(5L, 5)).isTrue();
        assertThat(EngineComparison.valuesEqual(new BigDecimal("5"), 5L)).isTrue();
        assertThat(EngineComparison.valuesEqual(new BigDecimal("49.51"), new BigDecimal("49.5")))
                .isFalse();
        assertThat(EngineComparison.valuesEqual(0.1 + 0.2, 0.3)).isTrue();
        assertThat(EngineComparison.valuesEqual(1.0, 1.0 + 1e-6)).isFalse();
        assertThat(EngineComparison.valuesEqual(Double.NaN, Double.NaN)).isTrue();
        assertThat(EngineComparison.valuesEqual(0.0, 1e-15)).isTrue();
        assertThat(EngineComparison.valuesEqual("a", "a ")).isFalse();
        assertThat(EngineComparison.valuesEqual("", null)).isFalse();
        assertThat(EngineComparison.valuesEqual(
                        OffsetDateTime.of(2024, 2, 29, 23, 0, 0, 0, ZoneOffset.ofHours(-1)),
                        OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isTrue();
        assertThat(EngineComparison.valuesEqual(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1)))
                .isFalse();
    }

    @Test
    void rowsAreAMultisetInAnyOrder() {
        List<String> cols = List.of("id", "amount");
        List<String> types = List.of("BIGINT", "DECIMAL(38,9)");
        EngineComparison.Difference d = EngineComparison.difference(
                "duckdb",
                rows(cols, types, new Object[] {1L, new BigDecimal("49.500000000")}, new Object[] {2L, null}),
                "bigquery",
                rows(cols, List.of("INT64", "NUMERIC"), new Object[] {2, null}, new Object[] {1L, new BigDecimal("49.5")
                }));
        assertThat(d.same()).as(String.valueOf(d.summary())).isTrue();

        EngineComparison.Difference dup = EngineComparison.difference(
                "duckdb",
                rows(cols, types, new Object[] {1L, null}, new Object[] {1L, null}),
                "bigquery",
                rows(cols, types, new Object[] {1L, null}));
        assertThat(dup.same()).isFalse();
        assertThat(dup.summary()).contains("duckdb has 2 rows, bigquery 1 row");
    }

    @Test
    void aDifferenceNamesTheColumnAndShowsRowsOfBothEngines() {
        List<String> cols = List.of("id", "label", "total");
        List<String> types = List.of("BIGINT", "VARCHAR", "DECIMAL(38,9)");
        EngineComparison.Difference d = EngineComparison.difference(
                "duckdb",
                rows(cols, types, new Object[] {1L, "a", new BigDecimal("1.5")}, new Object[] {2L, "b", BigDecimal.ONE
                }),
                "bigquery",
                rows(cols, types, new Object[] {1L, "a", new BigDecimal("1.5")}, new Object[] {2L, "b", BigDecimal.TEN
                }));
        assertThat(d.same()).isFalse();
        assertThat(d.summary()).contains("columns that differ: total").doesNotContain("label");
        assertThat(d.details()).contains("rows only on duckdb").contains("rows only on bigquery");
        assertThat(d.details()).contains("10").contains("| 1 ");
    }

    @Test
    void columnsWithoutACommonValueFormAreNamedNotCompared() {
        EngineComparison.Difference d = EngineComparison.difference(
                "duckdb",
                rows(List.of("id", "tags"), List.of("BIGINT", "VARCHAR"), new Object[] {1L, "[a, b]"}),
                "bigquery",
                rows(List.of("id", "tags"), List.of("INT64", "ARRAY<STRING>"), new Object[] {1L, "[\"a\",\"b\"]"}));
        assertThat(d.same()).isTrue();
        assertThat(d.notCompared()).containsExactly("tags (ARRAY<STRING>)");
    }

    private RecordingLog log;

    private TestTask.Result compare(Path spec, Path ddl, Path seeds) throws Exception {
        log = new RecordingLog();
        return TestTask.run(
                new TestTask.Options(new SpecInput(spec, ddl, dir), seeds, dir.resolve("target"), false)
                        .withRunAt(RUN_AT)
                        .withCompareEngines("duckdb,bigquery"),
                log);
    }

    private TestResults.Suite compareSuite(TestTask.Result r) {
        assertThat(r.results())
                .as(r.summary() + "\n" + String.join("\n", log.lines))
                .isNotNull();
        return r.results().suites().stream()
                .filter(s -> s.name().equals(EngineComparison.SUITE))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Differences found by random data whose fix belongs to the DuckDB rendering (see the report of issue 16), as
     * model.column: each is tolerated here only in that column, so any other difference fails.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "stg_orders.discount_rate",
            "NUMERIC / NUMERIC: DuckDB divides DECIMALs as DOUBLE, GoogleSQL exactly to 9 digits");

    /**
     * A difference is tolerated only where validation tells the user about it: each known one is a warning of the
     * engine-difference codes (SP240 to SP242) on the column's transform or formula.
     */
    @Test
    void everyToleratedDifferenceIsReportedByValidation() {
        List<io.github.specpipeline.core.diag.Diagnostic> found = io.github.specpipeline.core.task.SpecLoader.load(
                        new SpecInput(EXAMPLE.resolve("spec.json"), EXAMPLE.resolve("source_ddl"), dir))
                .diagnostics();
        for (String known : KNOWN_DIFFERENCES.keySet()) {
            String column = known.substring(known.indexOf('.') + 1);
            assertThat(found).as(known).anySatisfy(d -> {
                assertThat(d.code().name()).isIn("SP240", "SP241", "SP242");
                assertThat(d.message()).contains("'" + column + "'");
            });
        }
    }

    private static final java.util.regex.Pattern DIFFERING =
            java.util.regex.Pattern.compile("columns that differ: (.*)$");

    private static void assertSame(TestResults.Suite compare, String context) {
        assertThat(compare.cases()).isNotEmpty();
        List<String> unexpected = new ArrayList<>();
        for (TestResults.Case c : compare.cases()) {
            if (c.status() == TestResults.Status.PASSED || c.status() == TestResults.Status.SKIPPED) {
                continue;
            }
            java.util.regex.Matcher m = c.message() == null ? null : DIFFERING.matcher(c.message());
            List<String> columns = m != null && m.find() ? List.of(m.group(1).split(", ")) : List.of("?");
            if (!columns.stream().allMatch(col -> KNOWN_DIFFERENCES.containsKey(c.model() + "." + col))) {
                unexpected.add(c.name() + ": " + c.message() + "\n" + c.details() + "\n" + c.sql());
            }
        }
        assertThat(unexpected).as(context).isEmpty();
    }

    @Test
    void theHostileSpecBuildsTheSameRowsOnBothEngines() throws Exception {
        TestTask.Result r = compare(HOSTILE.resolve("spec.json"), HOSTILE.resolve("source_ddl"), HOSTILE_SEEDS);
        TestResults.Suite compare = compareSuite(r);
        assertSame(compare, "hostile spec with " + HOSTILE_SEEDS);
        assertThat(compare.cases()).extracting(TestResults.Case::status).containsOnly(TestResults.Status.PASSED);
    }

    static Stream<Arguments> randomData() {
        List<Arguments> out = new ArrayList<>();
        for (long seed : SEEDS) {
            out.add(Arguments.of("example", EXAMPLE.resolve("spec.json"), EXAMPLE.resolve("source_ddl"), seed));
            out.add(Arguments.of("hostile", HOSTILE.resolve("spec.json"), HOSTILE.resolve("source_ddl"), seed));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, seed {3}")
    @MethodSource("randomData")
    void randomSeedDataBuildsTheSameRowsOnBothEngines(String project, Path spec, Path ddl, long seed) throws Exception {
        ValidatedSpec validated =
                SpecLoader.load(new SpecInput(spec, ddl, dir)).spec().orElseThrow();
        Map<String, RawTable> raw = RawTable.resolve(validated, new DuckDbGenerator().plan(validated));
        Path seeds = dir.resolve("seeds");
        RandomSeeds.write(raw, seed, 40, seeds);
        TestTask.Result r = compare(spec, ddl, seeds);
        assertSame(compareSuite(r), project + " with random seed data, seed " + seed + " (RandomSeeds)");
    }
}
