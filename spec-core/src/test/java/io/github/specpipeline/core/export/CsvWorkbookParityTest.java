package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.specpipeline.core.bench.SyntheticSpecs;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.csv.CsvExporter;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CSV file and its workbook sheet hold the same table: the exports are written, the workbook is read back
 * with POI and each sheet's cell texts are compared with the rows of its CSV file (a cell the CSV neutralises with
 * a leading {@code '} must be a quote-prefixed text cell in the sheet; a cell the workbook cuts must be the start of
 * the CSV text). {@code 01} to {@code 06} are whole sheets. A model's file and its sheet share their joins,
 * filters, constraints, unit tests and findings and the facts of their heading blocks; {@code 00_overview.csv}
 * keeps the original exporters' columns, and the ones it shares with the Overview sheet must agree.
 */
class CsvWorkbookParityTest {
    private static final Map<String, String> SHEETS = Map.of(
            "01_all_columns.csv", "All Columns",
            "02_all_transforms.csv", "Transforms",
            "03_all_joins.csv", "Joins",
            "04_all_tests.csv", "Tests",
            "05_data_lineage.csv", "Data Lineage",
            "06_validation.csv", "Validation");
    /** The sections of a model's file that its sheet has too (the constraints without a header row in the CSV). */
    private static final List<String> SHARED_SECTIONS =
            List.of("JOINS", "FILTERS", "CONSTRAINTS", "UNIT TESTS", "VALIDATION");
    /** Columns of {@code 00_overview.csv} and the Overview sheet's column with the same values. */
    private static final Map<String, String> OVERVIEW_COLUMNS = Map.of(
            "Model Name", "Model",
            "Layer", "Layer",
            "Source Tables", "Sources",
            "Total Columns", "Columns",
            "Primary Key", "Primary Key");

    @TempDir
    static Path synthetic;

    static Stream<Named<SpecInput>> specs() throws IOException {
        List<Named<SpecInput>> out = new ArrayList<>();
        out.add(Named.of("example", ExportFixtures.example()));
        out.add(Named.of("hostile", ExportFixtures.hostile()));
        out.add(Named.of("report mini", input(Path.of("src/test/resources/report/mini/spec.json"), "source_ddl")));
        for (String g : List.of("hostile", "untyped-upstream", "shop-analytics")) {
            out.add(Named.of(
                    "generate " + g, input(Path.of("src/test/resources/generate/" + g + "/spec.json"), "source_ddl")));
        }
        out.add(Named.of("validation valid", input(Path.of("src/test/resources/validation/valid.json"), "ddl")));
        try (Stream<Path> cases = Files.list(Path.of("src/test/resources/validation/cases"))) {
            for (Path c :
                    cases.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(Named.of("validation case " + c.getFileName(), input(c, "../ddl")));
            }
        }
        Path spec = SyntheticSpecs.generate(40, 7).writeTo(synthetic);
        out.add(Named.of("synthetic 40 models", new SpecInput(spec, synthetic.resolve("source_ddl"), synthetic)));
        return out.stream();
    }

    private static SpecInput input(Path spec, String ddl) {
        Path dir = spec.resolveSibling(ddl).normalize();
        return new SpecInput(spec, Files.isDirectory(dir) ? dir : null, spec.getParent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void everyCsvFileHoldsTheRowsOfItsWorkbookSheet(SpecInput input, @TempDir Path out) throws Exception {
        ExportTask.run(
                new ExportTask.Options(
                        input, out, EnumSet.of(ExportFormat.CSV, ExportFormat.XLSX), true, ExportFixtures.TIME),
                SpecLog.NONE);
        Path xlsx = out.resolve("review/spec-review.xlsx");
        assumeTrue(Files.exists(xlsx), "the spec cannot be read, so nothing is exported");
        Path csv = out.resolve("review/csv");
        SpecReview review = ExportFixtures.review(input);

        List<String> expectedFiles = new ArrayList<>(List.of(
                "00_overview.csv",
                "01_all_columns.csv",
                "02_all_transforms.csv",
                "03_all_joins.csv",
                "04_all_tests.csv",
                "05_data_lineage.csv",
                "06_validation.csv"));
        // a spec with named expressions has their file and sheet too, after the fixed ones
        boolean named = !ReviewTables.namedExpressions(review).isEmpty();
        if (named) {
            expectedFiles.add("08_named_expressions.csv");
        }
        review.models().forEach(m -> expectedFiles.add(CsvExporter.modelFileName(m)));
        assertThat(ExportFixtures.files(csv)).containsExactlyInAnyOrderElementsOf(expectedFiles);
        int fixedSheets = named ? 9 : 8;

        try (XSSFWorkbook wb = new XSSFWorkbook(OPCPackage.open(xlsx.toFile(), PackageAccess.READ))) {
            for (Map.Entry<String, String> pair : SHEETS.entrySet()) {
                assertSameRows(
                        ReviewReadBack.rows(wb.getSheet(pair.getValue()), true),
                        ReviewReadBack.csv(csv.resolve(pair.getKey())),
                        pair.getKey());
            }
            overview(
                    ReviewReadBack.rows(wb.getSheet("Overview"), true),
                    ReviewReadBack.csv(csv.resolve("00_overview.csv")));
            if (named) {
                assertSameRows(
                        ReviewReadBack.rows(wb.getSheet("Named Expressions"), true),
                        ReviewReadBack.csv(csv.resolve("08_named_expressions.csv")),
                        "08_named_expressions.csv");
            }
            assertThat(wb.getNumberOfSheets())
                    .isEqualTo(fixedSheets + review.models().size());
            for (int i = 0; i < review.models().size(); i++) {
                ModelReview m = review.models().get(i);
                String file = CsvExporter.modelFileName(m);
                model(
                        ReviewReadBack.rows(wb.getSheetAt(fixedSheets + i), true),
                        ReviewReadBack.csv(csv.resolve(file)),
                        file);
            }
        }
    }

    /**
     * With a base ({@code specpipeline.base}) the file set gains {@code 07_changes.csv} and the workbook its Changes
     * sheet (after the fixed sheets, before the models'), holding the same rows; the other files and sheets stay.
     */
    @Test
    void withABaseTheChangesFileHoldsTheRowsOfTheChangesSheet(@TempDir Path out) throws Exception {
        Path dir = Path.of("src/test/resources/diff/kinds");
        SpecInput input = new SpecInput(dir.resolve("current.json"), dir.resolve("source_ddl"), dir);
        ExportTask.Result result = ExportTask.run(
                new ExportTask.Options(
                        input,
                        out,
                        EnumSet.of(ExportFormat.CSV, ExportFormat.XLSX),
                        true,
                        ExportFixtures.TIME,
                        50,
                        new io.github.specpipeline.core.task.SelectOptions(null, "base.json")),
                SpecLog.NONE);
        assertThat(result.failed()).as(result.summary()).isFalse();
        Path csv = out.resolve("review/csv");
        assertThat(ExportFixtures.files(csv)).contains("06_validation.csv", "07_changes.csv");
        try (XSSFWorkbook wb = new XSSFWorkbook(
                OPCPackage.open(out.resolve("review/spec-review.xlsx").toFile(), PackageAccess.READ))) {
            assertThat(wb.getSheetIndex("Changes")).isEqualTo(8);
            List<List<String>> rows = ReviewReadBack.csv(csv.resolve("07_changes.csv"));
            assertThat(rows).hasSize(1 + 16);
            assertSameRows(ReviewReadBack.rows(wb.getSheet("Changes"), true), rows, "07_changes.csv");
            for (Map.Entry<String, String> pair : SHEETS.entrySet()) {
                assertSameRows(
                        ReviewReadBack.rows(wb.getSheet(pair.getValue()), true),
                        ReviewReadBack.csv(csv.resolve(pair.getKey())),
                        pair.getKey());
            }
        }
    }

    private static void overview(List<List<String>> sheet, List<List<String>> file) {
        assertThat(sheet).as("Overview rows").hasSameSizeAs(file);
        for (Map.Entry<String, String> c : OVERVIEW_COLUMNS.entrySet()) {
            int fi = file.get(0).indexOf(c.getKey());
            int si = sheet.get(0).indexOf(c.getValue());
            assertThat(fi).as(c.getKey()).isNotNegative();
            assertThat(si).as(c.getValue()).isNotNegative();
            for (int r = 1; r < file.size(); r++) {
                ReviewReadBack.assertCell(
                        cell(sheet.get(r), si), cell(file.get(r), fi), "00_overview.csv row " + r + " " + c.getKey());
            }
        }
    }

    private static void model(List<List<String>> sheet, List<List<String>> file, String name) {
        Map<String, List<List<String>>> fileSections = sections(file);
        Map<String, List<List<String>>> sheetSections = new LinkedHashMap<>();
        sections(sheet).forEach((title, rows) -> sheetSections.put(title.toUpperCase(Locale.ROOT), rows));
        // the heading blocks: the sheet's title row comes first, then the facts both list must agree
        Map<String, String> fileFacts = facts(fileSections.get(""));
        Map<String, String> sheetFacts =
                facts(sheetSections.get("").subList(1, sheetSections.get("").size()));
        assertThat(fileFacts.keySet()).as(name + " facts").isNotEmpty();
        fileFacts.forEach((label, value) -> {
            if (sheetFacts.containsKey(label)) {
                ReviewReadBack.assertCell(sheetFacts.get(label), value, name + " " + label);
            }
        });
        assertThat(sheetFacts).as(name).containsKeys("LAYER", "SOURCES", "VALIDATION");
        for (String title : SHARED_SECTIONS) {
            List<List<String>> inFile = fileSections.get(title);
            List<List<String>> inSheet = sheetSections.get(title);
            if (title.equals("CONSTRAINTS")) {
                assertThat(inSheet).as(name + " " + title).isNotNull();
                assertThat(inSheet.get(0)).containsExactly("Constraint", "Value");
                inSheet = inSheet.subList(1, inSheet.size());
            }
            if (inFile == null) {
                assertThat(inSheet)
                        .as(name + ": the sheet has " + title + ", the file not")
                        .isNull();
            } else {
                assertThat(inSheet)
                        .as(name + ": the file has " + title + ", the sheet not")
                        .isNotNull();
                assertSameRows(inSheet, inFile, name + " " + title);
            }
        }
    }

    private static Map<String, String> facts(List<List<String>> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> r : rows) {
            out.put(r.get(0).toUpperCase(Locale.ROOT), cell(r, 1));
        }
        return out;
    }

    /** The blocks of a sectioned file or sheet by title (the heading block is {@code ""}): a blank row, a title, rows. */
    private static Map<String, List<List<String>>> sections(List<List<String>> rows) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        String title = "";
        List<List<String>> current = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).isEmpty() && i + 1 < rows.size()) {
                out.put(title, current);
                title = rows.get(++i).get(0);
                current = new ArrayList<>();
            } else {
                current.add(rows.get(i));
            }
        }
        out.put(title, current);
        return out;
    }

    private static void assertSameRows(List<List<String>> sheet, List<List<String>> file, String what) {
        assertThat(sheet).as(what + ": rows").hasSameSizeAs(file);
        assertThat(sheet.get(0)).as(what + ": header").isEqualTo(file.get(0));
        for (int r = 0; r < file.size(); r++) {
            assertThat(sheet.get(r)).as(what + " row " + r + ": cells").hasSameSizeAs(file.get(r));
            for (int c = 0; c < file.get(r).size(); c++) {
                ReviewReadBack.assertCell(sheet.get(r).get(c), file.get(r).get(c), what + " row " + r + " column " + c);
            }
        }
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }
}
