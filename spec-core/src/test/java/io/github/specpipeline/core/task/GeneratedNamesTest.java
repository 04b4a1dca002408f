package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.generate.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated file names never clash, and a generate that cannot complete writes nothing (issue 17). */
class GeneratedNamesTest {
    /** One column with two expression tests, and a column named like the second one's id with a suffix. */
    static final String COLLIDING_TESTS = """
            {
              "version": "1",
              "schema": {"raw_schema": "raw", "staging_schema": "staging", "final_schema": "analytics"},
              "models": [
                {
                  "name": "m",
                  "layer": "staging",
                  "sources": ["raw.t"],
                  "column_mapping": [
                    {"target_column": "a", "type": "INT64", "from_table": "t", "from_column": "a",
                     "tests": [{"expression": "a > 0"}, {"expression": "a < 100"}]},
                    {"target_column": "a_2", "type": "INT64", "from_table": "t", "from_column": "a",
                     "tests": [{"expression": "a_2 > 1"}]}
                  ]
                }
              ]
            }
            """;

    static Path project(Path dir, String spec) throws IOException {
        Files.writeString(dir.resolve("spec.json"), spec, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("source_ddl"));
        Files.writeString(dir.resolve("source_ddl/t.sql"), "CREATE TABLE `raw.t` (a INT64, b STRING);\n");
        return dir;
    }

    static GenerateTask.Result generate(Path dir, Path out, List<String> log) throws IOException {
        return GenerateTask.run(
                new GenerateTask.Options(
                        new SpecInput(dir.resolve("spec.json"), dir.resolve("source_ddl"), dir),
                        out,
                        EnumSet.allOf(Target.class)),
                new RecordingLog(log));
    }

    static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aSecondTestOfAKindAndAColumnNamedLikeItsIdGetDistinctIdsInEveryTarget(@TempDir Path dir, @TempDir Path out)
            throws IOException {
        project(dir, COLLIDING_TESTS);
        GenerateTask.Result r = generate(dir, out, new ArrayList<>());
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        List<String> files = files(out);
        // the first test of a and the test of a_2 keep their natural names; the second test of a takes the next free
        // suffix
        assertThat(files)
                .filteredOn(f -> f.startsWith("sql/duckdb/tests/"))
                .containsExactly(
                        "sql/duckdb/tests/expression__m__a.sql",
                        "sql/duckdb/tests/expression__m__a_2.sql",
                        "sql/duckdb/tests/expression__m__a_3.sql");
        assertThat(files)
                .filteredOn(f -> f.startsWith("dbt/tests/"))
                .containsExactly(
                        "dbt/tests/expression__m__a.sql",
                        "dbt/tests/expression__m__a_2.sql",
                        "dbt/tests/expression__m__a_3.sql");
        assertThat(Files.readString(out.resolve("sql/duckdb/tests/expression__m__a_2.sql")))
                .contains("a_2 > 1");
        assertThat(Files.readString(out.resolve("sql/duckdb/tests/expression__m__a_3.sql")))
                .contains("a < 100");
    }

    @Test
    void aModelNamedLikeAFixedFileIsALocatedErrorAndNothingIsWritten(@TempDir Path dir, @TempDir Path out)
            throws IOException {
        // "Run" is a valid model name, but sql/duckdb/Run.sql and run.sql are one file on macOS and Windows
        project(dir, COLLIDING_TESTS.replace("\"name\": \"m\"", "\"name\": \"Run\""));
        Path old = out.resolve("sql/duckdb/run.sql");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "-- the previous run\n");
        List<String> log = new ArrayList<>();
        GenerateTask.Result r = generate(dir, out, log);
        assertThat(r.failed()).isTrue();
        List<Diagnostic> sp217 = r.load().diagnostics().stream()
                .filter(d -> d.code() == DiagnosticCode.SP217)
                .toList();
        assertThat(sp217).hasSize(1);
        Diagnostic d = sp217.get(0);
        assertThat(d.isError()).isTrue();
        // the example of src/site/markdown/diagnostics.md
        assertThat(d.format())
                .isEqualTo("spec.json:6:15: error[SP217] two generated files clash: sql/duckdb/Run.sql and"
                        + " sql/duckdb/run.sql differ only in case, and are one file on macOS and Windows (hint: "
                        + DiagnosticCode.SP217.fix() + ")");
        assertThat(d.pointer()).isEqualTo("/models/0/name");
        assertThat(d.message()).contains("sql/duckdb/Run.sql").contains("sql/duckdb/run.sql");
        assertThat(log).anyMatch(l -> l.contains("error[SP217]") && l.contains("spec.json:6:"));
        assertThat(r.summary()).contains("no code was generated");
        // no generated file is written; the validation reports of this run are, and they name the clash
        assertThat(files(out))
                .containsExactly("sql/duckdb/run.sql", "validation/report.json", "validation/report.sarif");
        assertThat(Files.readString(out.resolve("validation/report.json"))).contains("SP217");
        assertThat(Files.readString(old)).isEqualTo("-- the previous run\n");
    }

    @Test
    void aFailedGenerateLeavesThePreviousOutputUntouched(@TempDir Path dir, @TempDir Path out) throws IOException {
        project(dir, COLLIDING_TESTS);
        assertThat(generate(dir, out, new ArrayList<>()).failed()).isFalse();
        Map<String, String> before = GenerateTaskTest.tree(out).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> new String(e.getValue(), StandardCharsets.UTF_8)));
        // a valid change to the spec (a new column) together with a clash: nothing of the new run may land
        project(
                dir,
                COLLIDING_TESTS
                        .replace("\"name\": \"m\"", "\"name\": \"run_all\"")
                        .replace(
                                "\"column_mapping\": [",
                                "\"column_mapping\": [\n{\"target_column\": \"b\", \"type\": \"STRING\", \"from_table\": \"t\", \"from_column\": \"b\"},"));
        GenerateTask.Result r = generate(dir, out, new ArrayList<>());
        assertThat(r.failed()).isTrue();
        assertThat(r.written()).isZero();
        Map<String, String> after = GenerateTaskTest.tree(out).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> new String(e.getValue(), StandardCharsets.UTF_8)));
        // the generated code is as it was; only the validation reports are this run's (they name the clash)
        before.keySet().removeIf(k -> k.startsWith("validation/"));
        after.keySet().removeIf(k -> k.startsWith("validation/"));
        assertThat(after).isEqualTo(before);
    }
}
