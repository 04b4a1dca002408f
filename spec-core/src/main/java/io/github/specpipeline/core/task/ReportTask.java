package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.TargetGenerator;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.report.GeneratedCode;
import io.github.specpipeline.core.report.ReportAssets;
import io.github.specpipeline.core.report.ReportBuilder;
import io.github.specpipeline.core.report.ReportExtras;
import io.github.specpipeline.core.report.ReportPage;
import io.github.specpipeline.core.report.TestReports;
import io.github.specpipeline.core.validate.ValidatedSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code report} goal: the pages of the spec's Maven site report, and the files they need written into the
 * site (Mermaid's script). A spec with errors still gives a report, which shows them; nothing here fails a
 * build on the spec's content.
 */
public final class ReportTask {
    private ReportTask() {
    }

    /**
     * @param input           the spec and source DDL
     * @param outputDirectory the plugin's output directory, where the {@code test} goal left its JUnit XML reports
     * @param siteDirectory   the site's output directory; the report's files go to {@code spec-pipeline/} in it
     * @param targets         the generation targets: the spec is checked for them (as {@code validate} does) and
     *                        their code is generated in memory for the model pages
     */
    public record Options(SpecInput input, Path outputDirectory, Path siteDirectory, Set<Target> targets) {
        public Options {
            targets = Set.copyOf(targets);
        }
    }

    /**
     * What was made.
     *
     * @param pages   the overview first, then the model pages and the diagnostics page
     * @param files   the files written into the site directory
     * @param summary one line for the log
     */
    public record Result(SpecLoader.Result load, TestReports tests, List<ReportPage> pages, List<Path> files, String summary) {
    }

    /** The code of every target, generated in memory as the {@code generate} goal would write it. */
    private static Map<String, List<ReportExtras.CodeFile>> generatedCode(SpecLoader.Result load, Set<Target> targets, SpecLog log) {
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

    private static List<String> notes(SpecLoader.Result load) {
        if (load.hasErrors()) {
            return List.of("The model pages show no generated code: code is generated only from a spec without errors.");
        }
        return List.of();
    }

    public static Result run(Options options, SpecLog log) throws IOException {
        SpecInput input = options.input();
        String file = input.displayName(input.specFile());
        SpecLoader.Result load = SpecLoader.load(input, options.targets());
        long errors = load.count(Severity.ERROR);
        if (errors > 0) {
            log.warn("spec " + file + " has " + ValidateTask.plural(errors, "error") + "; the report shows them");
        }
        Path reports = options.outputDirectory().resolve(TestReports.FOLDER);
        TestReports tests = TestReports.read(reports);
        for (String problem : tests.problems()) {
            log.warn("test report " + input.displayName(reports) + "/" + problem);
        }
        ReportExtras extras = new ReportExtras(List.of(), generatedCode(load, options.targets(), log), notes(load));
        List<ReportPage> pages = ReportBuilder.build(file, load.diagnostics(), load.spec(), tests, extras);
        List<Path> files = new ArrayList<>(ReportAssets.write(new OutputDirectory(options.siteDirectory())));
        int models = load.spec().map(s -> s.spec().models().size()).orElse(0);
        String summary = "spec report: " + ValidateTask.plural(pages.size(), "page") + " for "
                + ValidateTask.plural(models, "model") + " of " + file + ", "
                + (tests.suites().isEmpty() ? "no test results" : ValidateTask.plural(tests.total(), "test result"));
        return new Result(load, tests, pages, files, summary);
    }
}
