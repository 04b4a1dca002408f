package io.github.specpipeline.core.task;

import io.github.specpipeline.core.approval.ModelHashes;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.select.ChangedModels;
import io.github.specpipeline.core.select.ModelSelection;
import io.github.specpipeline.core.select.SelectionException;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code specpipeline.select} for a goal: the models selected, or one located error (SP525, or the base
 * spec's reading problems). {@code changed} compares each model's content hash ({@link ModelHashes}, the approval's
 * hash) with the base spec's: a model whose normalised JSON differs, or that the base does not have, changed.
 */
final class TaskSelection {
    /** The property's name, used as the "file" of a selection error (its column is the term's). */
    static final String PROPERTY = "specpipeline.select";

    private TaskSelection() {}

    /**
     * @param selected the selected models in spec order; empty for no selection (every model)
     * @param errors   what went wrong; then nothing is to be done
     */
    record Outcome(Optional<List<String>> selected, List<Diagnostic> errors) {
        boolean failed() {
            return !errors.isEmpty();
        }
    }

    static Outcome resolve(SelectOptions options, SpecInput input, ValidatedSpec spec) {
        if (!options.any()) {
            return new Outcome(Optional.empty(), List.of());
        }
        Diagnostics baseProblems = new Diagnostics();
        ChangedModels changed = options.base() == null || options.base().isBlank()
                ? ChangedModels.NONE
                : () -> changed(options, input, spec, baseProblems);
        String file = input.displayName(input.specFile());
        try {
            Optional<List<String>> selected =
                    ModelSelection.select(options.select(), spec.spec().models(), spec.graph(), changed);
            if (!baseProblems.isEmpty()) {
                return new Outcome(Optional.empty(), baseProblems.sorted());
            }
            return new Outcome(selected, List.of());
        } catch (SelectionException e) {
            if (!baseProblems.isEmpty()) {
                return new Outcome(Optional.empty(), baseProblems.sorted());
            }
            String message = e.getMessage().startsWith("no model '")
                    ? e.getMessage()
                            .replaceFirst(
                                    "^(no model '[^']*')", "$1 in " + java.util.regex.Matcher.quoteReplacement(file))
                    : e.getMessage();
            return new Outcome(
                    Optional.empty(),
                    List.of(new Diagnostic(
                            Severity.ERROR,
                            DiagnosticCode.SP525,
                            message,
                            PROPERTY,
                            1,
                            e.column(),
                            "",
                            DiagnosticCode.SP525.fix())));
        }
    }

    /** The models of the current spec whose hash differs from the base's, or that the base lacks; null on a problem. */
    private static Set<String> changed(
            SelectOptions options, SpecInput input, ValidatedSpec current, Diagnostics problems) {
        if (options.base().startsWith("git:")) {
            // a git revision is read as the diff goal reads it (no working-tree change); the changed models are the
            // ones the diff finds a change in, or that the base lacks
            try {
                SpecBase.Result loaded = SpecBase.load(options.base(), input);
                if (loaded instanceof SpecBase.Failed failed) {
                    problems.add(failed.diagnostic());
                    return Set.of();
                }
                return io.github.specpipeline.core.diff.SpecDiff.changedModels(
                        io.github.specpipeline.core.diff.SpecDiff.compare(((SpecBase.Loaded) loaded).spec(), current));
            } catch (java.io.IOException e) {
                problems.add(new Diagnostic(
                        Severity.ERROR,
                        DiagnosticCode.SP504,
                        "cannot read the base " + options.base() + ": " + e.getMessage(),
                        "specpipeline.base",
                        0,
                        0,
                        "",
                        DiagnosticCode.SP504.fix()));
                return Set.of();
            }
        }
        Path base = options.basePath(input.baseDirectory());
        String shownBase = input.displayName(base);
        Optional<ModelHashes> before = ModelHashes.read(base, reader(shownBase, problems));
        Optional<ModelHashes> now =
                ModelHashes.read(input.specFile(), reader(input.displayName(input.specFile()), problems));
        if (before.isEmpty() || now.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new Diagnostic(
                        Severity.ERROR,
                        DiagnosticCode.SP001,
                        "the base spec " + shownBase + " (specpipeline.base) cannot be read",
                        shownBase,
                        0,
                        0,
                        "",
                        DiagnosticCode.SP001.fix()));
            }
            return Set.of();
        }
        Map<String, String> old = before.get().hashes();
        Set<String> out = new LinkedHashSet<>();
        now.get().hashes().forEach((name, hash) -> {
            if (!hash.equals(old.get(name))) {
                out.add(name);
            }
        });
        return out;
    }

    private static LocatedJsonReader reader(String shown, Diagnostics problems) {
        return new LocatedJsonReader((severity, code, location, pointer, message, hint) -> problems.add(
                new Diagnostic(severity, code, message, shown, location.line(), location.column(), pointer, hint)));
    }

    /** Logs what the selection keeps and skips. */
    static void logSelection(String goal, List<String> selected, List<Model> models, SpecLog log) {
        List<String> skipped = models.stream()
                .map(Model::name)
                .filter(n -> !selected.contains(n))
                .toList();
        log.info("spec-pipeline " + goal + ": selected " + selected.size() + " of " + models.size() + " models ("
                + PROPERTY + "): " + (selected.isEmpty() ? "none" : String.join(", ", selected))
                + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped)));
    }
}
