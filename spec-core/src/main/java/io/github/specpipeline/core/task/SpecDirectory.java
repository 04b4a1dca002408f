package io.github.specpipeline.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.json.SourceMap;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.ModelFile;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.parse.SpecBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A spec kept as a directory: {@code spec.json} (the schema block, environments and other spec-level keys) and one
 * model object per file under {@code models/} (any depth, {@code .json}). The files are read in the order of their
 * paths relative to the directory ('/' separators, compared as strings), so a model's index, and everything ordered
 * by it, is the same on every machine. Each file is one small tree, bound and dropped before the next is read; the
 * locations diagnostics need are looked up at the end, in just the files that have diagnostics.
 *
 * <p>A model's pointers are those of the spec it stands for, {@code /models/<index>/...}: the checks and the review
 * are unchanged, and only locating turns a pointer into the model's own file and line.
 */
final class SpecDirectory {
    static final String SPEC_FILE = "spec.json";
    static final String MODELS = "models";

    private final SpecInput input;
    private final Path specJson;
    private final String specJsonShown;
    private final List<Path> files = new ArrayList<>();
    private final List<ModelFile> modelFiles = new ArrayList<>();
    private final List<LocatedJsonReader.Fingerprint> fingerprints = new ArrayList<>();
    private LocatedJsonReader.Fingerprint specFingerprint;

    private SpecDirectory(SpecInput input) {
        this.input = input;
        this.specJson = input.specFile().resolve(SPEC_FILE);
        this.specJsonShown = input.displayName(specJson);
    }

    /** The directory read and bound; empty when spec.json cannot be read (reported into {@code early}). */
    static Optional<SpecDirectory.Read> read(SpecInput input, Reporter reporter, Diagnostics early) {
        SpecDirectory dir = new SpecDirectory(input);
        return dir.readAll(reporter, early).map(spec -> new Read(dir, spec));
    }

    /** What {@link #read} gives: the directory (for {@link #locate}) and the bound spec, if it could be bound. */
    record Read(SpecDirectory directory, Optional<Spec> spec) {}

    /** Empty when spec.json cannot be read; else the bound spec, empty when it cannot be bound. */
    private Optional<Optional<Spec>> readAll(Reporter reporter, Diagnostics early) {
        if (!Files.isRegularFile(specJson)) {
            early.add(problem(
                    DiagnosticCode.SP107,
                    input.displayName(input.specFile()),
                    "spec directory " + input.displayName(input.specFile()) + " has no " + SPEC_FILE,
                    DiagnosticCode.SP107.fix()));
            return Optional.empty();
        }
        LocatedJsonReader specReader = readerFor(specJsonShown, early);
        int[] inline = {0};
        Optional<LocatedJsonReader.StreamedDocument> doc =
                specReader.stream(specJson, MODELS, new LocatedJsonReader.ElementHandler() {
                    @Override
                    public void restart() {
                        inline[0] = 0;
                    }

                    @Override
                    public void element(JsonNode element, int index) {
                        inline[0]++;
                    }
                });
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        specFingerprint = doc.get().fingerprint();
        if (inline[0] > 0) {
            // one place per model: a model in spec.json and another in models/ would make a reviewer look in two
            reporter.atKey(
                    Severity.ERROR,
                    DiagnosticCode.SP107,
                    "/" + MODELS,
                    "spec.json of a spec directory holds no models (found " + inline[0] + ")",
                    "move each model to its own file under models/, e.g. models/<name>.json");
        }
        SpecBinder binder = new SpecBinder(reporter);
        List<Model> models = new ArrayList<>();
        List<Path> paths = modelPaths(early);
        // the files are read and parsed a few ahead, in a second thread, while each is bound here in path order
        try (ModelFileReads reads = ModelFileReads.start(
                paths,
                (file, problems) -> readerFor(input.displayName(file), problems).readUnlocated(file))) {
            for (Path file : paths) {
                int index = files.size();
                String shown = input.displayName(file);
                ModelFileReads.Read read = reads.next();
                early.addAll(read.problems());
                Optional<LocatedJsonReader.UnlocatedDocument> model = read.document();
                files.add(file);
                modelFiles.add(new ModelFile(
                        shown,
                        model.map(LocatedJsonReader.UnlocatedDocument::sha256).orElse("")));
                fingerprints.add(model.map(LocatedJsonReader.UnlocatedDocument::fingerprint)
                        .orElse(null));
                model.map(m -> binder.bindModel(m.root(), index)).ifPresent(models::add);
            }
        }
        return Optional.of(binder.bind(doc.get().root(), models).map(s -> s.withModelFiles(modelFiles)));
    }

    /** A reader whose problems (syntax, encoding, limits) are located in {@code shown}, at once. */
    private static LocatedJsonReader readerFor(String shown, Diagnostics sink) {
        Reporter at = new Reporter(shown, null, sink);
        return new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
                at.at(severity, code, location, pointer, message, hint));
    }

    /** The model files, sorted; links that leave the directory are reported and left out. */
    private List<Path> modelPaths(Diagnostics early) {
        Path models = input.specFile().resolve(MODELS);
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        Path root;
        List<Path> found;
        try {
            root = input.specFile().toRealPath();
            try (Stream<Path> walk = Files.walk(models, FileVisitOption.FOLLOW_LINKS)) {
                found = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .toList();
            }
        } catch (IOException | UncheckedIOException e) {
            // a link loop, or a folder that cannot be listed
            early.add(problem(
                    DiagnosticCode.SP107,
                    input.displayName(models),
                    "cannot list the model files: " + e.getMessage(),
                    "remove the link loop or unreadable folder under models/"));
            return List.of();
        }
        Map<String, Path> byName = new java.util.TreeMap<>();
        for (Path p : found) {
            String relative = input.specFile().relativize(p).toString().replace('\\', '/');
            try {
                if (!p.toRealPath().startsWith(root)) {
                    early.add(problem(
                            DiagnosticCode.SP109,
                            input.displayName(p),
                            "the model file is a link to " + p.toRealPath() + ", outside the spec directory",
                            DiagnosticCode.SP109.fix()));
                    continue;
                }
            } catch (IOException e) {
                early.add(problem(DiagnosticCode.SP001, input.displayName(p), "cannot read: " + e.getMessage(), ""));
                continue;
            }
            byName.put(relative, p);
        }
        return List.copyOf(byName.values());
    }

    /** A problem with a file as a whole (no line): what the directory's layout gets wrong. */
    private static Diagnostic problem(DiagnosticCode code, String file, String message, String hint) {
        return new Diagnostic(Severity.ERROR, code, message, file, 0, 0, "", hint);
    }

    /**
     * Locates the reporter's pending diagnostics: a pointer under {@code /models/<i>} in model file i, any other in
     * spec.json. Each file with diagnostics is read once more; problems doing so go to {@code sink}.
     */
    void locate(Reporter reporter, Diagnostics sink) {
        Collection<String> pointers = reporter.pendingPointers();
        if (pointers.isEmpty()) {
            return;
        }
        Map<Integer, List<String>> byFile = new LinkedHashMap<>();
        for (String pointer : pointers) {
            int i = modelIndex(pointer);
            byFile.computeIfAbsent(i, k -> new ArrayList<>()).add(inner(pointer, i));
        }
        Map<Integer, SourceMap> maps = new HashMap<>();
        byFile.forEach((i, inner) -> {
            Path file = i < 0 ? specJson : files.get(i);
            LocatedJsonReader.Fingerprint fp = i < 0 ? specFingerprint : fingerprints.get(i);
            if (fp != null) {
                readerFor(i < 0 ? specJsonShown : modelFiles.get(i).file(), sink)
                        .locate(file, fp, inner)
                        .ifPresent(map -> maps.put(i, map));
            }
        });
        reporter.resolve(pointer -> {
            int i = modelIndex(pointer);
            return i < 0
                    ? new Reporter.Region(specJsonShown, "", maps.get(i))
                    : new Reporter.Region(modelFiles.get(i).file(), "/" + MODELS + "/" + i, maps.get(i));
        });
    }

    /** The model file a pointer is in, or -1 for spec.json. */
    private int modelIndex(String pointer) {
        String prefix = "/" + MODELS + "/";
        if (!pointer.startsWith(prefix)) {
            return -1;
        }
        int end = pointer.indexOf('/', prefix.length());
        String segment = pointer.substring(prefix.length(), end < 0 ? pointer.length() : end);
        try {
            int i = Integer.parseInt(segment);
            return i >= 0 && i < files.size() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String inner(String pointer, int index) {
        return index < 0 ? pointer : pointer.substring(("/" + MODELS + "/" + index).length());
    }
}
