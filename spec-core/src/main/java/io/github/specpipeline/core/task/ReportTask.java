package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.report.ReportAssets;
import io.github.specpipeline.core.report.ReportBuilder;
import io.github.specpipeline.core.report.ReportExtras;
import io.github.specpipeline.core.report.ReportPage;
import io.github.specpipeline.core.report.TestReports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
     */
    public record Options(SpecInput input, Path outputDirectory, Path siteDirectory) {
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

    public static Result run(Options options, SpecLog log) throws IOException {
        SpecInput input = options.input();
        String file = input.displayName(input.specFile());
        SpecLoader.Result load = SpecLoader.load(input);
        long errors = load.count(Severity.ERROR);
        if (errors > 0) {
            log.warn("spec " + file + " has " + ValidateTask.plural(errors, "error") + "; the report shows them");
        }
        Path reports = options.outputDirectory().resolve(TestReports.FOLDER);
        TestReports tests = TestReports.read(reports);
        for (String problem : tests.problems()) {
            log.warn("test report " + input.displayName(reports) + "/" + problem);
        }
        ReportExtras extras = ReportExtras.NONE;
        List<ReportPage> pages = ReportBuilder.build(file, load.diagnostics(), load.spec(), tests, extras);
        List<Path> files = new ArrayList<>(ReportAssets.write(new OutputDirectory(options.siteDirectory())));
        int models = load.spec().map(s -> s.spec().models().size()).orElse(0);
        String summary = "spec report: " + ValidateTask.plural(pages.size(), "page") + " for "
                + ValidateTask.plural(models, "model") + " of " + file + ", "
                + (tests.suites().isEmpty() ? "no test results" : ValidateTask.plural(tests.total(), "test result"));
        return new Result(load, tests, pages, files, summary);
    }
}
