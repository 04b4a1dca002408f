package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.approval.ApprovalFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approve goal writes the approval file; validate's requireApproval checks the spec against it. */
class ApproveTaskTest {
    static final Path EXAMPLE = Path.of("src/test/resources/generate/shop-analytics");
    static final Instant DATE = Instant.parse("2026-01-02T03:04:05Z");

    static Path copyExample(Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.copy(EXAMPLE.resolve("spec.json"), spec);
        return spec;
    }

    static SpecInput input(Path spec) {
        return new SpecInput(spec, EXAMPLE.resolve("source_ddl").toAbsolutePath(), spec.getParent())
                .withGoogleSql(false);
    }

    static ApproveTask.Result approve(Path spec, String approver, Instant date, RecordingLog log) throws IOException {
        return ApproveTask.run(
                new ApproveTask.Options(input(spec), spec.getParent().resolve("target"), approver, date), log);
    }

    static ValidateTask.Result validate(Path spec, String require, RecordingLog log) throws IOException {
        return ValidateTask.run(
                new ValidateTask.Options(input(spec), spec.getParent().resolve("target"), false, require), log);
    }

    @Test
    void approveWritesEveryModelsHashApproverDateAndVersionDeterministically(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        ApproveTask.Result result = approve(spec, "Ada Lovelace", DATE, new RecordingLog());
        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(result.file()).isEqualTo(dir.resolve("spec.approval.json").toAbsolutePath());
        String text = Files.readString(result.file(), StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("{\n  \"formatVersion\" : 1,\n  \"models\" : {\n    \"dim_customers\" : {\n"
                        + "      \"approver\" : \"Ada Lovelace\",\n      \"date\" : \"2026-01-02T03:04:05Z\",\n"
                        + "      \"hash\" : \"")
                .doesNotContain("\r")
                .endsWith("}\n");
        assertThat(result.approved()).hasSize(6);
        byte[] first = Files.readAllBytes(result.file());
        // a second approval of the unchanged spec by someone else keeps the first approvals: same bytes
        ApproveTask.Result again =
                approve(spec, "Grace Hopper", Instant.parse("2027-01-01T00:00:00Z"), new RecordingLog());
        assertThat(again.approved()).isEmpty();
        assertThat(again.kept()).hasSize(6);
        assertThat(Files.readAllBytes(result.file())).isEqualTo(first);
    }

    @Test
    void aMissingApproverIsAClearErrorAndWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        ApproveTask.Result result = approve(spec, "  ", DATE, new RecordingLog());
        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).contains("-Dspecpipeline.approver=");
        assertThat(ApprovalFile.exists(spec)).isFalse();
    }

    @Test
    void reformattingTheSpecKeepsItApprovedAndEditingOneModelNamesThatModelOnly(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        assertThat(approve(spec, "Ada", DATE, new RecordingLog()).failed()).isFalse();
        RecordingLog log = new RecordingLog();
        ValidateTask.Result ok = validate(spec, "fail", log);
        assertThat(ok.failed()).as(ok.summary() + log.lines).isFalse();

        // whitespace and line breaks only: still approved
        String text = Files.readString(spec);
        Files.writeString(spec, text.replace("\n", "\n\n").replace("\n  ", "\n \t "));
        assertThat(validate(spec, "fail", new RecordingLog()).failed()).isFalse();

        Files.writeString(spec, text.replace("\"LOWER(TRIM({from}))\"", "\"UPPER(TRIM({from}))\""));
        log = new RecordingLog();
        ValidateTask.Result changed = validate(spec, "fail", log);
        assertThat(changed.failed()).isTrue();
        assertThat(changed.summary()).endsWith("; not approved as they are: stg_customers");
        List<String> findings =
                log.lines.stream().filter(l -> l.contains("[SP52")).toList();
        assertThat(findings)
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("ERROR spec.json:" + lineOf(text, "\"name\": \"stg_customers\"") + ":")
                        .contains("error[SP521] model 'stg_customers' changed since it was approved by Ada on "
                                + "2026-01-02T03:04:05Z (spec.approval.json)"));

        // warn (the default once the file exists): the same finding as a warning, the build passes
        log = new RecordingLog();
        ValidateTask.Result warned = validate(spec, null, log);
        assertThat(warned.failed()).isFalse();
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("WARN ").contains("warning[SP521]"));
        assertThat(validate(spec, "off", new RecordingLog()).summary()).doesNotContain("approved");
    }

    @Test
    void addedAndRemovedModelsAreNamed(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        approve(spec, "Ada", DATE, new RecordingLog());
        String text = Files.readString(spec);
        Files.writeString(spec, text.replace("\"name\": \"dim_customers\"", "\"name\": \"dim_clients\""));
        RecordingLog log = new RecordingLog();
        ValidateTask.Result result = validate(spec, "fail", log);
        assertThat(result.summary()).endsWith("; not approved as they are: dim_clients, dim_customers");
        assertThat(log.lines)
                .anySatisfy(l -> assertThat(l).contains("error[SP522] model 'dim_clients' is not approved"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("ERROR spec.approval.json:4:5: error[SP523] model 'dim_customers' was approved"));
    }

    @Test
    void aMalformedApprovalFileIsALocatedError(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        Files.writeString(
                dir.resolve("spec.approval.json"),
                "{\n  \"formatVersion\": 1,\n  \"models\": {\n    \"stg_orders\": {\"approver\": \"A\", \"date\": \"d\","
                        + " \"hash\": \"xyz\", \"pluginVersion\": \"1\"}\n  }\n}\n");
        RecordingLog log = new RecordingLog();
        ValidateTask.Result result = validate(spec, "warn", log);
        assertThat(result.failed()).isTrue();
        assertThat(log.lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("ERROR spec.approval.json:4:58: error[SP520] approval file: the hash of model"
                                + " 'stg_orders' is not 64 lower-case hex digits"));
        Files.writeString(dir.resolve("spec.approval.json"), "{\"models\": {,}}");
        log = new RecordingLog();
        assertThat(validate(spec, null, log).failed()).isTrue();
        assertThat(log.lines)
                .anySatisfy(l ->
                        assertThat(l).startsWith("ERROR spec.approval.json:1:").contains("[SP520]"));
        // and approve refuses to overwrite it
        assertThat(approve(spec, "Ada", DATE, new RecordingLog()).summary()).contains("is not a valid approval file");
    }

    @Test
    void requiringApprovalWithoutAFileSaysSo(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        assertThat(validate(spec, null, new RecordingLog()).failed()).isFalse();
        RecordingLog log = new RecordingLog();
        ValidateTask.Result result = validate(spec, "fail", log);
        assertThat(result.failed()).isTrue();
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("error[SP524]"));
        assertThat(validate(spec, "sometimes", new RecordingLog()).summary())
                .isEqualTo("specpipeline.requireApproval must be off, warn or fail, not 'sometimes'");
    }

    @Test
    void theOverviewShowsEachModelsApprovalStateOnlyWhenTheSpecHasAnApprovalFile(@TempDir Path dir) throws IOException {
        Path spec = copyExample(dir);
        java.util.Set<io.github.specpipeline.core.export.ExportFormat> html =
                java.util.Set.of(io.github.specpipeline.core.export.ExportFormat.HTML);
        Path before = dir.resolve("before");
        ExportTask.run(new ExportTask.Options(input(spec), before, html, false, null), new RecordingLog());
        String plain = Files.readString(before.resolve("review/index.html"));
        assertThat(plain).doesNotContain("Approval").doesNotContain("approved by");

        approve(spec, "Ada", DATE, new RecordingLog());
        Files.writeString(spec, Files.readString(spec).replace("\"LOWER(TRIM({from}))\"", "\"UPPER(TRIM({from}))\""));
        Path after = dir.resolve("after");
        ExportTask.run(new ExportTask.Options(input(spec), after, html, false, null), new RecordingLog());
        String page = Files.readString(after.resolve("review/index.html"));
        assertThat(page)
                .contains("Approval")
                .contains("approved by Ada on 2026-01-02T03:04:05Z")
                .contains("changed since approval (approved by Ada on 2026-01-02T03:04:05Z)");
        assertThat(io.github.specpipeline.core.export.ReviewTables.overview(
                                io.github.specpipeline.core.export.SpecReview.of(
                                        SpecLoader.load(input(spec)).spec().orElseThrow(), java.util.Map.of()))
                        .header())
                .as("the table itself has no Approval column until the task gives it the states")
                .doesNotContain("Approval");
        // removing the approval file brings back the page without the column, byte for byte
        Files.delete(dir.resolve("spec.approval.json"));
        Files.copy(EXAMPLE.resolve("spec.json"), spec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ExportTask.run(new ExportTask.Options(input(spec), after, html, false, null), new RecordingLog());
        assertThat(Files.readString(after.resolve("review/index.html"))).isEqualTo(plain);
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
