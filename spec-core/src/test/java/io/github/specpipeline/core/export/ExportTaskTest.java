package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTaskTest {
    @TempDir
    Path tmp;

    private static ExportTask.Options options(SpecInput input, Path out, Set<ExportFormat> formats, boolean force) {
        return new ExportTask.Options(input, out, formats, force, ExportFixtures.TIME);
    }

    /** A copy of the example project's spec and DDL that a test may change. */
    private SpecInput copyOfExample() throws IOException {
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir.resolve("source_ddl"));
        Files.copy(ExportFixtures.example().specFile(), dir.resolve("spec.json"));
        for (String f : ExportFixtures.files(ExportFixtures.example().sourceDdl())) {
            Files.copy(
                    ExportFixtures.example().sourceDdl().resolve(f),
                    dir.resolve("source_ddl").resolve(f));
        }
        return new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir);
    }

    @Test
    void everyFormatIsWrittenAndEachIsLoggedOnce() throws IOException {
        RecordingLog log = new RecordingLog();
        Path out = tmp.resolve("out");
        ExportTask.Result r = ExportTask.run(options(ExportFixtures.example(), out, Set.of(), false), log);
        assertThat(r.failed()).isFalse();
        assertThat(r.skipped()).isFalse();
        List<String> wrote =
                log.lines.stream().filter(l -> l.startsWith("INFO Wrote ")).toList();
        assertThat(wrote).hasSize(4);
        assertThat(wrote.get(0)).endsWith("review/spec-review.xlsx (15 sheets)");
        assertThat(wrote.get(1)).endsWith("review/csv/ (14 CSV files)");
        assertThat(wrote.get(2)).endsWith("review/diagram.md and " + out.resolve("review/mermaid") + "/ (13 diagrams)");
        assertThat(wrote.get(3)).contains("review/index.html (self-contained, Mermaid 11.");
        // SP401, SP402, SP403, four layout findings (SP218: clustering PySpark cannot express, and a clustered view),
        // two NUMERIC quotients DuckDB computes as DOUBLE (SP241), one Spark keeps 18 digits of (SP244) and two
        // ROUNDs of FLOAT64 Spark rounds by its decimal text (SP245), and the incremental stg_orders' filter on a
        // column other than its key (SP410)
        assertThat(log.lines).filteredOn(l -> l.startsWith("WARN ")).hasSize(13);
        assertThat(r.summary())
                .isEqualTo("exported src/main/spec/spec.json for review to " + out.resolve("review")
                        + ": 6 models, 74 columns; validation: 0 errors, 13 warnings");
        assertThat(r.written()).hasSize(1 + 14 + 1 + 13 + 1);
    }

    @Test
    void theSameSpecGivesTheSameBytesInEveryFile() throws IOException {
        ExportFixtures.export(ExportFixtures.example(), tmp.resolve("a"));
        ExportFixtures.export(ExportFixtures.example(), tmp.resolve("b"));
        List<String> files = ExportFixtures.files(tmp.resolve("a"));
        // 31 review files (08_named_expressions.csv: the example defines named expressions) and the two
        // validation reports
        assertThat(files)
                .isEqualTo(ExportFixtures.files(tmp.resolve("b")))
                .hasSize(33)
                .contains("validation/report.json");
        for (String f : files) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
        }
    }

    @Test
    void anUnchangedSpecIsNotExportedAgainUnlessForced() throws IOException {
        SpecInput input = copyOfExample();
        Path out = tmp.resolve("out");
        ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE);
        Path xlsx = out.resolve("review/spec-review.xlsx");
        Files.setLastModifiedTime(xlsx, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

        ExportTask.Result again = ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE);
        assertThat(again.skipped()).isTrue();
        assertThat(again.summary()).contains("are up to date").contains("-Dspecpipeline.force=true");
        assertThat(Files.getLastModifiedTime(xlsx).toInstant()).isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));

        ExportTask.Result forced = ExportTask.run(options(input, out, Set.of(), true), ExportFixtures.NONE);
        assertThat(forced.skipped()).isFalse();
        assertThat(Files.getLastModifiedTime(xlsx).toInstant()).isAfter(Instant.parse("2001-01-01T00:00:00Z"));
    }

    @Test
    void aStampThatIsNotUtf8MeansExportingAgainNotAFailure() throws IOException {
        SpecInput input = copyOfExample();
        Path out = tmp.resolve("out");
        ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE);
        Files.write(out.resolve(ExportTask.STAMP), new byte[] {'k', 'e', 'y', '=', (byte) 0xE9, '\n'});

        assertThat(ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE)
                        .skipped())
                .isFalse();
        assertThat(ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE)
                        .skipped())
                .isTrue();
    }

    @Test
    void aChangedSpecDdlOrOptionOrAMissingOutputMeansExportingAgain() throws IOException {
        SpecInput input = copyOfExample();
        Path out = tmp.resolve("out");
        ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE);

        Files.writeString(input.sourceDdl().resolve("extra.sql"), "CREATE TABLE raw.extra (id INT64);\n");
        assertThat(ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE)
                        .skipped())
                .isFalse();
        assertThat(ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE)
                        .skipped())
                .isTrue();

        Files.delete(out.resolve("review/csv/model_fact_orders.csv"));
        assertThat(ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE)
                        .skipped())
                .isFalse();
        assertThat(out.resolve("review/csv/model_fact_orders.csv")).isRegularFile();

        assertThat(ExportTask.run(
                                new ExportTask.Options(
                                        input, out, Set.of(), false, Instant.parse("2027-01-01T00:00:00Z")),
                                ExportFixtures.NONE)
                        .skipped())
                .isFalse();

        String spec = Files.readString(input.specFile(), StandardCharsets.UTF_8);
        Files.writeString(input.specFile(), spec.replace("Business key of the customer", "Key of the customer"));
        assertThat(ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE)
                        .skipped())
                .isFalse();
        assertThat(Files.readString(out.resolve("review/csv/01_all_columns.csv")))
                .contains("Key of the customer in the shop");
    }

    @Test
    void filesOfARemovedModelAreDeleted() throws IOException {
        SpecInput input = copyOfExample();
        Path out = tmp.resolve("out");
        ExportTask.run(options(input, out, Set.of(), false), ExportFixtures.NONE);
        assertThat(out.resolve("review/csv/model_dim_customers.csv")).isRegularFile();
        assertThat(out.resolve("review/mermaid/model_dim_customers.flow.mmd")).isRegularFile();

        String spec = Files.readString(input.specFile(), StandardCharsets.UTF_8);
        int start = spec.lastIndexOf(",\n    {\n      \"name\": \"dim_customers\"");
        int end = spec.lastIndexOf("\n  ]"); // the end of the models array (named expressions may follow it)
        Files.writeString(input.specFile(), spec.substring(0, start) + spec.substring(end));
        RecordingLog log = new RecordingLog();
        ExportTask.run(options(input, out, Set.of(), false), log);
        assertThat(out.resolve("review/csv/model_dim_customers.csv")).doesNotExist();
        assertThat(out.resolve("review/mermaid/model_dim_customers.flow.mmd")).doesNotExist();
        assertThat(out.resolve("review/csv/model_fact_orders.csv")).isRegularFile();
        assertThat(log.lines).anyMatch(l -> l.contains("review/csv/ (13 CSV files; removed 1 stale file)"));
    }

    @Test
    void onlyTheSelectedFormatsAreWritten() throws IOException {
        Path out = tmp.resolve("out");
        ExportTask.run(
                options(ExportFixtures.example(), out, EnumSet.of(ExportFormat.CSV), false), ExportFixtures.NONE);
        assertThat(ExportFixtures.files(out.resolve("review")))
                .allMatch(f -> f.startsWith("csv/") || f.equals(".export-stamp"));
    }

    @Test
    void aSpecThatCannotBeReadFailsAndWritesNothing() throws IOException {
        Path spec = tmp.resolve("broken.json");
        Files.writeString(spec, "{\"models\": [");
        RecordingLog log = new RecordingLog();
        Path out = tmp.resolve("out");
        ExportTask.Result r = ExportTask.run(options(new SpecInput(spec, null, tmp), out, Set.of(), false), log);
        assertThat(r.failed()).isTrue();
        assertThat(r.summary()).startsWith("cannot export broken.json: it could not be read (1 error");
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR broken.json:1:"));
        assertThat(out.resolve("review")).doesNotExist();
    }
}
