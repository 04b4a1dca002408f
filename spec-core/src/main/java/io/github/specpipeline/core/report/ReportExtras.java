package io.github.specpipeline.core.report;

import java.util.List;
import java.util.Map;

/**
 * What other goals contribute to the report, when they are available: review files copied into the site and
 * the code generated for each model.
 *
 * @param downloads     review files in the site (workbook, CSV), in the order to list them
 * @param generatedCode per model name, the generated files that build it, in target order
 * @param notes         one sentence each about a section that is not available, shown on the overview
 */
public record ReportExtras(List<Download> downloads, Map<String, List<CodeFile>> generatedCode, List<String> notes) {
    public static final ReportExtras NONE = new ReportExtras(List.of(), Map.of(), List.of());

    public ReportExtras {
        downloads = List.copyOf(downloads);
        generatedCode = Map.copyOf(generatedCode);
        notes = List.copyOf(notes);
    }

    /**
     * A file in the site.
     *
     * @param path        its path from the site root, made by {@link ReportLayout}
     * @param label       the link text
     * @param description what it holds
     */
    public record Download(String path, String label, String description) {}

    /**
     * A generated file.
     *
     * @param target   the platform ({@code duckdb}, {@code dataform}, {@code dbt}, {@code pyspark})
     * @param path     its path under the target's folder
     * @param language a highlighting hint: {@code sql}, {@code yaml}, {@code python}, ...
     * @param content  the file's text
     */
    public record CodeFile(String target, String path, String language, String content) {}
}
