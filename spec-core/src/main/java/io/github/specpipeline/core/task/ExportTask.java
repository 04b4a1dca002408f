package io.github.specpipeline.core.task;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.SpecDiff;
import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.csv.CsvExporter;
import io.github.specpipeline.core.export.html.HtmlReviewPage;
import io.github.specpipeline.core.export.mermaid.MermaidExporter;
import io.github.specpipeline.core.export.mermaid.MermaidRenderer;
import io.github.specpipeline.core.export.xlsx.WorkbookRenderer;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.io.StrictUtf8;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.validate.FragmentListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Exports the spec for review under {@code <outputDirectory>/review/}: {@code spec-review.xlsx}, {@code csv/},
 * {@code diagram.md} with {@code mermaid/*.mmd}, and {@code index.html}.
 *
 * <p>The spec is validated first and every diagnostic is logged; the diagnostics are part of the exports (a
 * reviewer should see what is wrong), and the exports are written whenever the spec could be read, errors or
 * not. Only a spec that cannot be read at all fails the task. Files left over from an earlier run (a removed
 * model's CSV or diagram) are deleted. When the spec, the DDL, the options and the plugin version are unchanged
 * and every output of the last run still exists, nothing is done (see {@link #STAMP}), unless {@code force}.
 */
public final class ExportTask {
    /** The review directory under the output directory. */
    public static final String DIR = "review";
    /** Records what the last run read and wrote; its key decides whether a run can be skipped. */
    public static final String STAMP = DIR + "/.export-stamp";
    /** The time written into files when no {@code project.build.outputTimestamp} is given: 1980-01-01T00:00:00Z. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");

    private ExportTask() {}

    /**
     * @param input           the spec and source DDL
     * @param outputDirectory the plugin's output directory ({@code target/spec-pipeline})
     * @param formats         what to write
     * @param force           write even when the stamp says nothing changed
     * @param timestamp       the time formats that carry one get (the workbook), or null for {@link #DEFAULT_TIMESTAMP}
     * @param maxModelSheets  the most models the workbook gives a sheet each (see {@link WorkbookRenderer#DEFAULT_MAX_MODEL_SHEETS})
     * @param base            the base to show the changes against ({@code specpipeline.base}, see {@link SpecBase}), or
     *                        null: then the exports are exactly what they are without the diff
     */
    public record Options(
            SpecInput input,
            Path outputDirectory,
            Set<ExportFormat> formats,
            boolean force,
            Instant timestamp,
            int maxModelSheets,
            SelectOptions selection) {
        public Options {
            selection = selection == null ? SelectOptions.ALL : selection;
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            formats =
                    formats == null || formats.isEmpty() ? EnumSet.allOf(ExportFormat.class) : EnumSet.copyOf(formats);
            timestamp = timestamp == null ? DEFAULT_TIMESTAMP : timestamp;
            if (maxModelSheets < 0) {
                throw new IllegalArgumentException("maxModelSheets must be 0 or more, not " + maxModelSheets);
            }
        }

        /** The base the exports show changes against ({@code specpipeline.base}), or null. */
        public String base() {
            return selection.base() == null || selection.base().isBlank() ? null : selection.base();
        }

        /** Every model. */
        public Options(
                SpecInput input,
                Path outputDirectory,
                Set<ExportFormat> formats,
                boolean force,
                Instant timestamp,
                int maxModelSheets) {
            this(input, outputDirectory, formats, force, timestamp, maxModelSheets, SelectOptions.ALL);
        }

        /** With the default {@link WorkbookRenderer#DEFAULT_MAX_MODEL_SHEETS}. */
        public Options(
                SpecInput input, Path outputDirectory, Set<ExportFormat> formats, boolean force, Instant timestamp) {
            this(input, outputDirectory, formats, force, timestamp, WorkbookRenderer.DEFAULT_MAX_MODEL_SHEETS);
        }
    }

    /**
     * What happened.
     *
     * @param load    the loaded spec, empty when the run was skipped
     * @param written every file written, in order
     * @param skipped nothing changed since the last run
     * @param failed  the spec could not be read, so nothing was exported
     * @param summary one line for the log
     */
    public record Result(
            Optional<SpecLoader.Result> load, List<Path> written, boolean skipped, boolean failed, String summary) {
        public Result {
            written = List.copyOf(written);
        }
    }

    public static Result run(Options options, SpecLog log) throws IOException {
        TaskRun task = new TaskRun("export", options.input(), options.outputDirectory(), log);
        return task.guard(
                () -> export(options, log, task),
                bug -> new Result(Optional.of(bug.load()), List.of(), false, true, bug.summary()));
    }

    private static Result export(Options options, SpecLog log, TaskRun task) throws IOException {
        SpecInput input = options.input();
        OutputDirectory out = new OutputDirectory(options.outputDirectory());
        String file = input.displayName(input.specFile());
        String key = stampKey(options);
        Path stamp = out.resolve(STAMP);
        // with a base, what the exports show also depends on the base (a git revision moves): never skipped
        if (!options.force() && options.base() == null && upToDate(stamp, key, out)) {
            String summary = "review exports of " + file + " are up to date in " + input.displayName(out.resolve(DIR))
                    + " (nothing changed; -Dspecpipeline.force=true rewrites them)";
            return new Result(Optional.empty(), List.of(), true, false, summary);
        }
        Files.deleteIfExists(stamp);
        return loadAndExport(options, log, task, out, file, key);
    }

    private static Result loadAndExport(
            Options options, SpecLog log, TaskRun task, OutputDirectory out, String file, String key)
            throws IOException {
        SpecInput input = options.input();
        Map<String, List<ColumnRef>> fragmentColumns = new HashMap<>();
        FragmentListener listener = (pointer, fragment) -> {
            if (pointer.endsWith("/transform") || pointer.endsWith("/formula")) {
                fragmentColumns.put(pointer, fragment.columns());
            }
        };
        long start = System.nanoTime();
        SpecLoader.Result load = task.loaded(SpecLoader.load(input, listener));
        log.debug("spec-pipeline export: loaded and validated " + file + " in " + millis(start) + " ms");
        ValidateTask.logDiagnostics(load.diagnostics(), log);
        if (load.spec().isEmpty()) {
            String summary = "cannot export " + file + ": it could not be read ("
                    + plural(load.count(Severity.ERROR), "error") + ", see above and " + task.shownReport() + ")";
            return new Result(Optional.of(load), List.of(), false, true, summary);
        }
        start = System.nanoTime();
        TaskSelection.Outcome selection =
                TaskSelection.resolve(options.selection(), input, load.spec().get());
        if (selection.failed()) {
            ValidateTask.logDiagnostics(selection.errors(), log);
            return new Result(
                    Optional.of(load),
                    List.of(),
                    false,
                    true,
                    "the model selection cannot be applied to " + file + " (see above); nothing was exported");
        }
        SpecReview review = ApprovalStates.apply(SpecReview.of(load.spec().get(), fragmentColumns), input, log);
        if (selection.selected().isPresent()) {
            TaskSelection.logSelection(
                    "export",
                    selection.selected().get(),
                    load.spec().get().spec().models(),
                    log);
            review = review.only(selection.selected().get());
        }
        fragmentColumns.clear();
        if (options.base() != null) {
            SpecBase.Result base = SpecBase.load(options.base(), input);
            if (base instanceof SpecBase.Failed failed) {
                log.diagnostic(failed.diagnostic());
                return new Result(
                        Optional.of(load),
                        List.of(),
                        false,
                        true,
                        "cannot export " + file + " with its changes: "
                                + failed.diagnostic().message());
            }
            SpecBase.Loaded loaded = (SpecBase.Loaded) base;
            review = review.withChanges(
                    loaded.label(), SpecDiff.compare(loaded.spec(), load.spec().get()));
        }
        if (review.columnCount() > LARGE_SPEC_COLUMNS) {
            // the parse cache cannot hold most of a spec this size anyway; the workbook needs the memory more
            SqlFragments.releaseCache();
        }

        List<Path> written = new ArrayList<>();
        List<Written> formats = export(review, out, options.formats(), options.timestamp(), options.maxModelSheets());
        log.debug("spec-pipeline export: wrote " + options.formats() + " in " + millis(start) + " ms");
        for (Written w : formats) {
            log.debug("spec-pipeline export: " + w.format().id() + " took " + w.millis() + " ms");
            written.addAll(w.files());
            String pruned = "";
            if (w.format() == ExportFormat.CSV || w.format() == ExportFormat.MERMAID) {
                String sub = w.format() == ExportFormat.CSV ? "/csv" : "/mermaid";
                int n = prune(out.resolve(DIR + sub), w.format() == ExportFormat.CSV ? ".csv" : ".mmd", w.files());
                pruned = n > 0 ? "; removed " + plural(n, "stale file") : "";
            }
            log.info("Wrote " + w.describe(input) + pruned + ")");
        }
        writeStamp(out, key, written);

        long errors = load.count(Severity.ERROR);
        long warnings = load.count(Severity.WARNING);
        String summary = "exported " + file + " for review to " + input.displayName(out.resolve(DIR)) + ": "
                + plural(review.models().size(), "model") + ", " + plural(review.columnCount(), "column")
                + "; validation: "
                + plural(errors, "error") + ", " + plural(warnings, "warning")
                + (errors > 0 ? " (shown in the exports; the validate goal fails on them)" : "");
        return new Result(Optional.of(load), written, false, false, summary);
    }

    /**
     * What one format wrote.
     *
     * @param main    the file to name in the log ({@code spec-review.xlsx}, the {@code csv} directory, ...)
     * @param files   every file written
     * @param details e.g. {@code 13 sheets}
     */
    public record Written(ExportFormat format, Path main, List<Path> files, String details, long millis) {
        public Written {
            files = List.copyOf(files);
        }

        Written(ExportFormat format, Path main, List<Path> files, String details) {
            this(format, main, files, details, 0);
        }

        Written took(long ms) {
            return new Written(format, main, files, details, ms);
        }

        String describe(SpecInput input) {
            String shown = input.displayName(main) + (Files.isDirectory(main) ? "/" : "");
            if (format == ExportFormat.MERMAID) {
                shown = input.displayName(main) + " and " + input.displayName(main.resolveSibling("mermaid")) + "/";
            }
            return shown + " (" + details;
        }
    }

    /**
     * Above this many columns the workbook is written after the other formats rather than beside them: POI's
     * objects for the workbook and the rendered diagrams then never share the heap, which (with the default
     * {@code maxModelSheets}) lets the 10,000-model benchmark spec export in a small heap (see the benchmark page).
     * Running the two side by side gains little next to the export time of a spec this large.
     */
    static final int LARGE_SPEC_COLUMNS = 50_000;

    /**
     * Writes the selected formats of a reviewed spec under {@code review/}; returns what each wrote, in format order.
     * The workbook, the longest of the four, is written on a thread of its own while this thread writes the others
     * one after the other (each format reads the same immutable review and writes its own files); for a large spec,
     * after them on this thread. Two threads, not four: on a machine with two cores, four threads would share the
     * workbook's core with the others and make the longest job later.
     */
    public static List<Written> export(
            SpecReview review, OutputDirectory out, Set<ExportFormat> formats, Instant timestamp) throws IOException {
        return export(review, out, formats, timestamp, WorkbookRenderer.DEFAULT_MAX_MODEL_SHEETS);
    }

    /** Like {@link #export(SpecReview, OutputDirectory, Set, Instant)}, with a limit on the workbook's model sheets. */
    public static List<Written> export(
            SpecReview review, OutputDirectory out, Set<ExportFormat> formats, Instant timestamp, int maxModelSheets)
            throws IOException {
        Background<Written> workbook = null;
        if (formats.contains(ExportFormat.XLSX)) {
            Callable<Written> writeWorkbook = timed(() -> {
                int[] sheets = {0};
                Path xlsx = out.write(
                        DIR + "/spec-review.xlsx",
                        os -> sheets[0] = WorkbookRenderer.write(review, timestamp, maxModelSheets, os));
                String details = plural(sheets[0], "sheet")
                        + (WorkbookRenderer.hasModelSheets(review, maxModelSheets)
                                ? ""
                                : "; no sheet per model: "
                                        + plural(review.models().size(), "model") + " exceed maxModelSheets ("
                                        + maxModelSheets + "), see All Columns and csv/model_*.csv");
                return new Written(ExportFormat.XLSX, xlsx, List.of(xlsx), details);
            });
            // alone, or for a large spec, the workbook is written last on this thread (see LARGE_SPEC_COLUMNS)
            workbook = formats.size() > 1 && review.columnCount() <= LARGE_SPEC_COLUMNS
                    ? Background.start("spec-pipeline-export-xlsx", writeWorkbook)
                    : Background.later(writeWorkbook);
        }
        List<Written> done = new ArrayList<>();
        try {
            if (workbook != null) {
                done.add(null); // its place in format order; filled in below
            }
            MermaidRenderer.Diagrams[] rendered = {
                formats.contains(ExportFormat.MERMAID) || formats.contains(ExportFormat.HTML)
                        ? MermaidRenderer.render(review)
                        : null
            };
            if (formats.contains(ExportFormat.CSV)) {
                done.add(timed(() -> {
                            List<Path> csv = CsvExporter.write(review, out, DIR + "/csv");
                            return new Written(
                                    ExportFormat.CSV, out.resolve(DIR + "/csv"), csv, plural(csv.size(), "CSV file"));
                        })
                        .call());
            }
            if (formats.contains(ExportFormat.MERMAID)) {
                done.add(timed(() -> {
                            MermaidExporter.Written mmd = MermaidExporter.write(review, rendered[0], out, DIR);
                            List<Path> files = new ArrayList<>();
                            files.add(mmd.markdown());
                            files.addAll(mmd.files());
                            return new Written(
                                    ExportFormat.MERMAID, mmd.markdown(), files, plural(mmd.diagrams(), "diagram"));
                        })
                        .call());
            }
            if (formats.contains(ExportFormat.HTML)) {
                done.add(timed(() -> {
                            Path html =
                                    out.write(DIR + "/index.html", os -> HtmlReviewPage.write(review, rendered[0], os));
                            return new Written(
                                    ExportFormat.HTML,
                                    html,
                                    List.of(html),
                                    "self-contained, Mermaid " + HtmlReviewPage.mermaidVersion());
                        })
                        .call());
            }
            rendered[0] = null;
            if (workbook != null) {
                done.set(0, workbook.getOrThrow()); // runs it here when it was not started on its own thread
            }
            return done;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (workbook != null) {
                workbook.awaitQuietly(); // never leave the workbook half-written behind a failure of another format
            }
        }
    }

    private static Callable<Written> timed(Callable<Written> job) {
        return () -> {
            long t = System.nanoTime();
            return job.call().took(millis(t));
        };
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    // ---- stale files -----------------------------------------------------------------------------------------

    /** Deletes the files with {@code suffix} directly in {@code dir} that this run did not write. */
    private static int prune(Path dir, String suffix, List<Path> keep) throws IOException {
        Set<Path> kept = new HashSet<>();
        keep.forEach(p -> kept.add(p.toAbsolutePath().normalize()));
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (p.getFileName().toString().endsWith(suffix)
                        && Files.isRegularFile(p)
                        && !kept.contains(p.toAbsolutePath().normalize())) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
        return stale.size();
    }

    // ---- stamp -------------------------------------------------------------------------------------------------

    /** A hash of everything the exports depend on. */
    static String stampKey(Options options) throws IOException {
        MessageDigest sha = sha256();
        SpecInput input = options.input();
        update(sha, "spec-pipeline export 1");
        update(sha, "version=" + Version.get());
        update(sha, "formats=" + options.formats());
        update(sha, "timestamp=" + options.timestamp());
        update(sha, "maxModelSheets=" + options.maxModelSheets());
        digestSelection(sha, options.selection(), options.input());
        // the overview shows each model's approval state
        update(sha, "approval");
        digestFile(
                sha,
                io.github.specpipeline.core.approval.ApprovalFile.of(
                        options.input().specFile()));
        digestInputs(sha, input);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The spec and the source DDL as a task reads them: names and bytes, the targets they are checked for. */
    static void digestInputs(MessageDigest sha, SpecInput input) throws IOException {
        // the targets decide the findings (SP304), which the exports show and which fail a test run
        update(sha, "targets=" + input.targetList());
        update(sha, "spec=" + input.displayName(input.specFile()));
        if (input.environment() != null) {
            update(sha, "environment=" + input.environment());
        }
        if (input.isDirectory()) {
            // a spec directory: every file under it, by relative path, so that a changed model file is seen
            TreeSet<String> names = new TreeSet<>();
            try (Stream<Path> files = Files.walk(input.specFile(), java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                files.filter(Files::isRegularFile)
                        .forEach(p -> names.add(
                                input.specFile().relativize(p).toString().replace('\\', '/')));
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            for (String name : names) {
                update(sha, "spec-file=" + name);
                digestFile(sha, input.specFile().resolve(name));
            }
        } else {
            digestFile(sha, input.specFile());
        }
        if (input.sourceDdl() != null) {
            update(sha, "ddl=" + input.displayName(input.sourceDdl()));
            if (Files.isDirectory(input.sourceDdl())) {
                TreeSet<String> names = new TreeSet<>();
                try (Stream<Path> files = Files.list(input.sourceDdl())) {
                    files.forEach(p -> names.add(p.getFileName().toString()));
                }
                for (String name : names) {
                    update(sha, "ddl-file=" + name);
                    digestFile(sha, input.sourceDdl().resolve(name));
                }
            } else {
                digestFile(sha, input.sourceDdl());
            }
        }
    }

    /** The selection and, for {@code changed}, the base spec it compares with. */
    static void digestSelection(MessageDigest sha, SelectOptions selection, SpecInput input) throws IOException {
        if (!selection.any()) {
            return;
        }
        update(sha, "select=" + selection.select());
        if (selection.base() != null && !selection.base().isBlank()) {
            update(sha, "base=" + selection.base());
            if (!selection.base().startsWith("git:")) {
                digestFile(sha, selection.basePath(input.baseDirectory()));
            }
        }
    }

    static void digestFile(MessageDigest sha, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            update(sha, "missing");
            return;
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        update(sha, "end");
    }

    static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stamp names the key and the files written: a few kilobytes. */
    private static final long MAX_STAMP_BYTES = 1L << 20;

    static boolean upToDate(Path stamp, String key, OutputDirectory out) throws IOException {
        if (!Files.isRegularFile(stamp)) {
            return false;
        }
        // a stamp that is not ours to read (too big, not UTF-8) only means the export runs again
        if (!(StrictUtf8.read(stamp, MAX_STAMP_BYTES) instanceof StrictUtf8.Text text)) {
            return false;
        }
        List<String> lines = text.text().lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals("key=" + key)) {
            return false;
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("file=")) {
                Path p;
                try {
                    p = out.resolve(line.substring(5));
                } catch (IllegalArgumentException e) {
                    return false;
                }
                if (!Files.isRegularFile(p)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void writeStamp(OutputDirectory out, String key, List<Path> written) throws IOException {
        writeStamp(out, STAMP, key, written);
    }

    /** Writes a stamp (the key, then each file written, relative to {@code out}) to {@code stamp}. */
    static void writeStamp(OutputDirectory out, String stamp, String key, List<Path> written) throws IOException {
        StringBuilder sb = new StringBuilder("key=").append(key).append('\n');
        for (Path p : written) {
            sb.append("file=")
                    .append(out.root()
                            .relativize(p.toAbsolutePath().normalize())
                            .toString()
                            .replace('\\', '/'))
                    .append('\n');
        }
        out.writeString(stamp, sb.toString());
    }
}
