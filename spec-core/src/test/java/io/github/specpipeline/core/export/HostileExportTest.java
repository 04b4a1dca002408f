package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.csv.CsvExporter;
import io.github.specpipeline.core.export.csv.CsvText;
import io.github.specpipeline.core.export.mermaid.MermaidRenderer;
import io.github.specpipeline.core.task.ExportTask;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec in {@code export/hostile} puts formulas, markup, quotes, brackets, pipes, Mermaid syntax, line breaks,
 * control characters, a 45,000-character description and invalid model names ({@code ../../../etc/passwd},
 * {@code sheet[1]:*?/\}, {@code dup}/{@code DUP}) into every field the exports show. Nothing of it may become a
 * formula, markup, diagram syntax or a path.
 */
class HostileExportTest {
    @TempDir
    static Path out;

    static Path review;
    static ExportTask.Result result;

    @BeforeAll
    static void export() throws IOException {
        result = ExportFixtures.export(ExportFixtures.hostile(), out);
        review = out.resolve("review");
    }

    @Test
    void theSpecHasErrorsYetEveryFormatIsWritten() {
        assertThat(result.failed()).isFalse();
        assertThat(result.load().orElseThrow().hasErrors()).isTrue();
        assertThat(review.resolve("spec-review.xlsx")).isRegularFile();
        assertThat(review.resolve("index.html")).isRegularFile();
        assertThat(review.resolve("diagram.md")).isRegularFile();
        assertThat(review.resolve("csv/06_validation.csv")).isRegularFile();
    }

    @Test
    void noFileLeavesTheReviewDirectoryAndFileNamesAreSafe() throws IOException {
        for (String f : ExportFixtures.files(out)) {
            // the review files, and the validation reports every goal writes
            assertThat(f)
                    .matches(
                            "validation/report\\.(json|sarif)|review/(\\.export-stamp|spec-review\\.xlsx|index\\.html|diagram\\.md"
                                    + "|csv/[A-Za-z0-9_]+\\.csv|mermaid/[A-Za-z0-9_]+(\\.flow|\\.lineage)?(-\\d+)?\\.mmd)");
        }
        assertThat(review.resolve("csv/model_model_5.csv")).isRegularFile();
        assertThat(review.resolve("csv/model_model_6.csv")).isRegularFile();
        assertThat(review.resolve("csv/model_dup.csv")).isRegularFile();
        assertThat(review.resolve("csv/model_DUP_2.csv")).isRegularFile();
    }

    @Test
    void csvFilesAreRectangularAndNoCellCanBeEvaluated() throws IOException {
        for (String f : ExportFixtures.files(review.resolve("csv"))) {
            try (Reader r = Files.newBufferedReader(review.resolve("csv").resolve(f), StandardCharsets.UTF_8);
                    CSVParser parser = CSVParser.parse(r, CsvExporter.FORMAT)) {
                List<CSVRecord> records = parser.getRecords();
                int width = records.get(0).size();
                for (CSVRecord rec : records) {
                    assertThat(rec.size())
                            .as(f + " line " + rec.getRecordNumber())
                            .isEqualTo(width);
                    for (String cell : rec) {
                        assertThat(CsvText.isDangerous(cell))
                                .as(f + ": " + cell)
                                .isFalse();
                        assertThat(cell).isNotEqualTo("None").isNotEqualTo("null");
                    }
                }
            }
        }
        String all = Files.readString(review.resolve("csv/01_all_columns.csv"));
        assertThat(all)
                .contains(",'-2+3\n")
                .contains(",'+1+2\n")
                .doesNotContain(",=")
                .contains(",-12.5\n");
        assertThat(Files.readString(review.resolve("csv/model_end.csv"))).contains("\nOwner,'=cmd|' /C calc'!A0,");
    }

    @Test
    void theWorkbookHasNoFormulaAndMarksEveryFormulaLikeTextAsText() throws Exception {
        try (XSSFWorkbook wb = WorkbookTest.open(review.resolve("spec-review.xlsx"))) {
            Set<String> names = new HashSet<>();
            int dangerous = 0;
            for (Sheet sheet : wb) {
                String name = sheet.getSheetName();
                assertThat(name)
                        .hasSizeLessThanOrEqualTo(31)
                        .doesNotContainPattern("[\\[\\]:*?/\\\\]")
                        .doesNotStartWith("'")
                        .doesNotEndWith("'");
                assertThat(names.add(name.toLowerCase(Locale.ROOT))).as(name).isTrue();
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).isIn(CellType.STRING, CellType.NUMERIC);
                        if (cell.getCellType() == CellType.STRING) {
                            String v = cell.getStringCellValue();
                            assertThat(v.length()).isLessThanOrEqualTo(32_767);
                            if (CsvText.isDangerous(v)) {
                                dangerous++;
                                assertThat(cell.getCellStyle().getQuotePrefixed())
                                        .as(name + "!" + cell.getAddress())
                                        .isTrue();
                            }
                        }
                    }
                }
            }
            assertThat(dangerous).isGreaterThan(10);
            assertThat(names)
                    .contains(
                            "overview",
                            "overview~2",
                            "history_",
                            "_________etc_passwd",
                            "sheet_1______",
                            "dup",
                            "dup~2");
        }
    }

    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]*)\"");

    @Test
    void everyDiagramStaysInMermaidsLimitsAndItsLabelsHoldNoSyntax() throws IOException {
        List<String> files = ExportFixtures.files(review.resolve("mermaid"));
        assertThat(files).hasSizeGreaterThan(10);
        for (String f : files) {
            String text = Files.readString(review.resolve("mermaid").resolve(f));
            assertDiagramIsSafe(f, text);
        }
    }

    /** Limits, one statement per line of a known form, and labels made only of text and entity codes. */
    static void assertDiagramIsSafe(String name, String text) {
        assertThat(text.length()).as(name).isLessThanOrEqualTo(50_000);
        assertThat(text)
                .as(name)
                .startsWith("flowchart LR\n")
                .doesNotContain("%%")
                .doesNotContain("`");
        int edges = 0;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.contains("-->")) {
                edges++;
            }
            assertThat(l)
                    .as(name)
                    .matches(
                            "flowchart LR|end|classDef \\w+ [\\w:#,. -]+"
                                    + "|subgraph \\w+ \\[\"[^\"]*\"\\]"
                                    + "|\\w+ -->(\\|\"[^\"]*\"\\|)? \\w+"
                                    + "|\\w+(\\[\\(|\\(\\[|\\[\\[|\\{\\{|\\[/|\\(|\\[)\"[^\"]*\"(\\)\\]|\\]\\)|\\]\\]|\\}\\}|/\\]|\\)|\\]):::\\w+");
            Matcher m = QUOTED.matcher(l);
            while (m.find()) {
                String label = m.group(1).replace("<br/>", "").replaceAll("#\\w+;", "");
                assertThat(label).as(name + ": " + l).doesNotContainPattern("[#;\\[\\]{}()|<>&%`:\\\\*]");
            }
        }
        assertThat(edges).as(name).isLessThanOrEqualTo(500);
    }

    @Test
    void theHtmlPageEscapesEverythingAndItsLinksResolve() throws IOException {
        String html = Files.readString(review.resolve("index.html"), StandardCharsets.UTF_8);
        int script = html.indexOf("<script>");
        String page = html.substring(0, script);
        assertThat(page).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>");
        assertThat(page).contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;");
        // exactly two scripts, both ours: the Mermaid bundle and the page's own
        assertThat(html.split("<script>", -1)).hasSize(3);
        assertThat(html.toLowerCase(Locale.ROOT).split("</script", -1)).hasSize(3);
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
        Set<String> ids = new HashSet<>();
        Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(page);
        while (id.find()) {
            assertThat(ids.add(id.group(1))).as("duplicate id " + id.group(1)).isTrue();
        }
        Matcher href = Pattern.compile("href=\"#([^\"]*)\"").matcher(page);
        int links = 0;
        while (href.find()) {
            assertThat(ids).contains(href.group(1));
            links++;
        }
        assertThat(links).isGreaterThan(20);
        assertThat(ids).contains("model-model_5", "model-DUP_2", "model-end");
    }

    @Test
    void theHtmlDiagramsAreTheEscapedMermaidSource() throws IOException {
        String html = Files.readString(review.resolve("index.html"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<pre class=\"mermaid\">\n(.*?)</pre>", Pattern.DOTALL)
                .matcher(html);
        int n = 0;
        while (m.find()) {
            String source = m.group(1)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
            assertDiagramIsSafe("index.html #" + ++n, source);
        }
        SpecReview r = ExportFixtures.review(ExportFixtures.hostile());
        MermaidRenderer.Diagrams d = MermaidRenderer.render(r);
        int expected = d.pipeline().size();
        for (SpecReview.ModelReview model : r.models()) {
            expected += d.of(model).flow().size() + d.of(model).lineage().size();
        }
        assertThat(n).isEqualTo(expected);
    }
}
