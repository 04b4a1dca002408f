package io.github.specpipeline.core.task;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.approval.Approval;
import io.github.specpipeline.core.approval.ApprovalFile;
import io.github.specpipeline.core.approval.ModelHashes;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Location;
import io.github.specpipeline.core.log.SpecLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a person's approval of the spec in its approval file ({@link ApprovalFile}): every model gets the hash of
 * its content as it is now. A model whose content is what was approved before keeps its earlier approver and date,
 * so the file says who approved what; a changed or new model gets this approver and date; a removed model's entry is
 * dropped. A spec with errors is not approved.
 */
public final class ApproveTask {
    private ApproveTask() {}

    /**
     * @param approver who approves ({@code specpipeline.approver}); blank is refused
     * @param date     the approval date ({@code project.build.outputTimestamp}), or null for now
     */
    public record Options(SpecInput input, Path outputDirectory, String approver, Instant date) {}

    /**
     * What happened.
     *
     * @param file     the approval file, null when nothing was written
     * @param approved the models approved by this run (changed or new), in spec order
     * @param kept     the models whose earlier approval still holds
     * @param dropped  models removed from the spec whose approval was dropped
     */
    public record Result(
            Optional<SpecLoader.Result> load,
            Path file,
            List<String> approved,
            List<String> kept,
            List<String> dropped,
            boolean failed,
            String summary) {}

    public static Result run(Options options, SpecLog log) throws IOException {
        TaskRun task = new TaskRun("approve", options.input(), options.outputDirectory(), log);
        return task.guard(
                () -> approve(options, log, task),
                bug -> new Result(Optional.of(bug.load()), null, List.of(), List.of(), List.of(), true, bug.summary()));
    }

    private static Result approve(Options options, SpecLog log, TaskRun task) throws IOException {
        if (options.approver() == null || options.approver().isBlank()) {
            return failed(
                    Optional.empty(),
                    "spec-pipeline approve: say who approves: -Dspecpipeline.approver=\"Your Name\" (it is written into "
                            + options.input()
                                    .displayName(ApprovalFile.of(options.input().specFile())) + ")");
        }
        String approver = options.approver().strip();
        SpecInput input = options.input();
        String file = input.displayName(input.specFile());
        SpecLoader.Result load = task.loaded(SpecLoader.load(input));
        ValidateTask.logDiagnostics(load.diagnostics(), log);
        if (load.hasErrors() || load.spec().isEmpty()) {
            return failed(
                    Optional.of(load),
                    "spec " + file + " has "
                            + ValidateTask.plural(load.count(io.github.specpipeline.core.diag.Severity.ERROR), "error")
                            + "; a spec with errors cannot be approved; see " + task.shownReport());
        }
        Path approvalPath = ApprovalFile.of(input.specFile());
        String shownApproval = input.displayName(approvalPath);
        Approval before = new Approval(Map.of());
        if (Files.exists(approvalPath)) {
            Diagnostics problems = new Diagnostics();
            Optional<Approval> read = ApprovalFile.read(approvalPath, shownApproval, problems);
            if (read.isEmpty()) {
                List<Diagnostic> found = problems.sorted();
                ValidateTask.logDiagnostics(found, log);
                return failed(
                        Optional.of(load),
                        shownApproval + " is not a valid approval file (" + ValidateTask.plural(found.size(), "error")
                                + " above); fix it, or delete it to approve every model afresh");
            }
            before = read.get();
        }
        Diagnostics readProblems = new Diagnostics();
        Optional<ModelHashes> hashes = ModelHashes.read(
                input.specFile(),
                new LocatedJsonReader(
                        (severity, code, location, pointer, message, hint) -> readProblems.add(new Diagnostic(
                                severity, code, message, file, location.line(), location.column(), pointer, hint))));
        if (hashes.isEmpty()) {
            ValidateTask.logDiagnostics(readProblems.sorted(), log);
            return failed(Optional.of(load), "spec " + file + " could not be read again to hash its models");
        }
        String date = (options.date() == null ? Instant.now() : options.date())
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        Map<String, Approval.Approved> models = new LinkedHashMap<>();
        List<String> approved = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (ModelHashes.Entry e : hashes.get().models().values()) {
            Approval.Approved old = before.models().get(e.name());
            if (old != null && old.hash().equals(e.hash())) {
                models.put(e.name(), old);
                kept.add(e.name());
            } else {
                models.put(
                        e.name(),
                        new Approval.Approved(e.name(), e.hash(), approver, date, Version.get(), Location.UNKNOWN));
                approved.add(e.name());
            }
        }
        List<String> dropped = before.models().keySet().stream()
                .filter(n -> !models.containsKey(n))
                .toList();
        Path written = ApprovalFile.write(input.specFile(), new Approval(models));
        for (String name : approved) {
            log.info("Approved model " + name + " as " + approver + " on " + date);
        }
        for (String name : dropped) {
            log.info("Dropped the approval of model " + name + ": it is no longer in " + file);
        }
        String summary = "approved " + file + " in " + shownApproval + ": "
                + ValidateTask.plural(approved.size(), "model")
                + " approved by " + approver + ", " + kept.size() + " unchanged since approval, " + dropped.size()
                + " removed";
        return new Result(Optional.of(load), written, approved, kept, dropped, false, summary);
    }

    private static Result failed(Optional<SpecLoader.Result> load, String summary) {
        return new Result(load, null, List.of(), List.of(), List.of(), true, summary);
    }
}
