package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.report.Block;
import io.github.specpipeline.core.report.ReportLayout;
import io.github.specpipeline.core.report.ReportPage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTaskTest {
    static final Path MINI = Path.of("src/test/resources/report/mini");

    static ReportTask.Result run(Path spec, Path pipelineOut, Path site, Set<Target> targets) throws IOException {
        SpecInput input = new SpecInput(spec, MINI.resolve("source_ddl"), Path.of("src/test/resources/report"));
        List<String> log = new ArrayList<>();
        return ReportTask.run(new ReportTask.Options(input, pipelineOut, site, targets, null), new RecordingLog(log));
    }

    @Test
    void writesMermaidFromTheWebJarItsLicenceTheStartUpScriptAndTheStyleSheet(@TempDir Path dir) throws IOException {
        ReportTask.Result result =
                run(MINI.resolve("spec.json"), dir.resolve("out"), dir.resolve("site"), EnumSet.allOf(Target.class));
        Path mermaid = dir.resolve("site").resolve(ReportLayout.MERMAID_SCRIPT);
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/mermaid/11.14.0/dist/mermaid.min.js")) {
            assertThat(Files.readAllBytes(mermaid)).isEqualTo(in.readAllBytes());
        }
        assertThat(dir.resolve("site/spec-pipeline/assets/mermaid-LICENSE.txt"))
                .content()
                .contains("MIT");
        assertThat(dir.resolve("site").resolve(ReportLayout.INIT_SCRIPT))
                .content()
                .isEqualTo("mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' });\n");
        assertThat(dir.resolve("site").resolve(ReportLayout.STYLESHEET))
                .content()
                .contains(".spec-pipeline-report");
        // the assets, the workbook, the 7 CSV files of the whole spec and one per model
        assertThat(result.files()).hasSize(4 + 1 + 7 + 2);
        assertThat(result.summary()).isEqualTo("spec report: 4 pages for 2 models of mini/spec.json, no test results");
    }

    @Test
    void theReviewWorkbookAndCsvFilesAreWrittenIntoTheSiteAndListed(@TempDir Path dir) throws IOException {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("spec-pipeline/review/csv"));
        Files.writeString(site.resolve("spec-pipeline/review/csv/model_removed.csv"), "a\n");
        ReportTask.Result result =
                run(MINI.resolve("spec.json"), dir.resolve("out"), site, EnumSet.allOf(Target.class));
        assertThat(site.resolve("spec-pipeline/review/spec-review.xlsx")).isNotEmptyFile();
        assertThat(site.resolve("spec-pipeline/review/csv/model_stg_accounts.csv"))
                .content()
                .contains("account_id");
        assertThat(site.resolve("spec-pipeline/review/csv/model_removed.csv")).doesNotExist();
        String overview = result.pages().get(0).body().toString();
        assertThat(overview)
                .contains(
                        "spec-pipeline/review/spec-review.xlsx",
                        "spec-pipeline/review/csv/00_overview.csv",
                        "spec-pipeline/review/csv/model_fact_payments.csv");
        // the workbook carries the given time, so the same spec and time give the same bytes
        Path again = dir.resolve("again");
        run(MINI.resolve("spec.json"), dir.resolve("out"), again, EnumSet.allOf(Target.class));
        assertThat(Files.readAllBytes(again.resolve("spec-pipeline/review/spec-review.xlsx")))
                .isEqualTo(Files.readAllBytes(site.resolve("spec-pipeline/review/spec-review.xlsx")));
    }

    @Test
    void modelPagesShowTheCodeOfEveryTargetGeneratedInMemory(@TempDir Path dir) throws IOException {
        ReportTask.Result result =
                run(MINI.resolve("spec.json"), dir.resolve("out"), dir.resolve("site"), EnumSet.allOf(Target.class));
        List<Block.Section> code = codeSections(result.pages().get(1));
        assertThat(code).extracting(Block.Section::title).containsExactly("duckdb", "dataform", "dbt", "pyspark");
        String all = code.toString();
        assertThat(all)
                .contains(
                        "sql/duckdb/stg_accounts.sql",
                        "dataform/definitions/staging/stg_accounts.sqlx",
                        "dbt/models/staging/stg_accounts.sql",
                        "pyspark/stg_accounts.py");
        assertThat(all).doesNotContain("tests/", "assertions/");
        // nothing is written to the plugin's output directory: the code is generated in memory
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void onlyTheConfiguredTargetsAreShown(@TempDir Path dir) throws IOException {
        ReportTask.Result result =
                run(MINI.resolve("spec.json"), dir.resolve("out"), dir.resolve("site"), EnumSet.of(Target.DBT));
        assertThat(codeSections(result.pages().get(2)))
                .extracting(Block.Section::title)
                .containsExactly("dbt");
    }

    @Test
    void aSpecWithErrorsHasNoGeneratedCodeAndSaysWhy(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(
                spec,
                Files.readString(MINI.resolve("spec.json"), StandardCharsets.UTF_8)
                        .replace("\"SUM(payments.amount)\"", "\"SUM(payments.nope)\""),
                StandardCharsets.UTF_8);
        ReportTask.Result result = run(spec, dir.resolve("out"), dir.resolve("site"), EnumSet.allOf(Target.class));
        assertThat(result.load().hasErrors()).isTrue();
        assertThat(codeSections(result.pages().get(1))).isEmpty();
        assertThat(result.pages().get(0).body().toString())
                .contains("code is generated only from a spec without errors");
    }

    @Test
    void theSameSpecGivesTheSamePagesAndFiles(@TempDir Path dir) throws IOException {
        ReportTask.Result a =
                run(MINI.resolve("spec.json"), dir.resolve("out"), dir.resolve("a"), EnumSet.allOf(Target.class));
        ReportTask.Result b =
                run(MINI.resolve("spec.json"), dir.resolve("out"), dir.resolve("b"), EnumSet.allOf(Target.class));
        assertThat(a.pages()).isEqualTo(b.pages());
        for (String f : List.of(ReportLayout.MERMAID_SCRIPT, ReportLayout.INIT_SCRIPT, ReportLayout.STYLESHEET)) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
    }

    @Test
    void testResultsAreReadFromTheOutputDirectory(@TempDir Path dir) throws IOException {
        Path reports = Files.createDirectories(dir.resolve("out/test-reports"));
        for (String f : List.of("TEST-staging.stg_accounts.xml", "TEST-mart.fact_payments.xml")) {
            Files.copy(Path.of("src/test/resources/report/test-reports").resolve(f), reports.resolve(f));
        }
        Files.writeString(reports.resolve("TEST-broken.xml"), "<testsuite", StandardCharsets.UTF_8);
        List<String> log = new ArrayList<>();
        SpecInput input = new SpecInput(MINI.resolve("spec.json"), MINI.resolve("source_ddl"), dir);
        ReportTask.Result result = ReportTask.run(
                new ReportTask.Options(
                        input, dir.resolve("out"), dir.resolve("site"), EnumSet.allOf(Target.class), null),
                new RecordingLog(log));
        assertThat(result.tests().total()).isEqualTo(6);
        assertThat(result.summary()).endsWith(", 6 test results");
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN test report out/test-reports/TEST-broken.xml: not a readable"));
    }

    private static List<Block.Section> codeSections(ReportPage page) {
        for (Block b : page.body()) {
            if (b instanceof Block.Section s && s.id().equals("generated-code")) {
                return s.body().stream()
                        .filter(x -> x instanceof Block.Section)
                        .map(x -> (Block.Section) x)
                        .toList();
            }
        }
        throw new AssertionError("no generated-code section on " + page.path());
    }
}
