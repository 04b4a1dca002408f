package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.io.OutputDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code validation/report.json} and {@code validation/report.sarif} under the output directory. Every goal that
 * reads the spec writes them, not only {@code validate}: in a Maven build the goal that first meets a broken spec
 * ({@code generate}, bound to {@code generate-sources}) fails the build before {@code validate} (in {@code verify})
 * runs, and reports left from the last good run would tell CI that the spec has no errors.
 */
final class ValidationReportFiles {
    static final String JSON = "validation/report.json";
    static final String SARIF = "validation/report.sarif";

    private ValidationReportFiles() {}

    /** Writes both reports of {@code diagnostics}; returns their paths, the JSON report first. */
    static List<Path> write(SpecInput input, Path outputDirectory, List<Diagnostic> diagnostics) throws IOException {
        OutputDirectory out = new OutputDirectory(outputDirectory);
        String file = input.displayName(input.specFile());
        Path json = out.writeString(JSON, ValidationReports.json(file, diagnostics));
        Path sarif = out.writeString(SARIF, ValidationReports.sarif(diagnostics));
        return List.of(json, sarif);
    }

    /** The JSON report's path as messages show it. */
    static String shownJson(SpecInput input, Path outputDirectory) {
        return input.displayName(new OutputDirectory(outputDirectory).resolve(JSON));
    }
}
