package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diff.SpecDiff;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.csv.CsvExporter;
import io.github.specpipeline.core.export.csv.CsvText;
import io.github.specpipeline.core.export.html.Html;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.report.Block;
import io.github.specpipeline.core.report.Inline;
import io.github.specpipeline.core.report.ReportBuilder;
import io.github.specpipeline.core.report.ReportExtras;
import io.github.specpipeline.core.report.ReportPage;
import io.github.specpipeline.core.report.TestReports;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared review table ({@link ReviewTables}, {@link ModelTables}) shows the same header and the same rows, in
 * the same order, in every format that shows it: the CSV files, the workbook (read back with POI), the HTML page
 * (its tables read back) and the site's report pages (their table blocks). Each format is compared with the table
 * itself after that format's own escaping ({@link CsvText#cell}, {@link Html#escape}); a format that drops, adds or
 * reorders a column fails. The site may append columns only it can fill (test results) after the shared ones.
 *
 * <p>Which format shows which table is the matrix below. Tables only the CSV files show ({@code 00_overview.csv},
 * the column mappings, other output columns and data tests of a model's file) keep the original exporters'
 * columns; the workbook's Spec sheet has no counterpart; the constraints are a heading block in HTML and on the site.
 */
class ReviewTableParityTest {
    static Stream<Named<SpecInput>> specs() {
        return Stream.of(Named.of("example", ExportFixtures.example()), Named.of("hostile", ExportFixtures.hostile()));
    }

    /** What the formats wrote for one spec. */
    private record Rendered(Path csv, XSSFWorkbook workbook, String html, List<ReportPage> site) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void everySharedTableLooksTheSameInEveryFormatThatShowsIt(SpecInput input, @TempDir Path out) throws Exception {
        ExportTask.run(
                new ExportTask.Options(
                        input,
                        out,
                        EnumSet.of(ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.HTML),
                        true,
                        ExportFixtures.TIME),
                SpecLog.NONE);
        SpecReview review = ExportFixtures.review(input);
        List<ReportPage> site = ReportBuilder.build(
                review.specFile(), review.diagnostics(), Optional.of(review), TestReports.NONE, ReportExtras.NONE);
        String html = Files.readString(out.resolve("review/index.html"), StandardCharsets.UTF_8);
        int compared = 0;
        try (XSSFWorkbook wb = new XSSFWorkbook(
                OPCPackage.open(out.resolve("review/spec-review.xlsx").toFile(), PackageAccess.READ))) {
            Rendered r = new Rendered(out.resolve("review/csv"), wb, html, site);

            // spec-wide tables
            compared += csvFile(r, "01_all_columns.csv", ReviewTables.allColumns(review));
            compared += sheet(r, "All Columns", ReviewTables.allColumns(review));
            compared += csvFile(r, "02_all_transforms.csv", ReviewTables.transforms(review));
            compared += sheet(r, "Transforms", ReviewTables.transforms(review));
            compared += csvFile(r, "03_all_joins.csv", ReviewTables.joins(review));
            compared += sheet(r, "Joins", ReviewTables.joins(review));
            compared += csvFile(r, "04_all_tests.csv", ReviewTables.tests(review));
            compared += sheet(r, "Tests", ReviewTables.tests(review));
            compared += csvFile(r, "05_data_lineage.csv", ReviewTables.lineage(review));
            compared += sheet(r, "Data Lineage", ReviewTables.lineage(review));

            ReviewTable overview = ReviewTables.overview(review);
            compared += sheet(r, "Overview", overview);
            compared += html(r, "<section id=\"overview\">", null, overview);
            compared += site(r, site.get(0), "models", overview, 1);

            ReviewTable validation = ReviewTables.validation(review);
            compared += csvFile(r, "06_validation.csv", validation);
            compared += sheet(r, "Validation", validation);
            if (!validation.isEmpty()) {
                compared += html(r, "<section id=\"validation\">", null, validation);
                compared += site(r, site.get(site.size() - 1), "findings", validation, 0);
            }

            // only for a spec that defines named expressions (the example): a file, a sheet and two sections more
            ReviewTable named = ReviewTables.namedExpressions(review);
            int fixedSheets = 8;
            if (named.isEmpty()) {
                assertThat(r.csv().resolve("08_named_expressions.csv")).doesNotExist();
                assertThat(wb.getSheet("Named Expressions")).isNull();
                assertThat(html).doesNotContain("id=\"named-expressions\"");
                assertThat(find(site.get(0).body(), "named-expressions")).isNull();
            } else {
                compared += csvFile(r, "08_named_expressions.csv", named);
                compared += sheet(r, "Named Expressions", named);
                compared += html(r, "<section id=\"named-expressions\">", null, named);
                compared += site(r, site.get(0), "named-expressions", named, 0);
                fixedSheets++;
            }

            // the tables of each model
            for (int i = 0; i < review.models().size(); i++) {
                ModelReview m = review.models().get(i);
                ModelTables t = ModelTables.of(m);
                String file = CsvExporter.modelFileName(m);
                Sheet modelSheet = wb.getSheetAt(fixedSheets + i);
                String section = "<section class=\"model\" id=\"model-" + m.key() + "\">";
                ReportPage page = site.get(1 + i);
                assertThat(page.title()).isEqualTo("Model " + m.model().name());

                compared += modelSheet(r, modelSheet, t.outputColumns());
                compared += html(r, section, t.outputColumns().title(), t.outputColumns());
                compared += site(r, page, "columns", t.outputColumns(), 0);

                for (ReviewTable shared : List.of(t.joins(), t.filters())) {
                    compared += modelCsv(r, file, shared);
                    compared += modelSheet(r, modelSheet, shared);
                    compared += html(r, section, shared.title(), shared);
                    compared += site(r, page, shared.title().toLowerCase(java.util.Locale.ROOT), shared, 0);
                }
                compared += modelCsv(r, file, t.aggregations());
                compared += site(r, page, "aggregations", t.aggregations(), 0);

                compared += modelSheet(r, modelSheet, t.tests());
                compared += html(r, section, t.tests().title(), t.tests());
                compared += site(r, page, "tests", t.tests(), 2);

                compared += modelCsv(r, file, t.unitTests());
                compared += modelSheet(r, modelSheet, t.unitTests());
                compared += html(r, section, t.unitTests().title(), t.unitTests());
                compared += site(r, page, "unit-tests", t.unitTests(), 0);

                compared += modelCsv(r, file, t.validation());
                compared += modelSheet(r, modelSheet, t.validation());
                compared += html(r, section, t.validation().title(), t.validation());
                compared += site(r, page, "diagnostics", t.validation(), 0);
            }
        }
        // a spec with models, joins, filters, tests and findings: far more than a handful of tables were compared
        assertThat(compared).isGreaterThan(20 + 4 * review.models().size());
    }

    /**
     * With a base, the Changes table is the same in its CSV file, its sheet and the HTML page's Changes section, and
     * the page marks the changed models and output columns (the marked rows are still the shared table's rows).
     */
    @Test
    void theChangesTableLooksTheSameInEveryFormatThatShowsIt(@TempDir Path out) throws Exception {
        Path dir = Path.of("src/test/resources/diff/kinds");
        SpecInput input = new SpecInput(dir.resolve("current.json"), dir.resolve("source_ddl"), dir);
        ExportTask.Result result = ExportTask.run(
                new ExportTask.Options(
                        input,
                        out,
                        EnumSet.of(ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.HTML),
                        true,
                        ExportFixtures.TIME,
                        50,
                        new io.github.specpipeline.core.task.SelectOptions(null, "base.json")),
                SpecLog.NONE);
        assertThat(result.failed()).as(result.summary()).isFalse();
        SpecInput baseInput = new SpecInput(dir.resolve("base.json"), dir.resolve("source_ddl"), dir);
        SpecReview review = ExportFixtures.review(input)
                .withChanges(
                        "base.json",
                        SpecDiff.compare(
                                SpecLoader.load(baseInput).spec().orElseThrow(),
                                SpecLoader.load(input).spec().orElseThrow()));
        ReviewTable changes = ReviewTables.changes(review);
        assertThat(changes.rows()).hasSize(16);
        String html = Files.readString(out.resolve("review/index.html"), StandardCharsets.UTF_8);
        try (XSSFWorkbook wb = new XSSFWorkbook(
                OPCPackage.open(out.resolve("review/spec-review.xlsx").toFile(), PackageAccess.READ))) {
            List<ReportPage> site = ReportBuilder.build(
                    review.specFile(), review.diagnostics(), Optional.of(review), TestReports.NONE, ReportExtras.NONE);
            Rendered r = new Rendered(out.resolve("review/csv"), wb, html, site);
            csvFile(r, "07_changes.csv", changes);
            sheet(r, "Changes", changes);
            html(r, "<section id=\"changes\">", null, changes);
            ModelReview stg = review.model("stg_orders").orElseThrow();
            ReviewTable columns = ModelTables.of(stg).outputColumns();
            html(r, "<section class=\"model\" id=\"model-stg_orders\">", columns.title(), columns);
            site(r, site.get(0), "changes", changes, 0);
            ReportPage stgPage = site.get(1);
            assertThat(stgPage.title()).isEqualTo("Model stg_orders");
            site(r, stgPage, "changes", ReviewTables.changes(review, review.changesOf("stg_orders")), 0);
        }
        assertThat(html)
                .contains("<li><a href=\"#changes\">Changes</a></li>")
                .contains("<span class=\"changed breaking\">breaking change</span>")
                .contains("<tr class=\"changed\"><td>amount</td>");
    }

    // ---------------------------------------------------------------- CSV

    private static int csvFile(Rendered r, String file, ReviewTable table) throws IOException {
        assertSame(ReviewReadBack.csv(r.csv().resolve(file)), table, CsvText::cell, file, 0);
        return 1;
    }

    /** A section of a model's file: a blank row, the title in capitals, the header and rows; absent when empty. */
    private static int modelCsv(Rendered r, String file, ReviewTable table) throws IOException {
        List<List<String>> section = section(ReviewReadBack.csv(r.csv().resolve(file)), table.title());
        if (table.isEmpty()) {
            assertThat(section)
                    .as(file + ": " + table.title() + " has no rows, so no section")
                    .isNull();
            return 0;
        }
        assertThat(section).as(file + ": " + table.title()).isNotNull();
        assertSame(section, table, CsvText::cell, file + " " + table.title(), 0);
        return 1;
    }

    // ---------------------------------------------------------------- workbook

    private static int sheet(Rendered r, String name, ReviewTable table) {
        Sheet sheet = r.workbook().getSheet(name);
        assertThat(sheet).as(name).isNotNull();
        assertSame(ReviewReadBack.rows(sheet, false), table, UnaryOperator.identity(), "sheet " + name, 0);
        return 1;
    }

    /** A table of a model's sheet: a blank row, its title, the header and rows; absent when empty. */
    private static int modelSheet(Rendered r, Sheet sheet, ReviewTable table) {
        List<List<String>> section = section(ReviewReadBack.rows(sheet, false), table.title());
        String what = "sheet " + sheet.getSheetName() + " " + table.title();
        if (table.isEmpty() && section == null) {
            return 0;
        }
        assertThat(section).as(what).isNotNull();
        assertSame(section, table, UnaryOperator.identity(), what, 0);
        return 1;
    }

    // ---------------------------------------------------------------- HTML

    private static final Pattern ROW = Pattern.compile("<tr(?: class=\"changed\")?>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /**
     * The table of an HTML section: the first one, or the one under an {@code <h3>} of {@code title}; a table
     * without rows is not shown.
     */
    private static int html(Rendered r, String sectionStart, String title, ReviewTable table) {
        String html = r.html();
        int start = html.indexOf(sectionStart);
        assertThat(start).as(sectionStart).isNotNegative();
        String section = html.substring(start, html.indexOf("</section>", start));
        int at = 0;
        if (title != null) {
            at = section.indexOf("<h3>" + Html.escape(title) + "</h3>\n<div class=\"tw\"><table>");
            if (table.isEmpty()) {
                assertThat(at)
                        .as(sectionStart + " " + title + " has no rows, so no table")
                        .isNegative();
                return 0;
            }
            assertThat(at).as(sectionStart + " " + title).isNotNegative();
        }
        int from = section.indexOf("<table>", at);
        assertThat(from).as(sectionStart + " table").isNotNegative();
        String body = section.substring(from, section.indexOf("</table>", from));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(body);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                // spec text is escaped, so every tag is the page's own markup (code, links, badges)
                cells.add(TAG.matcher(cell.group(1)).replaceAll(""));
            }
            rows.add(cells);
        }
        assertSame(rows, table, Html::escape, "HTML " + sectionStart + " " + table.title(), 0);
        return 1;
    }

    // ---------------------------------------------------------------- site

    /**
     * The first table of a section of a report page, read as plain text (renderers escape it).
     *
     * @param siteOnly how many columns only the site shows, after the shared ones
     */
    private static int site(Rendered r, ReportPage page, String sectionId, ReviewTable table, int siteOnly) {
        Block.Section section = find(page.body(), sectionId);
        String what = "site " + page.path() + "#" + sectionId;
        assertThat(section).as(what).isNotNull();
        Optional<Block.Table> shown = section.body().stream()
                .filter(Block.Table.class::isInstance)
                .map(Block.Table.class::cast)
                .findFirst();
        if (table.isEmpty() && shown.isEmpty()) {
            return 0;
        }
        assertThat(shown).as(what).isPresent();
        List<List<String>> rows = new ArrayList<>();
        rows.add(shown.get().header());
        for (List<Block.Cell> row : shown.get().rows()) {
            rows.add(row.stream().map(ReviewTableParityTest::text).toList());
        }
        assertSame(rows, table, UnaryOperator.identity(), what, siteOnly);
        return 1;
    }

    private static Block.Section find(List<Block> blocks, String id) {
        for (Block b : blocks) {
            if (b instanceof Block.Section s) {
                if (s.id().equals(id)) {
                    return s;
                }
                Block.Section inner = find(s.body(), id);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String text(Block.Cell cell) {
        StringBuilder sb = new StringBuilder();
        for (Inline i : cell.content()) {
            if (i instanceof Inline.Text t) {
                sb.append(t.text());
            } else if (i instanceof Inline.Code c) {
                sb.append(c.text());
            } else if (i instanceof Inline.Strong s) {
                sb.append(s.text());
            } else if (i instanceof Inline.Link l) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- comparison

    /**
     * The shown rows are the table's header and rows, each text as the format escapes it.
     *
     * @param extra columns the format may show after the table's own
     */
    private static void assertSame(
            List<List<String>> shown, ReviewTable table, UnaryOperator<String> escape, String what, int extra) {
        List<List<String>> expected = table.texts();
        assertThat(shown).as(what + ": rows").hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            List<String> want = expected.get(r).stream().map(escape).toList();
            List<String> got = shown.get(r);
            if (r == 0) {
                // a header has no empty names, so no reader trims it: it names every column, in order
                assertThat(got).as(what + ": header").hasSize(want.size() + extra);
            }
            if (extra > 0) {
                assertThat(got).as(what + " row " + r + ": cells").hasSize(want.size() + extra);
                got = got.subList(0, want.size());
            } else if (got.size() < want.size()) {
                // a reader that drops trailing empty cells (CSV padding, blank sheet cells)
                got = pad(got, want.size());
            }
            assertThat(got.size()).as(what + " row " + r + ": cells").isEqualTo(want.size());
            for (int c = 0; c < want.size(); c++) {
                ReviewReadBack.assertCell(
                        got.get(c),
                        want.get(c),
                        what + " row " + r + " column " + c + " ("
                                + table.header().get(c) + ")");
            }
        }
    }

    /** The rows under a title: from the row after the title up to the next blank row; null when absent. */
    private static List<List<String>> section(List<List<String>> rows, String title) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).isEmpty()
                    && rows.get(i).size() == 1
                    && rows.get(i).get(0).equalsIgnoreCase(title)) {
                int end = i + 1;
                while (end < rows.size() && !rows.get(end).isEmpty()) {
                    end++;
                }
                return rows.subList(i + 1, end);
            }
        }
        return null;
    }

    private static List<String> pad(List<String> cells, int size) {
        List<String> out = new ArrayList<>(cells);
        while (out.size() < size) {
            out.add("");
        }
        return out;
    }
}
