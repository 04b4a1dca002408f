package io.github.specpipeline.core.task;

import io.github.specpipeline.core.approval.Approval;
import io.github.specpipeline.core.approval.ApprovalCheck;
import io.github.specpipeline.core.approval.ApprovalFile;
import io.github.specpipeline.core.approval.ModelHashes;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.log.SpecLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Gives a review each model's approval state when the spec has an approval file (the overview's Approval column). */
final class ApprovalStates {
    private ApprovalStates() {}

    static SpecReview apply(SpecReview review, SpecInput input, SpecLog log) {
        Path file = ApprovalFile.of(input.specFile());
        if (!Files.isRegularFile(file)) {
            return review;
        }
        String shown = input.displayName(file);
        Diagnostics problems = new Diagnostics();
        Optional<Approval> approval = ApprovalFile.read(file, shown, problems);
        Optional<ModelHashes> hashes = ModelHashes.read(
                input.specFile(), new LocatedJsonReader((s, code, location, pointer, message, hint) -> {}));
        Map<String, String> states = new LinkedHashMap<>();
        if (approval.isEmpty() || hashes.isEmpty()) {
            // validate reports the file's problems; the review says the state is unknown rather than guess
            log.warn("spec-pipeline: " + shown + " is not a valid approval file; the review shows no model as approved"
                    + " (validate names the problems)");
            review.models().forEach(m -> states.put(m.name(), "unknown: " + shown + " is not valid"));
        } else {
            ApprovalCheck.states(hashes.get(), approval.get())
                    .forEach((name, state) -> states.put(name, state.describe()));
        }
        return review.withApproval(states);
    }
}
