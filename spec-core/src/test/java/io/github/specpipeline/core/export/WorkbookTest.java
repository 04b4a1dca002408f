package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.xlsx.WorkbookRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's workbook, read back with POI (and its zip with {@link ZipFile}). */
class WorkbookTest {
    static final SpecReview EXAMPLE = ExportFixtures.review(ExportFixtures.example());

    @TempDir
    static Path dir;

    static Path file;

    @BeforeAll
    static void write() throws IOException {
        file = dir.resolve("review.xlsx");
        Files.write(file, bytes(ExportFixtures.TIME));
    }

    static byte[] bytes(Instant time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookRenderer.write(EXAMPLE, time, out);
        return out.toByteArray();
    }

    /** Read-only: a workbook opened from a File read-write is saved again by POI on close. */
    static XSSFWorkbook open(Path xlsx) throws Exception {
        return new XSSFWorkbook(OPCPackage.open(xlsx.toFile(), PackageAccess.READ));
    }

    private static List<String> row(Sheet sheet, int r) {
        List<String> out = new ArrayList<>();
        Row row = sheet.getRow(r);
        for (int c = 0; c < row.getLastCellNum(); c++) {
            out.add(row.getCell(c) == null ? "" : row.getCell(c).toString());
        }
        return out;
    }

    @Test
    void sheetsAreTheSummariesThenOnePerModel() throws Exception {
        try (XSSFWorkbook wb = open(file)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names)
                    .containsExactly(
                            "Overview",
                            "Spec",
                            "Validation",
                            "All Columns",
                            "Transforms",
                            "Joins",
                            "Tests",
                            "Data Lineage",
                            "Named Expressions",
                            "stg_customers",
                            "stg_orders",
                            "stg_web_activity",
                            "fact_orders",
                            "fact_customer_value",
                            "dim_customers");
        }
    }

    @Test
    void aSpecWithMoreModelsThanTheLimitGetsNoModelSheetsAndSaysWhy() throws Exception {
        Path limited = dir.resolve("limited.xlsx");
        try (var os = Files.newOutputStream(limited)) {
            assertThat(WorkbookRenderer.write(EXAMPLE, ExportFixtures.TIME, 5, os))
                    .isEqualTo(9);
        }
        try (XSSFWorkbook wb = open(limited)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names)
                    .containsExactly(
                            "Overview",
                            "Spec",
                            "Validation",
                            "All Columns",
                            "Transforms",
                            "Joins",
                            "Tests",
                            "Data Lineage",
                            "Named Expressions");
            XSSFSheet overview = wb.getSheet("Overview");
            assertThat(overview.getHyperlinkList()).isEmpty();
            assertThat(row(overview, 1).get(0)).isEqualTo("stg_customers");
            Sheet spec = wb.getSheet("Spec");
            List<String> modelSheets = null;
            for (int r = 0; r <= spec.getLastRowNum(); r++) {
                if (row(spec, r).get(0).equals("Model sheets")) {
                    modelSheets = row(spec, r);
                }
            }
            assertThat(modelSheets).isNotNull();
            assertThat(modelSheets.get(1))
                    .contains("6 models, more than maxModelSheets (5)")
                    .contains("All Columns");
            // every model's columns are still in the data dictionary
            assertThat(wb.getSheet("All Columns").getLastRowNum()).isEqualTo(EXAMPLE.columnCount());
        }
        // at the limit, every model has its sheet, and the Spec sheet has no such row
        ByteArrayOutputStream atLimit = new ByteArrayOutputStream();
        assertThat(WorkbookRenderer.write(EXAMPLE, ExportFixtures.TIME, 6, atLimit))
                .isEqualTo(15);
        assertThat(atLimit.toByteArray()).isEqualTo(Files.readAllBytes(file));
    }

    /**
     * Printed or exported to PDF, every sheet is landscape, all its columns on one page wide, its header row at the
     * top of each page and the sheet and spec named in the footer: asserted on the sheet XML and the defined names.
     */
    @Test
    void everySheetPrintsLandscapeOnePageWideWithItsHeaderRepeatedAndAFooter() throws Exception {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String workbook = entry(zip, "xl/workbook.xml");
            List<String> sheets = new ArrayList<>();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("<sheet name=\"([^\"]+)\"").matcher(workbook);
            while (m.find()) {
                sheets.add(m.group(1));
            }
            assertThat(sheets).hasSize(15);
            for (int i = 0; i < sheets.size(); i++) {
                String xml = entry(zip, "xl/worksheets/sheet" + (i + 1) + ".xml");
                assertThat(xml)
                        .as(sheets.get(i))
                        .containsPattern("<pageSetUpPr [^>]*fitToPage=\"true\"")
                        .containsPattern("<pageSetup [^>]*orientation=\"landscape\"")
                        .containsPattern("<pageSetup [^>]*fitToWidth=\"1\"")
                        .containsPattern("<pageSetup [^>]*fitToHeight=\"0\"")
                        .containsPattern("<oddFooter><!\\[CDATA\\[[^\\]]*&L&A[&\\]]")
                        .containsPattern("<oddFooter><!\\[CDATA\\[[^\\]]*&Csrc/main/spec/spec.json[&\\]]")
                        .containsPattern("<oddFooter><!\\[CDATA\\[[^\\]]*&RPage &P of &N[&\\]]");
                assertThat(workbook)
                        .as("print titles of " + sheets.get(i))
                        .containsPattern("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"" + i
                                + "\">[^<]*\\$\\d+:\\$\\d+</definedName>");
            }
            assertThat(workbook)
                    .contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"6\">Tests!$1:$1</definedName>");
            // a model sheet repeats the header of its output columns (after the title and the info rows)
            assertThat(workbook)
                    .containsPattern(
                            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"9\">stg_customers!\\$1[0-9]:\\$1[0-9]</definedName>");
        }
        try (XSSFWorkbook wb = open(file)) {
            XSSFSheet customers = wb.getSheet("stg_customers");
            int header = customers.getRepeatingRows().getFirstRow();
            assertThat(row(customers, header)).startsWith("Column", "Type", "Kind", "From Table");
        }
    }

    private static String entry(java.util.zip.ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void tableSheetsHaveAStyledFrozenFilteredHeaderAndFittedWidths() throws Exception {
        try (XSSFWorkbook wb = open(file)) {
            XSSFSheet all = wb.getSheet("All Columns");
            assertThat(row(all, 0))
                    .containsExactly(
                            "Model",
                            "Layer",
                            "Column Name",
                            "Type",
                            "Source Table",
                            "Source Column",
                            "Transform",
                            "Nullable",
                            "Tests",
                            "Description");
            assertThat(all.getLastRowNum()).isEqualTo(EXAMPLE.columnCount());
            assertThat(all.getRow(0).getCell(0).getCellStyle().getFont().getBold())
                    .isTrue();
            PaneInformation pane = all.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(all.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J" + (EXAMPLE.columnCount() + 1));
            assertThat(all.getColumnWidth(2)).isBetween(10 * 256, 40 * 256);
            assertThat(all.getColumnWidth(6)).isEqualTo(61 * 256);
            assertThat(all.getRow(1).getCell(6) == null
                            || all.getRow(1).getCell(6).getCellStyle().getWrapText())
                    .isTrue();
        }
    }

    @Test
    void theOverviewLinksEachModelToItsSheetAndShowsItsStatus() throws Exception {
        try (XSSFWorkbook wb = open(file)) {
            XSSFSheet overview = wb.getSheet("Overview");
            assertThat(row(overview, 2)).startsWith("stg_orders", "staging", "incremental");
            assertThat(overview.getHyperlink(2, 0).getAddress()).isEqualTo("'stg_orders'!A1");
            assertThat(row(overview, 2)).contains("5 warnings");
            assertThat(overview.getRow(2).getCell(4).getNumericCellValue()).isEqualTo(13.0);
        }
    }

    @Test
    void aModelSheetShowsItsColumnsJoinsConstraintsTestsAndFindings() throws Exception {
        try (XSSFWorkbook wb = open(file)) {
            XSSFSheet orders = wb.getSheet("stg_orders");
            List<String> firstColumn = new ArrayList<>();
            for (Row r : orders) {
                firstColumn.add(r.getCell(0) == null ? "" : r.getCell(0).toString());
            }
            assertThat(firstColumn)
                    .contains(
                            "Model: stg_orders",
                            "Output columns (13)",
                            "Joins",
                            "Filters",
                            "Constraints",
                            "Tests",
                            "Unit tests",
                            "Validation",
                            "amount_usd",
                            "warning");
            assertThat(orders.getPaneInformation().isFreezePane()).isTrue();
            int header = -1;
            for (Row r : orders) {
                if (r.getCell(0) != null && r.getCell(0).toString().equals("Output columns (13)")) {
                    header = r.getRowNum() + 1;
                }
            }
            assertThat(orders.getRow(header).getCell(0).toString()).isEqualTo("Column");
            assertThat(orders.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) (header + 1));
            assertThat(orders.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 1);
        }
    }

    @Test
    void theFileIsTheSameBytesEveryTimeAndCarriesTheTimestamp() throws IOException {
        assertThat(bytes(ExportFixtures.TIME)).isEqualTo(Files.readAllBytes(file));
        assertThat(bytes(Instant.parse("2030-06-15T10:20:30Z"))).isNotEqualTo(Files.readAllBytes(file));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int n = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
                n++;
            }
            assertThat(n).isGreaterThan(15);
            try (InputStream in = zip.getInputStream(zip.getEntry("docProps/core.xml"))) {
                String core = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(core).contains("2026-01-01T00:00:00Z").contains("spec-pipeline");
            }
        }
    }
}
