package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.SpecReview.TestOrigin;
import io.github.specpipeline.core.export.SpecReview.TestRow;
import io.github.specpipeline.core.report.Block;
import io.github.specpipeline.core.report.ReportBuilder;
import io.github.specpipeline.core.report.ReportExtras;
import io.github.specpipeline.core.report.ReportPage;
import io.github.specpipeline.core.report.TestReports;
import io.github.specpipeline.core.testcatalog.TestCase;
import io.github.specpipeline.core.testcatalog.TestCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every review format lists every data test that runs (the {@link TestCatalog}: declared and implied), marked
 * declared or implied, so that the workbook, the CSV files, the HTML page and the site never give different counts.
 */
class TestListingTest {
    @TempDir
    static Path out;

    static SpecReview review;
    static List<TestCase> catalog;

    @BeforeAll
    static void export() throws IOException {
        assertThat(ExportFixtures.export(ExportFixtures.example(), out).failed())
                .isFalse();
        review = ExportFixtures.review(ExportFixtures.example());
        catalog = TestCatalog.of(review.validated()).tests();
    }

    @Test
    void theReviewListsEveryTestTheCatalogueRunsMarkedDeclaredOrImplied() {
        List<TestRow> listed =
                review.models().stream().flatMap(m -> m.dataTests().stream()).toList();
        assertThat(listed)
                .extracting(TestRow::id)
                .containsExactlyInAnyOrderElementsOf(
                        catalog.stream().map(TestCase::id).toList());
        assertThat(listed)
                .filteredOn(t -> t.origin() == TestOrigin.IMPLIED)
                .extracting(TestRow::kind)
                .contains("primary_key");
        ModelReview customers = review.model("stg_customers").orElseThrow();
        assertThat(customers.dataTests()).anySatisfy(t -> {
            assertThat(t.column()).isEqualTo(TestRow.MODEL_LEVEL);
            assertThat(t.testType()).isEqualTo("primary_key(customer_id)");
            assertThat(t.origin()).isEqualTo(TestOrigin.IMPLIED);
        });
    }

    @Test
    void everyFormatCountsTheSameDataTests() throws IOException {
        int expected = catalog.size();
        assertThat(expected)
                .isGreaterThan(review.models().stream()
                        .mapToInt(m -> m.model().columns().stream()
                                        .mapToInt(c -> c.tests().size())
                                        .sum()
                                + m.model().aggregations().stream()
                                        .mapToInt(a -> a.tests().size())
                                        .sum())
                        .sum())
                .as("the example has implied tests");

        assertThat(csvDataTests()).as("csv/04_all_tests.csv").isEqualTo(expected);
        assertThat(csvModelDataTests())
                .as("DATA TESTS sections of csv/model_*.csv")
                .isEqualTo(expected);
        try (InputStream in = Files.newInputStream(out.resolve("review/spec-review.xlsx"));
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(xlsxTestsSheet(wb.getSheet("Tests")))
                    .as("xlsx Tests sheet")
                    .isEqualTo(expected);
            assertThat(xlsxOverviewSum(wb.getSheet("Overview")))
                    .as("xlsx Overview Tests column")
                    .isEqualTo(expected);
        }
        String html = Files.readString(out.resolve("review/index.html"), StandardCharsets.UTF_8);
        assertThat(count(html, "<td>declared</td>") + count(html, "<td>implied</td>"))
                .as("index.html")
                .isEqualTo(expected);

        List<ReportPage> pages = ReportBuilder.build(
                review.specFile(), review.diagnostics(), Optional.of(review), TestReports.NONE, ReportExtras.NONE);
        assertThat(siteTableRows(pages))
                .as("site: data tests in the Tests tables of the model pages")
                .isEqualTo(expected);
        assertThat(siteOverviewCount(pages.get(0).body())).as("site: overview").isEqualTo(String.valueOf(expected));
    }

    private static int csvDataTests() throws IOException {
        try (Reader r = Files.newBufferedReader(out.resolve("review/csv/04_all_tests.csv"), StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(r)
                    .getRecords();
            return (int) records.stream()
                    .filter(x -> !x.get("Origin").equals("unit test"))
                    .count();
        }
    }

    private static int csvModelDataTests() throws IOException {
        int n = 0;
        for (String f : ExportFixtures.files(out.resolve("review/csv"))) {
            if (!f.startsWith("model_")) {
                continue;
            }
            List<String> lines = Files.readAllLines(out.resolve("review/csv").resolve(f), StandardCharsets.UTF_8);
            int at = lines.indexOf(lines.stream()
                    .filter(l -> l.startsWith("DATA TESTS"))
                    .findFirst()
                    .orElse("\u0000"));
            if (at < 0) {
                continue;
            }
            // title, header, then rows up to the blank line that starts the next section
            for (int i = at + 2; i < lines.size() && !lines.get(i).startsWith("\"\""); i++) {
                n++;
            }
        }
        return n;
    }

    private static int xlsxTestsSheet(Sheet sheet) {
        int n = 0;
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && !row.getCell(4).getStringCellValue().equals("unit test")) {
                n++;
            }
        }
        return n;
    }

    private static int xlsxOverviewSum(Sheet sheet) {
        assertThat(sheet.getRow(0).getCell(8).getStringCellValue()).isEqualTo("Tests");
        int n = 0;
        for (Row row : sheet) {
            if (row.getRowNum() > 0) {
                n += (int) row.getCell(8).getNumericCellValue();
            }
        }
        return n;
    }

    private static int siteTableRows(List<ReportPage> pages) {
        int n = 0;
        for (ReportPage p : pages) {
            for (Block b : p.body()) {
                n += dataTestRows(b, false);
            }
        }
        return n;
    }

    /** The data test rows of a model page's Tests table (the review's tests: data tests, then unit tests). */
    private static int dataTestRows(Block b, boolean inTests) {
        if (b instanceof Block.Section s) {
            int n = 0;
            for (Block x : s.body()) {
                n += dataTestRows(x, s.id().equals("tests"));
            }
            return n;
        }
        if (inTests && b instanceof Block.Table t) {
            int origin = t.header().indexOf("Origin");
            return (int) t.rows().stream()
                    .filter(r -> !text(r.get(origin)).equals("unit test"))
                    .count();
        }
        return 0;
    }

    private static String siteOverviewCount(List<Block> body) {
        for (Block b : body) {
            if (b instanceof Block.Section s) {
                String found = siteOverviewCount(s.body());
                if (found != null) {
                    return found;
                }
            } else if (b instanceof Block.Table t) {
                for (List<Block.Cell> row : t.rows()) {
                    if (text(row.get(0)).equals("Data tests")) {
                        return text(row.get(1));
                    }
                }
            }
        }
        return null;
    }

    private static String text(Block.Cell c) {
        StringBuilder sb = new StringBuilder();
        c.content()
                .forEach(i -> sb.append(i instanceof io.github.specpipeline.core.report.Inline.Text t ? t.text() : ""));
        return sb.toString();
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
