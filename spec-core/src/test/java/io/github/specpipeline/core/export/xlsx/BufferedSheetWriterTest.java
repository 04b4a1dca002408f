package io.github.specpipeline.core.export.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.streaming.StreamingSheetWriter;
import org.junit.jupiter.api.Test;

/** The buffered writer must write exactly what POI's own streaming writer writes, whatever the text. */
class BufferedSheetWriterTest {
    private static final List<String> TEXTS = List.of(
            "plain",
            "",
            " leading",
            "trailing ",
            "\ttab",
            "a<b>&\"c'",
            "line\nbreak\r\n",
            "nbsp\u00A0here",
            "ctl\u0001\u001F\u0000",
            "not a char \uFFFE\uFFFF",
            "emoji \uD83D\uDE00",
            "lone \uD800 surrogate",
            "=1+2",
            "\u00e9\u00e8 \u4e2d\u6587",
            "x".repeat(5000));

    @Test
    void writesTheSameBytesAsPoi() throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(-1)) {
            SXSSFSheet sheet = wb.createSheet("s");
            CellStyle styled = wrapped(wb);
            CellStyle quoted = quoted(wb);
            List<SXSSFRow> rows = new ArrayList<>();
            int r = 0;
            for (String text : TEXTS) {
                SXSSFRow row = sheet.createRow(r++ * 7); // gaps, as between a model sheet's sections
                row.createCell(0).setCellValue(text);
                row.createCell(1).setCellValue(text);
                row.getCell(1).setCellStyle(styled);
                row.createCell(3).setCellStyle(quoted); // blank, styled
                row.createCell(5).setCellValue(r * 1.5);
                row.createCell(70).setCellValue(text); // beyond the cached column letters
                row.createCell(71).setCellValue(true); // a type the workbook never writes: POI's own code
                rows.add(row);
            }
            assertThat(write(new BufferedSheetWriter(new ByteArrayOutputStream()), rows))
                    .isEqualTo(write(new StreamingSheetWriter(new ByteArrayOutputStream()), rows))
                    .contains("<c r=\"A15\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> leading</t></is></c>")
                    .contains("a&lt;b&gt;&amp;&quot;c'", "line&#xa;break&#xd;&#xa;", "ctl???", "<c r=\"BS1\"");
        }
    }

    /** Rows written through openRow/text/number/blank/closeRow are the bytes POI writes for the same rows. */
    @Test
    void directRowsAreTheSameBytesAsPoiRows() throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(-1)) {
            SXSSFSheet sheet = wb.createSheet("s");
            CellStyle wrap = wrapped(wb);
            CellStyle quoted = quoted(wb);
            int wrapIndex = wrap.getIndex();
            int quotedIndex = quoted.getIndex();
            assertThat(wrapIndex).isNotZero();
            List<SXSSFRow> rows = new ArrayList<>();
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            try (BufferedSheetWriter w = new BufferedSheetWriter(direct)) {
                int r = 0;
                for (String text : TEXTS) {
                    int rownum = r++ * 3 + (r == 1 ? 0 : 2);
                    SXSSFRow row = sheet.createRow(rownum);
                    row.createCell(0).setCellValue(text);
                    row.createCell(2).setCellValue(text);
                    row.getCell(2).setCellStyle(wrap);
                    row.createCell(3).setCellStyle(quoted);
                    row.createCell(4).setCellValue((double) (r * 1234567L));
                    row.createCell(66).setCellValue(text);
                    rows.add(row);

                    w.openRow(rownum);
                    w.text(0, 0, text);
                    w.text(2, wrapIndex, text);
                    w.blank(3, quotedIndex);
                    w.number(4, 0, r * 1234567L);
                    w.text(66, 0, text);
                    w.closeRow();
                }
                // a row with no cells at all
                rows.add(sheet.createRow(1000));
                w.openRow(1000);
                w.closeRow();
            }
            assertThat(direct.toString(StandardCharsets.UTF_8))
                    .isEqualTo(write(new StreamingSheetWriter(new ByteArrayOutputStream()), rows))
                    .contains("<row r=\"1001\">\n</row>\n");
        }
    }

    private static CellStyle wrapped(SXSSFWorkbook wb) {
        CellStyle s = wb.createCellStyle();
        s.setWrapText(true);
        return s;
    }

    private static CellStyle quoted(SXSSFWorkbook wb) {
        CellStyle s = wb.createCellStyle();
        s.setQuotePrefixed(true);
        return s;
    }

    private static String write(SheetDataWriter writer, List<SXSSFRow> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (StreamingSheetWriter w = writer instanceof BufferedSheetWriter
                ? new BufferedSheetWriter(bytes)
                : new StreamingSheetWriter(bytes)) {
            for (SXSSFRow row : rows) {
                w.writeRow(row.getRowNum(), row);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
