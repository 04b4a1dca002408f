package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.log.SpecLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bug inside the core (an unexpected exception) ends a task as an SP008 finding that names the spec and the
 * exception, fails it, and is written to the validation reports; its stack trace is logged at debug level only.
 */
@ResourceLock("system properties")
class InternalErrorTest {
    @AfterEach
    void clearHook() {
        System.clearProperty(TaskRun.SIMULATE_BUG);
    }

    /** Runs the goal's task with the test hook set, so that it throws as a bug would; returns its findings. */
    private static Outcome run(String goal, Path dir, RecordingLog log) throws IOException {
        SpecInput input = GoalsAgreeTest.input(dir);
        Path out = dir.resolve("target/spec-pipeline");
        System.setProperty(TaskRun.SIMULATE_BUG, goal);
        return switch (goal) {
            case "validate" -> {
                ValidateTask.Result r = ValidateTask.run(new ValidateTask.Options(input, out, false), log);
                yield new Outcome(r.failed(), r.summary(), r.load().diagnostics());
            }
            case "generate" -> {
                GenerateTask.Result r = GenerateTask.run(new GenerateTask.Options(input, out), log);
                yield new Outcome(r.failed(), r.summary(), r.load().diagnostics());
            }
            case "export" -> {
                ExportTask.Result r =
                        ExportTask.run(new ExportTask.Options(input, out, Set.of(ExportFormat.CSV), true, null), log);
                yield new Outcome(
                        r.failed(), r.summary(), r.load().orElseThrow().diagnostics());
            }
            case "test" -> {
                TestTask.Result r = GoalsAgreeTest.test(input, out, log);
                yield new Outcome(r.failed(), r.summary(), r.load().diagnostics());
            }
            case "report" -> {
                ReportTask.Result r =
                        ReportTask.run(new ReportTask.Options(input, out, dir.resolve("site"), null), log);
                yield new Outcome(r.failed(), r.summary(), r.load().diagnostics());
            }
            default -> throw new IllegalArgumentException(goal);
        };
    }

    private record Outcome(boolean failed, String summary, List<Diagnostic> diagnostics) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"validate", "generate", "export", "test", "report"})
    void aBugInAnyGoalIsAnInternalErrorFinding(String goal, @TempDir Path dir) throws IOException {
        GoalsAgreeTest.project(dir);
        RecordingLog log = new RecordingLog();
        Outcome outcome = run(goal, dir, log);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.summary())
                .startsWith("spec-pipeline " + goal + ": internal error (a bug, please report it) on spec.json:"
                        + " java.lang.IllegalStateException: simulated bug")
                .endsWith("run Maven with -X for the stack trace");
        assertThat(outcome.diagnostics()).hasSize(1);
        Diagnostic d = outcome.diagnostics().get(0);
        assertThat(d.code()).isEqualTo(DiagnosticCode.SP008);
        assertThat(d.isError()).isTrue();
        assertThat(d.file()).isEqualTo("spec.json");
        assertThat(d.format())
                .startsWith("spec.json: error[SP008] internal error in the " + goal + " goal on spec.json:"
                        + " java.lang.IllegalStateException: simulated bug (specpipeline.internal.simulateBug=" + goal
                        + ")."
                        + " This is a bug in spec-pipeline ")
                .contains("please report it (hint: Please report it (https://");
        assertThat(log.lines).contains("ERROR " + d.format());
        // the stack trace only at debug level, which Maven shows with -X
        assertThat(log.lines).filteredOn(l -> !l.startsWith("DEBUG ")).noneMatch(l -> l.contains("\tat "));
        assertThat(log.lines)
                .anyMatch(l -> l.startsWith("DEBUG stack trace of the internal error (SP008), for the bug report:\n"
                                + "java.lang.IllegalStateException: simulated bug")
                        && l.contains("\tat io.github.specpipeline.core.task.TaskRun.guard"));
        if (!goal.equals("report")) {
            JsonNode report = GoalsAgreeTest.report(dir.resolve("target/spec-pipeline"));
            assertThat(report.at("/summary/errors").asInt()).isEqualTo(1);
            assertThat(report.at("/diagnostics/0/code").asText()).isEqualTo("SP008");
            assertThat(outcome.summary()).contains("; see target/spec-pipeline/validation/report.json;");
        }
    }

    @Test
    void aFailingComponentDeepInATaskKeepsTheSpecsFindingsBesideTheInternalError(@TempDir Path dir) throws IOException {
        GoalsAgreeTest.project(dir);
        GoalsAgreeTest.edit(
                dir,
                "\"type\": \"STRING\", \"from_table\": \"customers\", \"from_column\": \"email\",",
                "\"type\": \"STRING\", \"from_table\": \"customers\", \"from_column\": \"email\", \"colour\": 1,");
        // a component deep in the test task fails: here the host's log, when the task reports its seeds
        RecordingLog log = new RecordingLog();
        SpecLog failing = SpecLog.of(
                log::debug,
                message -> {
                    if (message.startsWith("Seeds: ")) {
                        throw new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null");
                    }
                    log.info(message);
                },
                log::warn,
                log::error);
        Path out = dir.resolve("target/spec-pipeline");
        TestTask.Result r = GoalsAgreeTest.test(GoalsAgreeTest.input(dir), out, failing);

        assertThat(r.failed()).isTrue();
        assertThat(r.summary())
                .contains("internal error (a bug, please report it) on spec.json: java.lang.NullPointerException:"
                        + " Cannot invoke \"String.length()\" because \"name\" is null");
        assertThat(r.load().diagnostics())
                .extracting(Diagnostic::code)
                .containsExactly(DiagnosticCode.SP008, DiagnosticCode.SP103);
        JsonNode report = GoalsAgreeTest.report(out);
        assertThat(report.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/warnings").asInt()).isEqualTo(1);
        assertThat(log.lines)
                .anyMatch(l -> l.startsWith("DEBUG stack trace")
                        && l.contains("at io.github.specpipeline.core.task.TestTask."));
    }
}
