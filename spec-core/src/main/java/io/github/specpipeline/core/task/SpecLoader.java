package io.github.specpipeline.core.task;

import io.github.specpipeline.core.ddl.DdlProblem;
import io.github.specpipeline.core.ddl.DdlReadResult;
import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceDdlReader;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Reporter;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.TranslationCheck;
import io.github.specpipeline.core.json.JsonDocument;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.parse.SpecBinder;
import io.github.specpipeline.core.validate.FragmentListener;
import io.github.specpipeline.core.validate.SpecValidator;
import io.github.specpipeline.core.validate.ValidatedSpec;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads, binds and validates a spec: the first step of every goal. */
public final class SpecLoader {
    private SpecLoader() {
    }

    /**
     * The outcome of loading.
     *
     * @param spec        present when the spec could be read and bound (it may still have errors)
     * @param diagnostics everything found, sorted
     */
    public record Result(Optional<ValidatedSpec> spec, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        public long count(Severity severity) {
            return diagnostics.stream().filter(d -> d.severity() == severity).count();
        }
    }

    /** Loads and validates for every generation target (see {@link #load(SpecInput, Set)}). */
    public static Result load(SpecInput input) {
        return load(input, EnumSet.allOf(Target.class), FragmentListener.NONE);
    }

    /** Loads and validates for the given targets (see {@link #load(SpecInput, Set, FragmentListener)}). */
    public static Result load(SpecInput input, Set<Target> targets) {
        return load(input, targets, FragmentListener.NONE);
    }

    /** Loads and validates for every target; {@code listener} is told about every SQL fragment validation parsed. */
    public static Result load(SpecInput input, FragmentListener listener) {
        return load(input, EnumSet.allOf(Target.class), listener);
    }

    /**
     * Loads and validates a spec. Besides the spec's own rules, every SQL fragment must translate to the dialect of
     * each of {@code targets} (SP304) and every model must be expressible in generated code (SP305);
     * {@code listener} is told about every SQL fragment validation parsed.
     */
    public static Result load(SpecInput input, Set<Target> targets, FragmentListener listener) {
        Diagnostics sink = new Diagnostics();
        String file = input.displayName(input.specFile());
        Reporter early = new Reporter(file, null, sink);
        LocatedJsonReader reader = new LocatedJsonReader(
                (severity, code, location, pointer, message, hint) -> early.at(severity, code, location, pointer, message, hint));
        // the DDL files are independent of the JSON: read both at once (the DDL problems are still added after the
        // JSON's, as when they were read one after the other)
        Background<DdlReadResult> ddl = input.sourceDdl() == null ? null
                : Background.start("spec-pipeline-ddl", () -> SourceDdlReader.read(input.sourceDdl()));
        Optional<JsonDocument> doc = reader.read(input.specFile());
        SourceCatalog catalog = readDdl(input, ddl, sink);
        if (doc.isEmpty()) {
            return new Result(Optional.empty(), sink.sorted());
        }
        Reporter reporter = new Reporter(file, doc.get().sourceMap(), sink);
        Optional<Spec> spec = new SpecBinder(reporter).bind(doc.get().root());
        if (spec.isEmpty()) {
            return new Result(Optional.empty(), sink.sorted());
        }
        ValidatedSpec validated;
        FragmentPrefetch prefetch = FragmentPrefetch.start(spec.get());
        try {
            validated = SpecValidator.validate(spec.get(), catalog, reporter, listener);
            TranslationCheck.check(validated, targets, reporter);
        } finally {
            if (prefetch != null) {
                prefetch.stop();
            }
        }
        validated = new ValidatedSpec(validated.specFile(), validated.spec(), validated.graph(), validated.sourceCatalog(),
                validated.outputColumns(), reporter.sink().sorted());
        return new Result(Optional.of(validated), validated.diagnostics());
    }

    private static SourceCatalog readDdl(SpecInput input, Background<DdlReadResult> ddl, Diagnostics sink) {
        if (ddl == null) {
            return null;
        }
        DdlReadResult result = ddl.get();
        for (DdlProblem p : result.problems()) {
            String shown = p.file() == null ? input.displayName(input.sourceDdl()) : input.displayName(p.file());
            sink.add(new Diagnostic(Severity.ERROR, DiagnosticCode.SP007, p.message(), shown, p.line(), p.column(), "",
                    DiagnosticCode.SP007.fix()));
        }
        return result.catalog();
    }
}
