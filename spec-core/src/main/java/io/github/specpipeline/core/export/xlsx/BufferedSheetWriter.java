package io.github.specpipeline.core.export.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.StreamingSheetWriter;

/**
 * POI's streaming sheet writer, with the cells of the types the workbook uses (blank, inline string, number)
 * written as POI writes them, byte for byte, but built in a buffer and handed to the underlying writer in one call.
 *
 * <p>Why: POI writes each character of a cell's text with its own {@code Writer.write(char)} call on a
 * {@code BufferedWriter}, which takes a lock per call, and formats every cell reference anew. For a large workbook
 * that was most of the time to write the sheets (the benchmark page compares it with POI's own writer). Other cell types (formulas,
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
        int style = cell.getCellStyle().getIndex() & 0xffff;
        switch (type) {
            case BLANK -> blank(columnIndex, style);
            case NUMERIC -> number(columnIndex, style, cell.getNumericCellValue());
            case STRING -> text(columnIndex, style, cell.getStringCellValue());
            default -> super.writeCell(columnIndex, cell);
        }
    }

    // ---- rows without POI's row and cell objects ---------------------------------------------------------------
    // The workbook's rows are written straight through these, exactly as POI's writeRow would write a row holding
    // the same cells (no custom height, no row style, no outline): creating an SXSSFRow and its SXSSFCells per row
    // only to read them back here cost a good part of the time to write the sheets. BufferedSheetWriterTest compares.

    /** Starts row {@code rownum} (0-based), as POI's {@code beginRow} does for a plain row. */
    void openRow(int rownum) throws IOException {
        rowNumber = Integer.toString(rownum + 1);
        _out.append("<row r=\"").append(rowNumber).append("\">\n");
    }

    /** Ends the row, as POI's {@code endRow}. */
    void closeRow() throws IOException {
        _out.append("</row>\n");
    }

    /** A blank cell with style index {@code style} (0: the default style). */
    void blank(int columnIndex, int style) throws IOException {
        _out.append(start(columnIndex, style).append("></c>"));
    }

    /** A numeric cell. */
    void number(int columnIndex, int style, double value) throws IOException {
        _out.append(start(columnIndex, style)
                .append(" t=\"n\"><v>")
                .append(Double.toString(value))
                .append("</v></c>"));
    }

    /** An inline string cell. */
    void text(int columnIndex, int style, String text) throws IOException {
        StringBuilder b = start(columnIndex, style).append(" t=\"inlineStr\"><is><t");
        if (!text.isEmpty()
                && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)))) {
            b.append(" xml:space=\"preserve\"");
        }
        b.append('>');
        escape(text, b);
        _out.append(b.append("</t></is></c>"));
    }

    private StringBuilder start(int columnIndex, int style) {
        StringBuilder b = buffer;
        b.setLength(0);
        b.append("<c r=\"")
                .append(
                        columnIndex < COLUMNS.length
                                ? COLUMNS[columnIndex]
                                : CellReference.convertNumToColString(columnIndex))
                .append(rowNumber)
                .append('"');
        if (style != 0) {
            b.append(" s=\"").append(style).append('"');
        }
        return b;
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
