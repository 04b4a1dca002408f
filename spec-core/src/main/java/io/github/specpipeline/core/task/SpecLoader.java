package io.github.specpipeline.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.ddl.DdlProblem;
import io.github.specpipeline.core.ddl.DdlReadResult;
import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceDdlReader;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.engine.bigquery.EngineWarmUp;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.TranslationCheck;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.model.Environment;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.parse.Names;
import io.github.specpipeline.core.parse.SpecBinder;
import io.github.specpipeline.core.validate.FragmentListener;
import io.github.specpipeline.core.validate.SpecValidator;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads, binds and validates a spec: the first step of every goal. */
public final class SpecLoader {
    private SpecLoader() {}

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

    /** Loads and validates for the input's targets (see {@link #load(SpecInput, Set, FragmentListener)}). */
    public static Result load(SpecInput input) {
        return load(input, input.targets(), FragmentListener.NONE);
    }

    /** Loads and validates for the given targets (see {@link #load(SpecInput, Set, FragmentListener)}). */
    public static Result load(SpecInput input, Set<Target> targets) {
        return load(input, targets, FragmentListener.NONE);
    }

    /** Loads and validates for the input's targets; {@code listener} is told about every SQL fragment validation parsed. */
    public static Result load(SpecInput input, FragmentListener listener) {
        return load(input, input.targets(), listener);
    }

    /**
     * Loads and validates a spec. Besides the spec's own rules, every SQL fragment must translate to the dialect of
     * each of {@code targets} (SP304) and every model must be expressible in generated code (SP305);
     * {@code listener} is told about every SQL fragment validation parsed.
     */
    public static Result load(SpecInput input, Set<Target> targets, FragmentListener listener) {
        // GoogleSQL's engine takes seconds to start and does not depend on the spec: start it while the spec is read
        // and checked (only the first validation of a JVM needs it; with one processor there is nothing to overlap)
        Background<EngineWarmUp> warmUp = input.googleSql()
                        && EngineWarmUp.worthwhile()
                        && Runtime.getRuntime().availableProcessors() > 1
                ? Background.start("spec-pipeline-googlesql", EngineWarmUp::run)
                : null;
        try {
            return loadAndValidate(input, targets, listener);
        } finally {
            if (warmUp != null) {
                warmUp.get().close();
            }
        }
    }

    private static Result loadAndValidate(SpecInput input, Set<Target> targets, FragmentListener listener) {
        Diagnostics sink = new Diagnostics();
        String file = input.displayName(input.specFile());
        // reading problems go to sink until it is merged into the bound diagnostics, then straight to those
        Reporter[] early = {new Reporter(file, null, sink)};
        LocatedJsonReader reader = new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
                early[0].at(severity, code, location, pointer, message, hint));
        // the DDL files are independent of the JSON: read both at once (the DDL problems are still added after the
        // JSON's, as when they were read one after the other)
        Background<DdlReadResult> ddl = input.sourceDdl() == null
                ? null
                : Background.start("spec-pipeline-ddl", () -> SourceDdlReader.read(input.sourceDdl()));
        // The models are bound one at a time as they are read, so that neither the whole JSON tree nor a location
        // per JSON node is ever held; the few locations the diagnostics need are looked up in one more pass at the end.
        Diagnostics bound = new Diagnostics();
        Reporter reporter = Reporter.deferred(file, bound);
        Optional<Spec> spec;
        Runnable locate;
        if (input.isDirectory()) {
            Optional<SpecDirectory.Read> dir = SpecDirectory.read(input, reporter, sink);
            SourceCatalog catalog = readDdl(input, ddl, sink);
            if (dir.isEmpty()) {
                return new Result(Optional.empty(), sink.sorted());
            }
            bound.addAll(sink.sorted());
            spec = dir.get().spec();
            locate = () -> dir.get().directory().locate(reporter, bound);
            return validated(input, targets, listener, reporter, spec, catalog, locate);
        }
        Optional<Bound> read = readAndBind(reader, input, reporter);
        SourceCatalog catalog = readDdl(input, ddl, sink);
        if (read.isEmpty()) {
            return new Result(Optional.empty(), sink.sorted());
        }
        LocatedJsonReader.StreamedDocument doc = read.get().document();
        spec = read.get().spec();
        bound.addAll(sink.sorted());
        early[0] = new Reporter(file, null, bound);
        locate = () -> located(reader, input, doc, reporter);
        return validated(input, targets, listener, reporter, spec, catalog, locate);
    }

    /** Validates a bound spec and puts it in the input's environment; {@code locate} locates the diagnostics. */
    private static Result validated(
            SpecInput input,
            Set<Target> targets,
            FragmentListener listener,
            Reporter reporter,
            Optional<Spec> spec,
            SourceCatalog catalog,
            Runnable locate) {
        if (spec.isEmpty()) {
            locate.run();
            return new Result(Optional.empty(), reporter.sink().sorted());
        }
        ValidatedSpec validated;
        FragmentPrefetch prefetch = FragmentPrefetch.start(spec.get());
        try {
            validated = SpecValidator.validate(spec.get(), catalog, reporter, listener, input.googleSql());
            TranslationCheck.check(validated, targets, reporter);
        } finally {
            if (prefetch != null) {
                prefetch.stop();
            }
        }
        Spec built = inEnvironment(validated.spec(), input.environment(), reporter);
        locate.run();
        validated = new ValidatedSpec(
                validated.specFile(),
                built,
                validated.graph(),
                validated.sourceCatalog(),
                validated.outputColumns(),
                reporter.sink().sorted(),
                validated.written());
        return new Result(Optional.of(validated), validated.diagnostics());
    }

    /**
     * The spec with the schema names of {@code environment} (null: as it is). Validation checked the spec's own
     * names, which the models' references use; only what the build writes afterwards (generated code, the test
     * goal's tables) sees the environment's. An unknown environment is an error naming the defined ones.
     */
    private static Spec inEnvironment(Spec spec, String environment, Reporter reporter) {
        if (environment == null) {
            return spec;
        }
        Environment env = spec.environments().get(environment);
        if (env != null) {
            return spec.withSchema(env.apply(spec.schema()));
        }
        String defined = spec.environments().isEmpty()
                ? "the spec defines no environments"
                : "defined: " + String.join(", ", spec.environments().keySet());
        reporter.error(
                DiagnosticCode.SP110,
                spec.environments().isEmpty() ? "" : "/environments",
                "unknown environment " + Names.show(environment) + " (" + defined + ")",
                Names.closest(environment, List.copyOf(spec.environments().keySet()))
                        .map(c -> "did you mean '" + c + "'?")
                        .orElse(DiagnosticCode.SP110.fix()));
        return spec;
    }

    /** A spec as read (the document without its models) and bound. */
    private record Bound(LocatedJsonReader.StreamedDocument document, Optional<Spec> spec) {}

    /**
     * Reads the spec, binding each model as soon as it is read; empty when it cannot be read (reported through the
     * reader). The binder and its shared strings are dropped on return.
     */
    private static Optional<Bound> readAndBind(LocatedJsonReader reader, SpecInput input, Reporter reporter) {
        SpecBinder binder = new SpecBinder(reporter);
        List<Model> models = new ArrayList<>();
        int mark = reporter.mark();
        Optional<LocatedJsonReader.StreamedDocument> doc =
                reader.stream(input.specFile(), "models", new LocatedJsonReader.ElementHandler() {
                    @Override
                    public void restart() {
                        // a duplicate "models" key: only the last one counts, as in a tree
                        models.clear();
                        reporter.rollback(mark);
                    }

                    @Override
                    public void element(JsonNode element, int index) {
                        Model model = binder.bindModel(element, index);
                        if (model != null) {
                            models.add(model);
                        }
                    }
                });
        return doc.map(d -> new Bound(d, binder.bind(d.root(), d.streamed() ? models : null)));
    }

    /** Locates the reporter's diagnostics by reading the file once more. */
    private static void located(
            LocatedJsonReader reader, SpecInput input, LocatedJsonReader.StreamedDocument doc, Reporter reporter) {
        Collection<String> pointers = reporter.pendingPointers();
        if (!pointers.isEmpty()) {
            // a problem here (the file changed meanwhile) is reported through the reader into the reporter's sink
            reporter.resolve(
                    reader.locate(input.specFile(), doc.fingerprint(), pointers).orElse(null));
        }
    }

    private static SourceCatalog readDdl(SpecInput input, Background<DdlReadResult> ddl, Diagnostics sink) {
        if (ddl == null) {
            return null;
        }
        DdlReadResult result = ddl.get();
        for (DdlProblem p : result.problems()) {
            String shown = p.file() == null ? input.displayName(input.sourceDdl()) : input.displayName(p.file());
            sink.add(new Diagnostic(
                    Severity.ERROR,
                    DiagnosticCode.SP007,
                    p.message(),
                    shown,
                    p.line(),
                    p.column(),
                    "",
                    p.fix() != null ? p.fix() : DiagnosticCode.SP007.fix()));
        }
        return result.catalog();
    }
}
