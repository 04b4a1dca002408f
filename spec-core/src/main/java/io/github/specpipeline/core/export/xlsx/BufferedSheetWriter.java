package io.github.specpipeline.core.export.xlsx;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.StreamingSheetWriter;

import java.io.IOException;
import java.io.OutputStream;

/**
 * POI's streaming sheet writer, with the cells of the types the workbook uses (blank, inline string, number)
 * written as POI writes them, byte for byte, but built in a buffer and handed to the underlying writer in one call.
 *
 * <p>Why: POI writes each character of a cell's text with its own {@code Writer.write(char)} call on a
 * {@code BufferedWriter}, which takes a lock per call, and formats every cell reference anew. For a workbook of
 * 1,000 models (about 620,000 cells) that was most of the time to write the sheets. Other cell types (formulas,
 * booleans, errors, which the workbook never writes) go to POI's own code.
 */
final class BufferedSheetWriter extends StreamingSheetWriter {
    private static final String[] COLUMNS = new String[64];

    static {
        for (int i = 0; i < COLUMNS.length; i++) {
            COLUMNS[i] = CellReference.convertNumToColString(i);
        }
    }

    private final StringBuilder buffer = new StringBuilder(256);
    private String rowNumber = "1";

    BufferedSheetWriter(OutputStream out) throws IOException {
        super(out);
    }

    @Override
    public void writeRow(int rownum, SXSSFRow row) throws IOException {
        rowNumber = Integer.toString(rownum + 1);
        super.writeRow(rownum, row);
    }

    @Override
    public void writeCell(int columnIndex, Cell cell) throws IOException {
        if (cell == null) {
            return;
        }
        CellType type = cell.getCellType();
        if (type != CellType.BLANK && type != CellType.STRING && type != CellType.NUMERIC) {
            super.writeCell(columnIndex, cell);
            return;
        }
        StringBuilder b = buffer;
        b.setLength(0);
        b.append("<c r=\"")
                .append(columnIndex < COLUMNS.length ? COLUMNS[columnIndex] : CellReference.convertNumToColString(columnIndex))
                .append(rowNumber).append('"');
        int style = cell.getCellStyle().getIndex() & 0xffff;
        if (style != 0) {
            b.append(" s=\"").append(style).append('"');
        }
        switch (type) {
            case BLANK -> b.append('>');
            case NUMERIC -> b.append(" t=\"n\"><v>").append(Double.toString(cell.getNumericCellValue())).append("</v>");
            default -> {
                String text = cell.getStringCellValue();
                b.append(" t=\"inlineStr\"><is><t");
                if (!text.isEmpty() && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)))) {
                    b.append(" xml:space=\"preserve\"");
                }
                b.append('>');
                escape(text, b);
                b.append("</t></is>");
            }
        }
        b.append("</c>");
        _out.append(b);
    }

    /** POI's escaping ({@code SheetDataWriter.outputEscapedString}): the same output for every string. */
    static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#xa;");
                case '\r' -> b.append("&#xd;");
                case '\t' -> b.append("&#x9;");
                case '\u00A0' -> b.append("&#xa0;");
                default -> b.append(c < ' ' || c >= '\uFFFE' ? '?' : c);
            }
        }
    }
}
