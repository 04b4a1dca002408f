package io.github.specpipeline.core.approval;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a spec's models with its approval: each model changed since approval (SP521), added since (SP522) and
 * removed since (SP523) is a finding, a warning or an error as the requirement says. Models in the spec are located
 * at their name, removed ones at their entry in the approval file.
 */
public final class ApprovalCheck {
    private ApprovalCheck() {}

    /**
     * What the check found.
     *
     * @param states      every model of the spec, in spec order, with its state
     * @param removed     models the approval file has and the spec no longer has, sorted
     * @param diagnostics the findings, sorted
     */
    public record Result(Map<String, ApprovalState> states, List<String> removed, List<Diagnostic> diagnostics) {
        public Result {
            states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
            removed = List.copyOf(removed);
            diagnostics = List.copyOf(diagnostics);
        }

        /** The models whose state is not {@link ApprovalState.Approved}, in spec order, then the removed ones. */
        public List<String> unapproved() {
            List<String> out = new ArrayList<>();
            states.forEach((name, state) -> {
                if (!(state instanceof ApprovalState.Approved)) {
                    out.add(name);
                }
            });
            out.addAll(removed);
            return out;
        }
    }

    /** The state of each model, without findings (for the review exports). */
    public static Map<String, ApprovalState> states(ModelHashes current, Approval approval) {
        Map<String, ApprovalState> states = new LinkedHashMap<>();
        current.models().forEach((name, e) -> states.put(name, ApprovalState.of(name, e.hash(), approval)));
        return states;
    }

    /**
     * @param specFile     the spec the hashes were read from (read once more to locate the findings)
     * @param shownSpec    the spec as messages name it
     * @param shownApproval the approval file as messages name it
     * @param severity     {@link Severity#WARNING} or {@link Severity#ERROR}
     */
    public static Result check(
            Path specFile,
            String shownSpec,
            ModelHashes current,
            Approval approval,
            String shownApproval,
            Severity severity) {
        Map<String, ApprovalState> states = states(current, approval);
        Diagnostics sink = new Diagnostics();
        Reporter reporter = Reporter.deferred(shownSpec, sink);
        states.forEach((name, state) -> {
            String pointer = current.models().get(name).namePointer();
            if (state instanceof ApprovalState.ChangedSinceApproval c) {
                reporter.report(
                        severity,
                        DiagnosticCode.SP521,
                        pointer,
                        false,
                        "model '" + name + "' changed since it was approved by " + c.approver() + " on " + c.date()
                                + " (" + shownApproval + ")",
                        DiagnosticCode.SP521.fix());
            } else if (state instanceof ApprovalState.NotApproved) {
                reporter.report(
                        severity,
                        DiagnosticCode.SP522,
                        pointer,
                        false,
                        "model '" + name + "' is not approved: " + shownApproval + " has no entry for it",
                        DiagnosticCode.SP522.fix());
            }
        });
        Collection<String> pointers = reporter.pendingPointers();
        if (!pointers.isEmpty()) {
            LocatedJsonReader reader = new LocatedJsonReader((s, code, location, pointer, message, hint) -> {});
            reporter.resolve(
                    reader.locate(specFile, current.fingerprint(), pointers).orElse(null));
        }
        List<String> removed = new ArrayList<>();
        for (Approval.Approved a : approval.models().values()) {
            if (!current.models().containsKey(a.name())) {
                removed.add(a.name());
                sink.add(new Diagnostic(
                        severity,
                        DiagnosticCode.SP523,
                        "model '" + a.name() + "' was approved by " + a.approver() + " on " + a.date()
                                + " but is no longer in " + shownSpec,
                        shownApproval,
                        a.location().line(),
                        a.location().column(),
                        "/models/" + io.github.specpipeline.core.json.SourceMap.token(a.name()),
                        DiagnosticCode.SP523.fix()));
            }
        }
        return new Result(states, removed, sink.sorted());
    }
}
