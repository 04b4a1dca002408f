package io.github.specpipeline.core.testrun;

import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.FIRST;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.PAYMENTS_AFTER_SECOND;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.PAYMENTS_QUERY;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.PAYMENT_COLUMNS;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.REVENUE_AFTER_SECOND;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.REVENUE_QUERY;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.SECOND;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.SPEC;
import static io.github.specpipeline.core.testrun.IncrementalRunTwiceTest.THIRD;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.SpecInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-twice check of {@link IncrementalRunTwiceTest} on dbt-duckdb: the {@code generate/incremental} spec's dbt
 * project generated for DuckDB, {@code dbt build} over the first batch of seeds, then again over the second (dbt's
 * {@code is_incremental()} path: the watermark predicate over {@code {{ this }}}, dbt-duckdb's delete+insert by the
 * unique key), then over the third, whose change moves no watermark. The tables must hold the same hand-checked rows
 * as on the other engines, and the third run must leave stg_payments alone, which a rebuild would not. dbt runs as
 * {@link DbtRuns} runs it.
 */
class DbtIncrementalRunTwiceTest {
    @TempDir
    Path tmp;

    private static final List<String> MODELS = List.of("stg_payments", "daily_revenue");

    @Test
    void dbtDuckDbBuildTwiceEqualsTheHandCheckedRows() throws Exception {
        Path dbt = DbtRuns.dbt();
        Path spec = SPEC.toAbsolutePath();
        Path seeds = spec.resolve("seeds");
        Path project = DbtRuns.generate(
                new SpecInput(spec.resolve("spec.json"), spec.resolve("source_ddl"), spec), seeds, tmp.resolve("out"));
        Path projectSeeds = project.resolve("seeds");
        Files.createDirectories(projectSeeds);
        Files.copy(seeds.resolve("accounts.csv"), projectSeeds.resolve("accounts.csv"));
        // the spec's payments seed is the first batch
        assertThat(Files.readString(seeds.resolve("payments.csv"), StandardCharsets.UTF_8))
                .isEqualTo(csv(FIRST));
        Files.copy(
                seeds.resolve("payments.csv"),
                projectSeeds.resolve("payments.csv"),
                StandardCopyOption.REPLACE_EXISTING);

        DbtRuns.build(dbt, project, "incremental spec", MODELS);
        assertThat(DbtRuns.compiled(project, "staging/stg_payments.sql"))
                .as("the first run is not incremental")
                .doesNotContain("IS NULL OR");

        Files.writeString(projectSeeds.resolve("payments.csv"), csv(SECOND), StandardCharsets.UTF_8);
        DbtRuns.build(dbt, project, "incremental spec", MODELS);
        assertThat(DbtRuns.compiled(project, "staging/stg_payments.sql"))
                .as("the second run takes the is_incremental() path")
                .contains("IS NULL OR");
        assertThat(DbtRuns.compiled(project, "final/daily_revenue.sql")).contains("IS NULL OR");
        assertThat(DbtRuns.rows(project, PAYMENTS_QUERY, "staging.stg_payments"))
                .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        assertThat(DbtRuns.rows(project, REVENUE_QUERY, "analytics.daily_revenue"))
                .containsExactlyElementsOf(REVENUE_AFTER_SECOND);

        Files.writeString(projectSeeds.resolve("payments.csv"), csv(THIRD), StandardCharsets.UTF_8);
        DbtRuns.build(dbt, project, "incremental spec", MODELS);
        assertThat(DbtRuns.rows(project, PAYMENTS_QUERY, "staging.stg_payments"))
                .as("a change whose updated_at does not move is outside the batch")
                .containsExactlyElementsOf(PAYMENTS_AFTER_SECOND);
        assertThat(DbtRuns.rows(project, REVENUE_QUERY, "analytics.daily_revenue"))
                .containsExactlyElementsOf(REVENUE_AFTER_SECOND);
    }

    /** The payments seed: the header, then each row, NULL as an empty field. */
    private static String csv(List<String[]> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", PAYMENT_COLUMNS)).append('\n');
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (String v : row) {
                cells.add(v == null ? "" : v);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }
}
