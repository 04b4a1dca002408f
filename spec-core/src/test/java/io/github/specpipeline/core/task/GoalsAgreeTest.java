package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.log.SpecLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals of one build agree: each writes the validation reports of the spec it read (no report left from an
 * earlier run says a broken spec is fine), and each checks the spec for the same targets.
 */
class GoalsAgreeTest {
    static final Path MINI = Path.of("src/test/resources/testing/mini");

    /** A copy of the mini project: spec, DDL, no seeds (the tests get synthetic rows). */
    static Path project(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("source_ddl"));
        Files.copy(MINI.resolve("spec.json"), dir.resolve("spec.json"));
        for (String f : List.of("customers.sql", "orders.sql")) {
            Files.copy(
                    MINI.resolve("source_ddl").resolve(f),
                    dir.resolve("source_ddl").resolve(f));
        }
        return dir;
    }

    static SpecInput input(Path dir) {
        return new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir);
    }

    static void edit(Path dir, String from, String to) throws IOException {
        Path spec = dir.resolve("spec.json");
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(spec, text.replace(from, to), StandardCharsets.UTF_8);
    }

    static JsonNode report(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("validation/report.json").toFile());
    }

    /** A typo the validator reports: SP210, unknown test. */
    static void breakSpec(Path dir) throws IOException {
        edit(dir, "\"tests\": [\"not_null\", \"unique\"]", "\"tests\": [\"not_nul\", \"unique\"]");
    }

    @Test
    void generateOnABrokenSpecRewritesTheReportsOfTheLastGoodRun(@TempDir Path dir) throws IOException {
        project(dir);
        Path out = dir.resolve("target/spec-pipeline");
        ValidateTask.Result clean = ValidateTask.run(new ValidateTask.Options(input(dir), out, false), SpecLog.NONE);
        assertThat(clean.failed()).isFalse();
        assertThat(report(out).at("/summary/errors").asInt()).isZero();

        breakSpec(dir);
        // generate runs first in a Maven build (generate-sources) and fails the build before validate runs
        GenerateTask.Result generate =
                GenerateTask.run(new GenerateTask.Options(input(dir), out, EnumSet.allOf(Target.class)), SpecLog.NONE);
        assertThat(generate.failed()).isTrue();
        assertThat(generate.summary()).endsWith("; see target/spec-pipeline/validation/report.json");
        JsonNode report = report(out);
        assertThat(report.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(report.at("/diagnostics/0/code").asText()).isEqualTo("SP210");
        assertThat(Files.readString(out.resolve("validation/report.sarif"))).contains("\"ruleId\" : \"SP210\"");
    }

    @Test
    void testAndExportOnABrokenSpecRewriteTheReportsToo(@TempDir Path dir) throws IOException {
        project(dir);
        Path out = dir.resolve("target/spec-pipeline");
        ValidateTask.run(new ValidateTask.Options(input(dir), out, false), SpecLog.NONE);
        breakSpec(dir);

        TestTask.Result test = test(input(dir), out, SpecLog.NONE);
        assertThat(test.failed()).isTrue();
        assertThat(test.summary()).contains("see target/spec-pipeline/validation/report.json");
        assertThat(report(out).at("/summary/errors").asInt()).isEqualTo(1);

        Files.delete(out.resolve("validation/report.json"));
        ExportTask.Result export = ExportTask.run(
                new ExportTask.Options(input(dir), out, Set.of(ExportFormat.CSV), false, null), SpecLog.NONE);
        assertThat(export.failed()).isFalse(); // a spec with errors is still exported, with its findings
        assertThat(report(out).at("/summary/errors").asInt()).isEqualTo(1);
    }

    /**
     * The mini project with BigQuery's FARM_FINGERPRINT in a transform: fine for dbt and Dataform (BigQuery SQL), no
     * DuckDB or Spark translation. Returns its input, checked for {@code targets}.
     */
    static SpecInput withFarmFingerprint(Path dir, Set<Target> targets) throws IOException {
        project(dir);
        edit(
                dir,
                "\"transform\": \"LOWER(TRIM({from}))\"",
                "\"transform\": \"CAST(FARM_FINGERPRINT(LOWER(TRIM({from}))) AS STRING)\"");
        return input(dir).withTargets(targets);
    }

    static TestTask.Result test(SpecInput input, Path out, SpecLog log) throws IOException {
        return TestTask.run(
                new TestTask.Options(input, input.baseDirectory().resolve("seeds"), out, false),
                new DuckDbGenerator(),
                log);
    }

    @Test
    void everyGoalChecksTheTargetsOfTheInput(@TempDir Path dir) throws IOException {
        SpecInput input = withFarmFingerprint(dir, EnumSet.of(Target.DBT, Target.DATAFORM));
        Path out = dir.resolve("target/spec-pipeline");

        ValidateTask.Result validate = ValidateTask.run(new ValidateTask.Options(input, out, false), SpecLog.NONE);
        assertThat(validate.failed()).as(validate.summary()).isFalse();
        String validateReport = Files.readString(out.resolve("validation/report.json"));

        ExportTask.Result export =
                ExportTask.run(new ExportTask.Options(input, out, Set.of(ExportFormat.CSV), false, null), SpecLog.NONE);
        assertThat(export.summary()).contains("validation: 0 errors");
        assertThat(export.load().orElseThrow().diagnostics())
                .isEqualTo(validate.load().diagnostics());
        assertThat(Files.readString(out.resolve("validation/report.json"))).isEqualTo(validateReport);

        GenerateTask.Result generate = GenerateTask.run(new GenerateTask.Options(input, out), SpecLog.NONE);
        assertThat(generate.failed()).as(generate.summary()).isFalse();
        assertThat(generate.files()).containsOnlyKeys(Target.DBT, Target.DATAFORM);
        assertThat(Files.readString(out.resolve("validation/report.json"))).isEqualTo(validateReport);

        // the test goal runs DuckDB SQL whatever the targets: it says so, and what to do, instead of "run validate"
        RecordingLog log = new RecordingLog();
        TestTask.Result test = test(input, out, log);
        assertThat(test.failed()).isTrue();
        assertThat(test.summary())
                .startsWith(
                        "the test goal runs the spec as DuckDB SQL, and the spec does not translate to it: 1 problem in"
                                + " spec.json (logged above); no test ran.")
                .contains("-DskipTests")
                .contains("with duckdb in specpipeline.targets")
                .doesNotContain("run the validate goal");
        assertThat(log.lines)
                .contains("ERROR The test goal runs the models on embedded DuckDB, but the spec does not translate"
                        + " to DuckDB SQL (specpipeline.targets is dataform, dbt, so validation did not check it):");
        assertThat(log.lines)
                .anyMatch(
                        l -> l.startsWith("ERROR spec.json:")
                                && l.contains("error[SP304]")
                                && l.contains(
                                        "FARM_FINGERPRINT has no DuckDB translation: there is no FarmHash Fingerprint64 function"));
        // and the reports stay those of the configured targets
        assertThat(Files.readString(out.resolve("validation/report.json"))).isEqualTo(validateReport);
    }

    @Test
    void withDuckDbInTheTargetsTheTestGoalReportsTheSpecErrorsLikeEveryGoal(@TempDir Path dir) throws IOException {
        SpecInput input = withFarmFingerprint(dir, EnumSet.of(Target.DUCKDB, Target.DBT));
        Path out = dir.resolve("target/spec-pipeline");
        ValidateTask.Result validate = ValidateTask.run(new ValidateTask.Options(input, out, false), SpecLog.NONE);
        assertThat(validate.failed()).isTrue();
        TestTask.Result test = test(input, out, SpecLog.NONE);
        assertThat(test.failed()).isTrue();
        assertThat(test.load().diagnostics()).isEqualTo(validate.load().diagnostics());
        assertThat(test.load().diagnostics()).extracting(Diagnostic::code).containsOnly(DiagnosticCode.SP304);
    }
}
