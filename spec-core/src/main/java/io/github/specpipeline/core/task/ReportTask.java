package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.SpecDiff;
import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.TargetGenerator;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.report.GeneratedCode;
import io.github.specpipeline.core.report.ReportAssets;
import io.github.specpipeline.core.report.ReportBuilder;
import io.github.specpipeline.core.report.ReportExtras;
import io.github.specpipeline.core.report.ReportLayout;
import io.github.specpipeline.core.report.ReportPage;
import io.github.specpipeline.core.report.TestReports;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.validate.FragmentListener;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code report} goal: the pages of the spec's Maven site report, and the files they need written into the
 * site: Mermaid's script, and the review workbook and CSV files (the {@code export} goal's renderers, run into
 * {@code spec-pipeline/review/} of the site). The diagrams are the export's, the generated code is the
 * {@code generate} goal's (made in memory), the test results are what the {@code test} goal last wrote. A spec
 * with errors still gives a report, which shows them; nothing here fails a build on the spec's content.
 */
public final class ReportTask {
    private ReportTask() {}

    /**
     * @param input           the spec and source DDL
     * @param outputDirectory the plugin's output directory, where the {@code test} goal left its JUnit XML reports
     * @param siteDirectory   the site's output directory; the report's files go to {@code spec-pipeline/} in it
     * @param timestamp       the time the workbook carries ({@code project.build.outputTimestamp}); null for the
     *                        export's fixed default
     */
    public record Options(SpecInput input, Path outputDirectory, Path siteDirectory, Instant timestamp, String base) {
        public Options {
            timestamp = timestamp == null ? ExportTask.DEFAULT_TIMESTAMP : timestamp;
        }

        /** Without a base: the pages show no changes. */
        public Options(SpecInput input, Path outputDirectory, Path siteDirectory, Instant timestamp) {
            this(input, outputDirectory, siteDirectory, timestamp, null);
        }

        /**
         * @param targets the generation targets: the spec is checked for them (as {@code validate} does) and their
         *                code is generated in memory for the model pages; they replace the input's
         */
        public Options(
                SpecInput input, Path outputDirectory, Path siteDirectory, Set<Target> targets, Instant timestamp) {
            this(input.withTargets(targets), outputDirectory, siteDirectory, timestamp, null);
        }

        /** The generation targets: the input's. */
        public Set<Target> targets() {
            return input.targets();
        }
    }

    /** The review files copied into the site, under the report's folder. */
    static final Set<ExportFormat> EXPORTS = EnumSet.of(ExportFormat.XLSX, ExportFormat.CSV);

    /**
     * What was made.
     *
     * @param pages   the overview first, then the model pages and the diagnostics page
     * @param files   the files written into the site directory
     * @param summary one line for the log
     */
    public record Result(
            SpecLoader.Result load, TestReports tests, List<ReportPage> pages, List<Path> files, String summary) {
        /** An internal error (SP008, in {@code load}) stopped the report: there is no page, and the site must fail. */
        public boolean failed() {
            return pages.isEmpty();
        }
    }

    /** The code of every target, generated in memory as the {@code generate} goal would write it. */
    private static Map<String, List<ReportExtras.CodeFile>> generatedCode(
            SpecLoader.Result load, Set<Target> targets, SpecLog log) {
        if (load.hasErrors() || load.spec().isEmpty()) {
            return Map.of();
        }
        ValidatedSpec spec = load.spec().get();
        Map<Target, List<GeneratedFile>> files = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            if (targets.contains(t)) {
                try {
                    files.put(t, TargetGenerator.of(t).files(spec));
                } catch (RuntimeException e) {
                    log.warn("spec report: no " + t.id() + " code on the model pages: " + e.getMessage());
                }
            }
        }
        return GeneratedCode.byModel(spec, files);
    }

    /**
     * Runs the export renderers into {@code <site>/spec-pipeline/review/}: the workbook and the CSV files, listed
     * for download. CSV files of an earlier run that this one did not write (a removed model) are deleted.
     */
    private static List<ReportExtras.Download> exports(
            SpecReview review, Path site, Instant timestamp, List<Path> files) throws IOException {
        OutputDirectory folder = new OutputDirectory(site.resolve(ReportLayout.FOLDER));
        OutputDirectory siteDir = new OutputDirectory(site);
        List<ReportExtras.Download> downloads = new ArrayList<>();
        for (ExportTask.Written w : ExportTask.export(review, folder, EXPORTS, timestamp)) {
            files.addAll(w.files());
            for (Path p : w.files()) {
                String path = siteDir.root()
                        .relativize(p.toAbsolutePath().normalize())
                        .toString()
                        .replace('\\', '/');
                downloads.add(new ReportExtras.Download(
                        path,
                        p.getFileName().toString(),
                        describe(p.getFileName().toString())));
            }
            if (w.format() == ExportFormat.CSV) {
                pruneCsv(folder.resolve(ExportTask.DIR + "/csv"), w.files());
            }
        }
        return downloads;
    }

    private static String describe(String file) {
        if (file.endsWith(".xlsx")) {
            return "the whole spec as a workbook: overview, every column, transforms, joins, tests, lineage, findings, "
                    + "a sheet per model";
        }
        if (file.startsWith("model_")) {
            return "one model: columns, joins, filters, aggregations, tests, constraints";
        }
        return switch (file.length() > 3 ? file.substring(0, 3) : file) {
            case "00_" -> "the models";
            case "01_" -> "every output column";
            case "02_" -> "every transform";
            case "03_" -> "every join";
            case "04_" -> "every test";
            case "05_" -> "column lineage";
            case "06_" -> "the validation findings";
            default -> "review file";
        };
    }

    private static void pruneCsv(Path dir, List<Path> keep) throws IOException {
        Set<Path> kept = new HashSet<>();
        keep.forEach(p -> kept.add(p.toAbsolutePath().normalize()));
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(dir, "*.csv")) {
            for (Path p : list) {
                if (Files.isRegularFile(p) && !kept.contains(p.toAbsolutePath().normalize())) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
    }

    private static List<String> notes(SpecLoader.Result load) {
        if (load.hasErrors()) {
            return List.of(
                    "The model pages show no generated code: code is generated only from a spec without errors.");
        }
        return List.of();
    }

    public static Result run(Options options, SpecLog log) throws IOException {
        // no validation reports: the report writes only into the site
        TaskRun task = new TaskRun("report", options.input(), null, log);
        return task.guard(
                () -> report(options, log),
                bug -> new Result(bug.load(), TestReports.NONE, List.of(), List.of(), bug.summary()));
    }

    private static Result report(Options options, SpecLog log) throws IOException {
        SpecInput input = options.input();
        String file = input.displayName(input.specFile());
        Map<String, List<ColumnRef>> fragmentColumns = new HashMap<>();
        FragmentListener listener = (pointer, fragment) -> {
            if (pointer.endsWith("/transform") || pointer.endsWith("/formula")) {
                fragmentColumns.put(pointer, fragment.columns());
            }
        };
        SpecLoader.Result load = SpecLoader.load(input, options.targets(), listener);
        long errors = load.count(Severity.ERROR);
        if (errors > 0) {
            log.warn("spec " + file + " has " + ValidateTask.plural(errors, "error") + "; the report shows them");
        }
        Path reports = options.outputDirectory().resolve(TestReports.FOLDER);
        TestReports tests = TestReports.read(reports);
        for (String problem : tests.problems()) {
            log.warn("test report " + input.displayName(reports) + "/" + problem);
        }
        Optional<SpecReview> review =
                load.spec().map(s -> ApprovalStates.apply(SpecReview.of(s, fragmentColumns), input, log));
        if (options.base() != null && review.isPresent()) {
            // a site build does not fail on a base it cannot read: the pages are made without the changes
            SpecBase.Result base = SpecBase.load(options.base(), input);
            if (base instanceof SpecBase.Loaded loaded) {
                review = Optional.of(review.get()
                        .withChanges(
                                loaded.label(),
                                SpecDiff.compare(loaded.spec(), load.spec().get())));
            } else {
                log.warn(((SpecBase.Failed) base).diagnostic().format() + "; the report shows no changes");
            }
        }
        List<Path> files = new ArrayList<>(ReportAssets.write(new OutputDirectory(options.siteDirectory())));
        List<ReportExtras.Download> downloads = review.isEmpty()
                ? List.of()
                : exports(review.get(), options.siteDirectory(), options.timestamp(), files);
        ReportExtras extras = new ReportExtras(downloads, generatedCode(load, options.targets(), log), notes(load));
        List<ReportPage> pages = ReportBuilder.build(file, load.diagnostics(), review, tests, extras);
        int models = load.spec().map(s -> s.spec().models().size()).orElse(0);
        String summary = "spec report: " + ValidateTask.plural(pages.size(), "page") + " for "
                + ValidateTask.plural(models, "model") + " of " + file + ", "
                + (tests.suites().isEmpty() ? "no test results" : ValidateTask.plural(tests.total(), "test result"));
        return new Result(load, tests, pages, files, summary);
    }
}
