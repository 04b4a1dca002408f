package io.github.specpipeline.core.task;

import io.github.specpipeline.core.approval.Approval;
import io.github.specpipeline.core.approval.ApprovalCheck;
import io.github.specpipeline.core.approval.ApprovalFile;
import io.github.specpipeline.core.approval.ApprovalRequirement;
import io.github.specpipeline.core.approval.ModelHashes;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.LocatedJsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validate goal's approval check ({@code specpipeline.requireApproval}): adds the approval findings to the
 * spec's, so that they are logged, written to the validation reports and counted like every other finding.
 */
final class ApprovalGate {
    private ApprovalGate() {}

    /**
     * @param load    the spec's findings with the approval's
     * @param summary what to append to the validate summary ({@code ""} when nothing is unapproved)
     */
    record Outcome(SpecLoader.Result load, String summary) {}

    static Outcome check(SpecInput input, SpecLoader.Result load, ApprovalRequirement requirement) {
        if (requirement == ApprovalRequirement.OFF || load.spec().isEmpty()) {
            return new Outcome(load, "");
        }
        Severity severity = requirement == ApprovalRequirement.FAIL ? Severity.ERROR : Severity.WARNING;
        Path approvalPath = ApprovalFile.of(input.specFile());
        String shownSpec = input.displayName(input.specFile());
        String shownApproval = input.displayName(approvalPath);
        List<Diagnostic> found = new ArrayList<>();
        String summary = "";
        if (!Files.isRegularFile(approvalPath)) {
            found.add(new Diagnostic(
                    severity,
                    DiagnosticCode.SP524,
                    "specpipeline.requireApproval is " + requirement.name().toLowerCase(java.util.Locale.ROOT) + " but "
                            + shownSpec + " has no approval file " + shownApproval,
                    shownSpec,
                    0,
                    0,
                    "",
                    DiagnosticCode.SP524.fix()));
            summary = "; not approved: no " + shownApproval;
        } else {
            Diagnostics problems = new Diagnostics();
            Optional<Approval> approval = ApprovalFile.read(approvalPath, shownApproval, problems);
            Optional<ModelHashes> hashes = approval.isEmpty()
                    ? Optional.empty()
                    : ModelHashes.read(
                            input.specFile(), new LocatedJsonReader((s, code, location, pointer, message, hint) -> {}));
            if (approval.isEmpty()) {
                found.addAll(problems.sorted()); // a malformed approval file is an error in either mode
                summary = "; " + shownApproval + " is not a valid approval file";
            } else if (hashes.isPresent()) {
                ApprovalCheck.Result result = ApprovalCheck.check(
                        input.specFile(), shownSpec, hashes.get(), approval.get(), shownApproval, severity);
                found.addAll(result.diagnostics());
                if (!result.unapproved().isEmpty()) {
                    summary = "; not approved as they are: " + String.join(", ", result.unapproved());
                }
            }
        }
        if (found.isEmpty()) {
            return new Outcome(load, "");
        }
        List<Diagnostic> all = new ArrayList<>(load.diagnostics());
        all.addAll(found);
        all.sort(Diagnostic.ORDER);
        return new Outcome(new SpecLoader.Result(load.spec(), List.copyOf(all)), summary);
    }
}
