package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff goal's task against a base read from a temporary git repository the test creates (no network): the
 * reports, {@code failOn}, and the clear failures for a folder outside git, an unknown revision and a spec that
 * is not in that revision. The working tree is left as it was.
 */
class DiffTaskTest {
    static final Path CASE = Path.of("src/test/resources/diff/kinds");

    @TempDir
    Path repo;

    Path spec;

    @BeforeEach
    void commitTheBase() throws Exception {
        Path dir = Files.createDirectories(repo.resolve("src/main/spec"));
        spec = dir.resolve("spec.json");
        Files.copy(CASE.resolve("base.json"), spec);
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "base");
        Files.copy(CASE.resolve("current.json"), spec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s", List.of(args)).isZero();
    }

    DiffTask.Result run(String base, DiffTask.FailOn failOn, RecordingLog log) throws IOException {
        SpecInput input = new SpecInput(spec, null, repo).withGoogleSql(false);
        return DiffTask.run(new DiffTask.Options(input, base, repo.resolve("target/spec-pipeline"), failOn), log);
    }

    @Test
    void comparesWithTheSpecAtAGitRevisionAndWritesTheReports() throws Exception {
        String before = Files.readString(spec);
        RecordingLog log = new RecordingLog();
        DiffTask.Result result = run("git:HEAD", DiffTask.FailOn.NONE, log);
        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(result.summary())
                .isEqualTo("diff of src/main/spec/spec.json against git:HEAD: 16 changes: 8 breaking, 4 non-breaking,"
                        + " 4 metadata; see target/spec-pipeline/diff/report.md");
        Path out = repo.resolve("target/spec-pipeline/diff");
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("migration.sql")).exists();
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"kind\" : \"transform_changed\"")
                // int_orders.amount_eur is not changed itself: it is only there as an impacted column
                .contains("\"column\" : \"amount_eur\"");
        String sarif = Files.readString(out.resolve("report.sarif"), StandardCharsets.UTF_8);
        assertThat(sarif).contains("\"ruleId\" : \"SP510\"").contains("\"startLine\"");
        // one console line per breaking change, at its place in the new spec
        assertThat(log.lines.stream().filter(l -> l.contains("[SP510]")).toList())
                .hasSize(8)
                .anySatisfy(l -> assertThat(l)
                        .matches("(?s).*src/main/spec/spec.json:\\d+:\\d+: warning\\[SP510\\] breaking change against"
                                + " git:HEAD: stg_orders.amount: transform changed.*impacts int_orders.amount_eur,"
                                + " fct_customers.total.*"));
        assertThat(Files.readString(spec)).as("the working tree is untouched").isEqualTo(before);
    }

    @Test
    void failOnBreakingFailsNamingTheChanges() throws Exception {
        DiffTask.Result result = run("git:HEAD", DiffTask.FailOn.BREAKING, new RecordingLog());
        assertThat(result.failed()).isTrue();
        assertThat(result.summary())
                .startsWith("spec-pipeline diff failed (failOn=breaking): src/main/spec/spec.json against git:HEAD has")
                .contains("stg_orders.amount: transform changed");
    }

    @Test
    void aFileBaseIsComparedToo() throws Exception {
        Files.copy(CASE.resolve("base.json"), repo.resolve("old.json"));
        DiffTask.Result result = run("old.json", DiffTask.FailOn.ANY, new RecordingLog());
        assertThat(result.failed()).isTrue();
        assertThat(result.changes()).hasSize(16);
    }

    @Test
    void anUnknownRevisionIsAClearError() throws Exception {
        RecordingLog log = new RecordingLog();
        DiffTask.Result result = run("git:no-such-branch", DiffTask.FailOn.NONE, log);
        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).contains("unknown revision 'no-such-branch'");
        assertThat(String.join("\n", log.lines)).contains("error[SP502]");
    }

    @Test
    void aRevisionWithoutTheSpecIsAClearError() throws Exception {
        Path other = Files.createDirectories(repo.resolve("other"));
        Files.copy(CASE.resolve("base.json"), other.resolve("spec.json"));
        spec = other.resolve("spec.json");
        RecordingLog log = new RecordingLog();
        DiffTask.Result result = run("git:HEAD", DiffTask.FailOn.NONE, log);
        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).contains("other/spec.json does not exist at git:HEAD");
        assertThat(String.join("\n", log.lines)).contains("error[SP503]");
    }

    @Test
    void aSpecOutsideGitIsAClearError(@TempDir Path plain) throws Exception {
        spec = plain.resolve("spec.json");
        Files.copy(CASE.resolve("base.json"), spec);
        RecordingLog log = new RecordingLog();
        DiffTask.Result result = run("git:HEAD", DiffTask.FailOn.NONE, log);
        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).contains("is not in a git repository");
        assertThat(String.join("\n", log.lines)).contains("error[SP501]");
    }

    @Test
    void aMissingBaseFileIsAClearError() throws Exception {
        RecordingLog log = new RecordingLog();
        DiffTask.Result result = run("nowhere.json", DiffTask.FailOn.NONE, log);
        assertThat(result.failed()).isTrue();
        assertThat(String.join("\n", log.lines)).contains("error[SP500]");
    }
}
