package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.csv.CsvExporter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** Reading the review's CSV files and workbook sheets back as rows of texts, for the parity tests. */
final class ReviewReadBack {
    private ReviewReadBack() {}

    /** The CSV file's records, trailing empty cells (the padding of sectioned files) removed. */
    static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CsvExporter.FORMAT.parse(r)) {
                out.add(trim(rec.toList()));
            }
        }
        return out;
    }

    /**
     * The sheet's rows: numbers as integers, a missing row as an empty one, trailing empty cells removed.
     *
     * @param quotePrefix whether a quote-prefixed text gets the {@code '} the CSV puts before a cell a spreadsheet
     *                    would evaluate (as the CSV has it), or is read as stored
     */
    static List<List<String>> rows(Sheet sheet, boolean quotePrefix) {
        assertThat(sheet).isNotNull();
        List<List<String>> out = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
                org.apache.poi.ss.usermodel.Cell cell = row.getCell(c);
                if (cell == null || cell.getCellType() == CellType.BLANK) {
                    cells.add("");
                } else if (cell.getCellType() == CellType.NUMERIC) {
                    cells.add(Long.toString((long) cell.getNumericCellValue()));
                } else {
                    assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                    String text = cell.getStringCellValue();
                    cells.add(quotePrefix && cell.getCellStyle().getQuotePrefixed() ? "'" + text : text);
                }
            }
            out.add(trim(cells));
        }
        return out;
    }

    /** A sheet cell cut to what a cell holds is the start of the full text, otherwise the two are equal. */
    static void assertCell(String sheet, String full, String what) {
        int cut = sheet.lastIndexOf("\u2026 [cut: ");
        if (cut >= 0 && sheet.endsWith(" characters in all; see the CSV export]")) {
            assertThat(full).as(what).startsWith(sheet.substring(0, cut)).hasSizeGreaterThan(cut);
        } else {
            assertThat(sheet).as(what).isEqualTo(full);
        }
    }

    static List<String> trim(List<String> cells) {
        int end = cells.size();
        while (end > 0 && cells.get(end - 1).isEmpty()) {
            end--;
        }
        return List.copyOf(cells.subList(0, end));
    }
}
