package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.generate.FileClashes;
import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Headers;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.TargetGenerator;
import io.github.specpipeline.core.generate.dbt.DbtAdapter;
import io.github.specpipeline.core.generate.duckdb.SeedFiles;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.json.JsonDocument;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.json.SourceMap;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Generates pipeline code for each target under {@code <outputDirectory>/<target folder>}: validates first
 * (a spec with errors generates nothing), renders every file of every target in memory and checks that no two are
 * one file on disk (SP217), and only then writes, through {@link OutputDirectory}: a generate that fails (a spec
 * error, a clash, a failure while rendering) leaves the previous output as it was. Files whose content did not
 * change are left untouched, and the generated files of a target folder that the spec no longer produces (a
 * deleted model) are removed. Only files that carry the generated header are ever removed, and only inside the
 * folder of a target being generated.
 */
public final class GenerateTask {
    private GenerateTask() {}

    /**
     * @param input           the spec and source DDL, and the targets to generate (the spec is checked for them)
     * @param outputDirectory the plugin's output directory ({@code target/spec-pipeline})
     * @param seeds           the folder of seed CSV files that {@code sql/duckdb/load_seeds.sql} loads (the
     *                        {@code test} goal's {@code specpipeline.seeds}); null or missing: none
     * @param dbtAdapter      the adapter the dbt project is written for ({@code specpipeline.dbtAdapter}); null is
     *                        the default, BigQuery
     */
    public record Options(
            SpecInput input, Path outputDirectory, Path seeds, SelectOptions selection, DbtAdapter dbtAdapter) {
        public Options {
            selection = selection == null ? SelectOptions.ALL : selection;
            dbtAdapter = dbtAdapter == null ? DbtAdapter.DEFAULT : dbtAdapter;
        }

        /** The selected models, for the default dbt adapter. */
        public Options(SpecInput input, Path outputDirectory, Path seeds, SelectOptions selection) {
            this(input, outputDirectory, seeds, selection, null);
        }

        /** Every model, for this dbt adapter. */
        public Options(SpecInput input, Path outputDirectory, Path seeds, DbtAdapter dbtAdapter) {
            this(input, outputDirectory, seeds, SelectOptions.ALL, dbtAdapter);
        }

        /** Every model, for the default dbt adapter. */
        public Options(SpecInput input, Path outputDirectory, Path seeds) {
            this(input, outputDirectory, seeds, SelectOptions.ALL, null);
        }

        /** Without seeds: {@code load_seeds.sql} then only says where each table's seed would be. */
        public Options(SpecInput input, Path outputDirectory) {
            this(input, outputDirectory, (Path) null);
        }

        /** Generates {@code targets} rather than the input's, without seeds. */
        public Options(SpecInput input, Path outputDirectory, Set<Target> targets) {
            this(input.withTargets(targets), outputDirectory, (Path) null);
        }

        /** Generates {@code targets} rather than the input's, with seeds. */
        public Options(SpecInput input, Path outputDirectory, Set<Target> targets, Path seeds) {
            this(input.withTargets(targets), outputDirectory, seeds);
        }

        /**
         * The same options with the dbt adapter a host names ({@code bigquery}, {@code duckdb}, {@code spark}; blank
         * is the default).
         *
         * @throws IllegalArgumentException naming the adapters, for any other name
         */
        public Options withDbtAdapter(String name) {
            return new Options(input, outputDirectory, seeds, selection, DbtAdapter.parse(name));
        }

        /** The targets to generate: the input's. */
        public Set<Target> targets() {
            return input.targets();
        }
    }

    /**
     * What happened.
     *
     * @param files   the files of each target generated (written or already up to date)
     * @param written the files whose content changed
     * @param removed stale generated files that were deleted
     */
    public record Result(
            SpecLoader.Result load,
            Map<Target, List<Path>> files,
            int written,
            List<Path> removed,
            boolean failed,
            String summary) {}

    private static final String MARKER = "Generated by spec-pipeline ";

    public static Result run(Options options, SpecLog log) throws IOException {
        TaskRun task = new TaskRun("generate", options.input(), options.outputDirectory(), log);
        return task.guard(
                () -> generate(options, log, task),
                bug -> new Result(bug.load(), Map.of(), 0, List.of(), true, bug.summary()));
    }

    private static Result generate(Options options, SpecLog log, TaskRun task) throws IOException {
        SpecLoader.Result load = task.loaded(SpecLoader.load(options.input(), checkedTargets(options)));
        ValidateTask.logDiagnostics(load.diagnostics(), log);
        String file = options.input().displayName(options.input().specFile());
        if (load.hasErrors() || load.spec().isEmpty()) {
            long errors = load.count(Severity.ERROR);
            return new Result(
                    load,
                    Map.of(),
                    0,
                    List.of(),
                    true,
                    "spec " + file + " has " + ValidateTask.plural(errors, "error") + "; no code was generated; see "
                            + task.shownReport());
        }
        ValidatedSpec spec = load.spec().get();
        TaskSelection.Outcome selection = TaskSelection.resolve(options.selection(), options.input(), spec);
        if (selection.failed()) {
            ValidateTask.logDiagnostics(selection.errors(), log);
            return new Result(
                    load,
                    Map.of(),
                    0,
                    List.of(),
                    true,
                    "the model selection cannot be applied to " + file + " (see above); no code was generated");
        }
        SeedFiles seeds = SeedFiles.of(options.seeds(), options.input().baseDirectory());
        // every file of every target first: nothing is written unless all of them could be made
        Map<Target, List<GeneratedFile>> generated = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            if (options.targets().contains(target)) {
                generated.put(
                        target,
                        TargetGenerator.of(target, seeds, options.dbtAdapter()).files(spec));
            }
        }
        List<FileClashes.Clash> clashes = FileClashes.find(generated);
        if (selection.selected().isPresent()) {
            // clashes are checked on every file: a selection must not hide a clash the full run would find
            TaskSelection.logSelection(
                    "generate", selection.selected().get(), spec.spec().models(), log);
            generated.replaceAll((target, list) ->
                    selectedFiles(list, spec, selection.selected().get()));
        }
        if (!clashes.isEmpty()) {
            List<Diagnostic> found = clashDiagnostics(options.input(), file, clashes);
            ValidateTask.logDiagnostics(found, log);
            List<Diagnostic> all = new ArrayList<>(load.diagnostics());
            all.addAll(found);
            all.sort(Diagnostic.ORDER);
            // the reports this run wrote must hold the clash too, or they would say the spec is fine
            SpecLoader.Result withClashes = task.loaded(new SpecLoader.Result(load.spec(), List.copyOf(all)));
            return new Result(
                    withClashes,
                    Map.of(),
                    0,
                    List.of(),
                    true,
                    "spec " + file + " has " + ValidateTask.plural(found.size(), "error")
                            + " (generated file names clash);" + " no code was generated; see " + task.shownReport());
        }
        OutputDirectory out = new OutputDirectory(options.outputDirectory());
        Map<Target, List<Path>> files = new EnumMap<>(Target.class);
        Map<Target, Set<Path>> keep = new EnumMap<>(Target.class);
        for (Map.Entry<Target, List<GeneratedFile>> e : generated.entrySet()) {
            List<Path> paths = new ArrayList<>();
            for (GeneratedFile g : e.getValue()) {
                paths.add(out.resolve(
                        e.getKey().folder() + "/" + g.path())); // an unsafe path fails here, before any write
            }
            files.put(e.getKey(), paths);
            keep.put(e.getKey(), new HashSet<>(paths));
        }
        int written = 0;
        for (Map.Entry<Target, List<GeneratedFile>> e : generated.entrySet()) {
            List<Path> paths = files.get(e.getKey());
            for (int i = 0; i < paths.size(); i++) {
                GeneratedFile g = e.getValue().get(i);
                if (!sameContent(paths.get(i), g.content())) {
                    out.writeString(e.getKey().folder() + "/" + g.path(), g.content());
                    written++;
                }
            }
        }
        List<Path> removed = new ArrayList<>();
        for (Target target : files.keySet()) {
            if (selection.selected().isEmpty()) { // with a selection, the other models' files are kept as they are
                removed.addAll(removeStale(out.resolve(target.folder()), keep.get(target)));
            }
            log.info("Generated " + files.get(target).size() + " " + target.id() + " files in "
                    + options.input().displayName(out.resolve(target.folder())));
        }
        for (Path p : removed) {
            log.info("Removed stale generated file " + options.input().displayName(p));
        }
        int total = files.values().stream().mapToInt(List::size).sum();
        String summary = "generated " + total + " files for "
                + String.join(", ", files.keySet().stream().map(Target::id).toList()) + " from " + file + " (" + written
                + " changed, " + removed.size() + " removed)"
                + selection
                        .selected()
                        .map(sel -> "; selection: " + sel.size() + " of "
                                + spec.spec().models().size() + " models, other models' files left as they were")
                        .orElse("");
        return new Result(load, files, written, removed, false, summary);
    }

    /**
     * The files of the selected models and every file that is no model's (project files, run scripts, schema files),
     * which are written whole: a project that lists every model stays one that runs.
     */
    private static List<GeneratedFile> selectedFiles(
            List<GeneratedFile> files, ValidatedSpec spec, List<String> selected) {
        Map<Integer, String> byIndex = new java.util.HashMap<>();
        spec.spec().models().forEach(m -> byIndex.put(m.index(), m.name()));
        Set<String> keep = Set.copyOf(selected);
        List<GeneratedFile> out = new ArrayList<>();
        for (GeneratedFile g : files) {
            java.util.regex.Matcher m = MODEL_POINTER.matcher(g.pointer());
            if (!m.lookingAt() || keep.contains(byIndex.get(Integer.parseInt(m.group(1))))) {
                out.add(g);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern MODEL_POINTER =
            java.util.regex.Pattern.compile("/models/(\\d+)(?:/|$)");

    /**
     * The targets the spec is checked for: the input's, and for a dbt project on DuckDB or Spark also the target
     * written in that dialect (its SP304 findings name it), so that a fragment the adapter's dialect cannot express
     * is a located finding rather than a render that fails.
     */
    static Set<Target> checkedTargets(Options options) {
        Set<Target> targets = java.util.EnumSet.copyOf(options.targets());
        if (targets.contains(Target.DBT)) {
            switch (options.dbtAdapter()) {
                case DUCKDB -> targets.add(Target.DUCKDB);
                case SPARK -> targets.add(Target.PYSPARK);
                case BIGQUERY -> {}
            }
        }
        return targets;
    }

    /** SP217 for each clash, located at the spec element the clashing name comes from. */
    private static List<Diagnostic> clashDiagnostics(SpecInput input, String file, List<FileClashes.Clash> clashes) {
        // the spec is read again, whole, only on this rare path: the load keeps no source map
        Diagnostics sink = new Diagnostics();
        SourceMap map = new LocatedJsonReader((severity, code, location, pointer, message, hint) -> {})
                .read(input.specFile())
                .map(JsonDocument::sourceMap)
                .orElse(null);
        Reporter reporter = new Reporter(file, map, sink);
        for (FileClashes.Clash c : clashes) {
            reporter.error(DiagnosticCode.SP217, c.pointer(), c.message(), DiagnosticCode.SP217.fix());
        }
        return sink.sorted();
    }

    private static boolean sameContent(Path path, String content) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return Files.size(path) == bytes.length && java.util.Arrays.equals(Files.readAllBytes(path), bytes);
    }

    /** Deletes files under {@code folder} that are not in {@code keep} and carry the generated header; then empty folders. */
    private static List<Path> removeStale(Path folder, Set<Path> keep) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !keep.contains(p)
                    && isGenerated(p)) {
                Files.delete(p);
                removed.add(p);
            } else if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !p.equals(folder)) {
                try (Stream<Path> children = Files.list(p)) {
                    if (children.findAny().isEmpty()) {
                        Files.delete(p);
                    }
                }
            }
        }
        removed.sort(Comparator.naturalOrder());
        return removed;
    }

    private static boolean isGenerated(Path p) throws IOException {
        byte[] head = new byte[400];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8);
        int firstLineEnd = text.indexOf('\n');
        String first = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
        return first.contains(MARKER) && first.contains("Do not edit");
    }

    /** The header text, for tests. */
    static String header(String specFile) {
        return Headers.text(specFile);
    }
}
