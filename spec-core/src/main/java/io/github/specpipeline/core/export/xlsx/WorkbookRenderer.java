package io.github.specpipeline.core.export.xlsx;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.export.Cell;
import io.github.specpipeline.core.export.ModelTables;
import io.github.specpipeline.core.export.ReviewTable;
import io.github.specpipeline.core.export.ReviewTables;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.csv.CsvText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Footer;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;

/**
 * The review workbook ({@code spec-review.xlsx}): Overview, Spec, Validation, All Columns (the data dictionary),
 * Transforms, Joins, Tests, Data Lineage, then one sheet per model (its columns with their transforms and
 * formulas, joins, filters, grouping, constraints, tests, unit tests and findings).
 *
 * <p>The rows are the review's tables ({@link ReviewTables}, {@link ModelTables}), the same the CSV files hold;
 * this class lays them out and styles them ({@link #cell}).
 *
 * <p>Written with POI's streaming writer ({@link DeferredSXSSFWorkbook}: rows are generated while the file is
 * written, with no temporary file per sheet, so memory and open files stay flat however many models there are).
 * Every value is a string or number cell, never a formula; a string a spreadsheet could read as a formula
 * (starting with {@code = + - @}, tab or CR) gets Excel's "quote prefix" style, which keeps it text even when the
 * cell is edited, without changing the text. Text longer than a cell holds is cut with a note.
 *
 * <p>The file is the same bytes for the same spec: fixed document properties ({@code timestamp} as created and
 * modified date) and fixed zip entry times (see {@link ZipNormalizer}).
 */
public final class WorkbookRenderer {
    /** Excel's limit is 32,767 characters per cell; longer text is cut to this many and a note added. */
    static final int MAX_CELL_TEXT = 32_000;

    private static final int MIN_WIDTH = 6;
    private static final int MAX_WIDTH = 60;

    private WorkbookRenderer() {}

    /** How a cell looks. */
    enum Kind {
        TITLE,
        SECTION,
        LABEL,
        INFO,
        HEADER,
        TEXT,
        WRAP,
        CODE,
        NUMBER,
        LINK,
        ERROR,
        WARNING,
        OK;

        boolean measured() {
            return this == HEADER
                    || this == TEXT
                    || this == WRAP
                    || this == CODE
                    || this == NUMBER
                    || this == LINK
                    || this == ERROR
                    || this == WARNING
                    || this == OK;
        }
    }

    /** One cell to write. */
    record C(String value, Kind kind) {}

    /**
     * The most models that get a sheet each by default. Beyond it the workbook has no model sheets at all: Excel
     * with thousands of tabs cannot be navigated, every sheet's objects stay on POI's heap until the file is
     * written (see the benchmark page for a 10,000-model workbook), and every model's mapping, joins and tests are
     * still in the All Columns, Transforms, Joins and Tests sheets (and in {@code csv/model_<name>.csv}).
     */
    public static final int DEFAULT_MAX_MODEL_SHEETS = 1_000;

    /** Writes the workbook to {@code out} with at most {@link #DEFAULT_MAX_MODEL_SHEETS}; returns the sheet count. */
    public static int write(SpecReview review, Instant timestamp, OutputStream out) throws IOException {
        return write(review, timestamp, DEFAULT_MAX_MODEL_SHEETS, out);
    }

    /** Whether the workbook of {@code review} gets one sheet per model under the limit {@code maxModelSheets}. */
    public static boolean hasModelSheets(SpecReview review, int maxModelSheets) {
        return review.models().size() <= maxModelSheets;
    }

    /**
     * Writes the workbook to {@code out}; returns the sheet count. When the spec has more than {@code maxModelSheets}
     * models, no model gets a sheet of its own (all or none, so that a reviewer never looks for a missing one), and
     * the Spec sheet says so.
     */
    public static int write(SpecReview review, Instant timestamp, int maxModelSheets, OutputStream out)
            throws IOException {
        Path raw = Files.createTempFile("spec-pipeline-", ".xlsx");
        try {
            int sheets = write(review, timestamp, hasModelSheets(review, maxModelSheets), maxModelSheets, raw);
            try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ZipNormalizer.setTimes(ch, timestamp);
            }
            Files.copy(raw, out);
            return sheets;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Writes the workbook as POI makes it (entry times not yet fixed) to {@code file}. */
    private static int write(
            SpecReview review, Instant timestamp, boolean modelSheetsWanted, int maxModelSheets, Path file)
            throws IOException {
        int sheets;
        try (DeferredSXSSFWorkbook wb = new Workbook()) {
            Styles styles = new Styles(wb);
            POIXMLProperties.CoreProperties core =
                    wb.getXSSFWorkbook().getProperties().getCoreProperties();
            Date when = Date.from(timestamp);
            core.setCreated(Optional.of(when));
            core.setModified(Optional.of(when));
            core.setCreator("spec-pipeline " + Version.get());
            core.setTitle("Spec review: " + review.specFile());
            core.setDescription("Review export of " + review.specFile() + " generated by spec-pipeline");
            wb.getXSSFWorkbook().getProperties().getExtendedProperties().setApplication("spec-pipeline");

            SheetNames names = new SheetNames();
            List<String> fixed = List.of(
                    "Overview", "Spec", "Validation", "All Columns", "Transforms", "Joins", "Tests", "Data Lineage");
            fixed.forEach(names::take);
            if (review.base().isPresent()) {
                names.take("Changes");
            }
            ReviewTable named = ReviewTables.namedExpressions(review);
            if (!named.isEmpty()) {
                names.take("Named Expressions");
            }
            List<String> modelSheets =
                    new ArrayList<>(modelSheetsWanted ? review.models().size() : 0);
            if (modelSheetsWanted) {
                for (ModelReview m : review.models()) {
                    modelSheets.add(names.take(m.displayName()));
                }
            }

            SXSSFSheet overview = sheet(
                    wb,
                    styles,
                    "Overview",
                    sink -> table(ReviewTables.overview(review), modelSheetsWanted, sink),
                    true,
                    review.specFile());
            for (int i = 0; i < modelSheets.size(); i++) {
                XSSFHyperlink link = wb.getXSSFWorkbook().getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
                link.setAddress("'" + modelSheets.get(i).replace("'", "''") + "'!A1");
                link.setCellReference("A" + (i + 2));
                overview.addHyperlink(link);
            }
            int models = review.models().size();
            String omitted = modelSheetsWanted
                    ? null
                    : "none: the spec has " + models + (models == 1 ? " model" : " models")
                            + ", more than maxModelSheets (" + maxModelSheets
                            + "); each model's columns, transforms, joins and tests"
                            + " are in the sheets All Columns, Transforms, Joins and Tests, and in csv/model_<name>.csv";
            sheet(
                    wb,
                    styles,
                    "Spec",
                    sink -> table(ReviewTables.spec(review, omitted), false, sink),
                    true,
                    review.specFile());
            sheet(
                    wb,
                    styles,
                    "Validation",
                    sink -> table(ReviewTables.validation(review), false, sink),
                    true,
                    review.specFile());
            sheet(
                    wb,
                    styles,
                    "All Columns",
                    sink -> table(ReviewTables.allColumns(review), false, sink),
                    true,
                    review.specFile());
            sheet(
                    wb,
                    styles,
                    "Transforms",
                    sink -> table(ReviewTables.transforms(review), false, sink),
                    true,
                    review.specFile());
            sheet(wb, styles, "Joins", sink -> table(ReviewTables.joins(review), false, sink), true, review.specFile());
            sheet(wb, styles, "Tests", sink -> table(ReviewTables.tests(review), false, sink), true, review.specFile());
            sheet(
                    wb,
                    styles,
                    "Data Lineage",
                    sink -> table(ReviewTables.lineage(review), false, sink),
                    true,
                    review.specFile());
            if (review.base().isPresent()) {
                // after the fixed sheets, so that a workbook without a base keeps every sheet where it was
                sheet(
                        wb,
                        styles,
                        "Changes",
                        sink -> table(ReviewTables.changes(review), false, sink),
                        true,
                        review.specFile());
            }
            if (!named.isEmpty()) {
                // like Changes: only when the spec defines named expressions, after the sheets every workbook has
                sheet(wb, styles, "Named Expressions", sink -> table(named, false, sink), true, review.specFile());
            }
            for (int i = 0; i < modelSheets.size(); i++) {
                ModelReview m = review.models().get(i);
                modelSheet(wb, styles, modelSheets.get(i), m, review.specFile());
            }
            sheets = wb.getNumberOfSheets();
            // write(), not writeAvoidingTempFiles(): the latter re-reads the template as a stream, which POI caps at
            // 1000 zip entries (a "zip bomb" guard), so a spec with about 1000 models could not be written
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                wb.write(os);
            }
        }
        return sheets;
    }

    // ---- sheet plumbing -------------------------------------------------------------------------------------

    /**
     * POI's streaming workbook with two changes: when the file is written, POI finds the sheet of each zip entry by
     * comparing the entry name with every sheet's part name (URI-encoded each time), which is quadratic in the
     * number of sheets, here it is a map lookup; and the zip is deflated at the fastest level.
     */
    private static final class Workbook extends DeferredSXSSFWorkbook {
        private Map<String, org.apache.poi.xssf.usermodel.XSSFSheet> byEntryName;

        Workbook() {
            super(200);
        }

        /**
         * Deflate at the fastest level: compressing the sheets' XML at the default level was most of the time to
         * write a large workbook; the file gets somewhat bigger.
         */
        @Override
        protected org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream createArchiveOutputStream(
                OutputStream out) {
            org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
            return zip;
        }

        /** The writer of the sheet whose rows are being generated (POI writes one sheet at a time). */
        private BufferedSheetWriter writer;

        /** Cells buffered per cell instead of written a character at a time (see {@link BufferedSheetWriter}). */
        @Override
        protected org.apache.poi.xssf.streaming.StreamingSheetWriter createSheetDataWriter(OutputStream out)
                throws IOException {
            writer = new BufferedSheetWriter(out);
            return writer;
        }

        BufferedSheetWriter writer() {
            if (writer == null) {
                throw new IllegalStateException("rows are written only while the workbook is being written");
            }
            return writer;
        }

        @Override
        protected org.apache.poi.xssf.usermodel.XSSFSheet getSheetFromZipEntryName(String sheetRef) {
            if (byEntryName == null) {
                byEntryName = new java.util.HashMap<>();
                for (org.apache.poi.ss.usermodel.Sheet sheet : getXSSFWorkbook()) {
                    org.apache.poi.xssf.usermodel.XSSFSheet x = (org.apache.poi.xssf.usermodel.XSSFSheet) sheet;
                    byEntryName.put(x.getPackagePart().getPartName().getName().substring(1), x);
                }
            }
            return byEntryName.get(sheetRef);
        }
    }

    /** Receives a sheet's rows. */
    interface Sink {
        void row(C... cells);

        default void blank() {
            row();
        }
    }

    @FunctionalInterface
    interface Content {
        void write(Sink sink);
    }

    /** First pass: column widths and where the first table is. */
    private static final class Measure implements Sink {
        final int[] widths = new int[64];
        int columns;
        int rows;
        int firstHeader = -1;
        int firstTableEnd = -1;
        int headerWidth;

        @Override
        public void row(C... cells) {
            if (firstHeader >= 0 && firstTableEnd < 0 && (cells.length == 0 || cells[0].kind() == Kind.SECTION)) {
                firstTableEnd = rows - 1;
            }
            if (firstHeader < 0 && cells.length > 0 && cells[0].kind() == Kind.HEADER) {
                firstHeader = rows;
                headerWidth = cells.length;
            }
            for (int i = 0; i < cells.length && i < widths.length; i++) {
                C c = cells[i];
                if (c != null && c.value() != null && c.kind().measured()) {
                    int len = Math.min(MAX_WIDTH, longestLine(c.value()) + (c.kind() == Kind.HEADER ? 3 : 1));
                    widths[i] = Math.max(widths[i], len);
                }
            }
            columns = Math.max(columns, cells.length);
            rows++;
        }

        private static int longestLine(String s) {
            int best = 0;
            int cur = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    best = Math.max(best, cur);
                    cur = 0;
                } else if (++cur >= MAX_WIDTH) {
                    return MAX_WIDTH;
                }
            }
            return Math.max(best, cur);
        }
    }

    private static SXSSFSheet sheet(
            DeferredSXSSFWorkbook wb, Styles styles, String name, Content content, boolean table, String specFile) {
        Measure m = new Measure();
        content.write(m);
        if (m.firstHeader >= 0 && m.firstTableEnd < 0) {
            m.firstTableEnd = m.rows - 1;
        }
        DeferredSXSSFSheet sheet = wb.createSheet(name);
        for (int i = 0; i < Math.min(m.columns, m.widths.length); i++) {
            sheet.setColumnWidth(i, Math.max(MIN_WIDTH, m.widths[i] + 1) * 256);
        }
        if (m.firstHeader >= 0) {
            sheet.createFreezePane(table ? 0 : 1, m.firstHeader + 1);
            // POI's setAutoFilter looks through every defined name of the workbook, so one per model sheet would be
            // quadratic in the number of models: the table sheets get one, the model sheets only frozen headers
            if (table && m.firstTableEnd > m.firstHeader) {
                sheet.setAutoFilter(new CellRangeAddress(m.firstHeader, m.firstTableEnd, 0, m.headerWidth - 1));
            }
        }
        printSetup(sheet, m.firstHeader, specFile);
        sheet.setRowGenerator(s -> content.write(new Emit(s, styles)));
        return sheet;
    }

    /**
     * A model's sheet. Unlike the table sheets it gets no measuring pass (there is one per model, so that pass
     * would double the work of most of the workbook): column widths come from the longest column name and fixed
     * widths for the other columns, and the header row to freeze is known from the number of info rows.
     */
    private static void modelSheet(
            DeferredSXSSFWorkbook wb, Styles styles, String name, ModelReview m, String specFile) {
        DeferredSXSSFSheet sheet = wb.createSheet(name);
        int first = 18;
        for (ColumnRow c : m.columns()) {
            first = Math.max(first, Math.min(MAX_WIDTH, c.name().length() + 2));
        }
        // the default width covers the short columns (type, kind, from, nullable); only the others get their own,
        // which also keeps the per-sheet XML objects POI holds until the file is written few
        sheet.setDefaultColumnWidth(16);
        sheet.setColumnWidth(0, first * 256);
        sheet.setColumnWidth(5, 61 * 256);
        sheet.setColumnWidth(7, 30 * 256);
        sheet.setColumnWidth(8, 61 * 256);
        sheet.createFreezePane(1, infoRows(m) + 3);
        // the header of the output columns, the table that runs over most pages
        printSetup(sheet, infoRows(m) + 2, specFile);
        sheet.setRowGenerator(s -> model(m, new Emit(s, styles)));
    }

    /** Excel's limit for the text of a header or footer part, with room for the sheet name and page codes. */
    static final int MAX_FOOTER_TEXT = 120;

    /**
     * How the sheet prints (and exports to PDF, as for a sign-off meeting): landscape, all columns on one page wide
     * and as many pages tall as needed, the header row ({@code headerRow}, 0-based; none when negative) repeated at
     * the top of every page, and a footer naming the sheet, the spec file and the page.
     */
    static void printSetup(SXSSFSheet sheet, int headerRow, String specFile) {
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0); // 0: as many pages tall as the rows need
        if (headerRow >= 0) {
            sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        }
        Footer footer = sheet.getFooter();
        footer.setLeft("&A"); // the sheet's name
        footer.setCenter(footerText(specFile));
        footer.setRight("Page &P of &N");
    }

    /** Text for a footer: {@code &} starts a code there, so it is doubled; a long name keeps its end (the file name). */
    static String footerText(String text) {
        String t = text.length() <= MAX_FOOTER_TEXT
                ? text
                : "\u2026" + text.substring(text.length() - MAX_FOOTER_TEXT + 1);
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '&') {
                b.append("&&");
            } else if (c >= ' ') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Second pass, while the file is written: the cells themselves. */
    private static final class Emit implements Sink {
        private final BufferedSheetWriter out;
        private final Styles styles;
        private int next;

        /** Writes the rows of {@code sheet}, whose rows are being generated now, to its writer. */
        Emit(SXSSFSheet sheet, Styles styles) {
            this.out = ((Workbook) sheet.getWorkbook()).writer();
            this.styles = styles;
        }

        @Override
        public void row(C... cells) {
            int index = next++;
            if (cells.length == 0) {
                return;
            }
            try {
                out.openRow(index);
                for (int i = 0; i < cells.length; i++) {
                    C c = cells[i];
                    if (c == null || c.value() == null || c.value().isEmpty()) {
                        if (c != null && c.kind() == Kind.HEADER) {
                            out.blank(i, styles.get(Kind.HEADER, false).getIndex() & 0xffff);
                        }
                        continue;
                    }
                    if (c.kind() == Kind.NUMBER && isInteger(c.value())) {
                        out.number(i, styles.get(Kind.NUMBER, false).getIndex() & 0xffff, Long.parseLong(c.value()));
                        continue;
                    }
                    String text = fit(c.value());
                    out.text(i, styles.get(c.kind(), CsvText.isDangerous(text)).getIndex() & 0xffff, keepEscapes(text));
                }
                out.closeRow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean isInteger(String s) {
            if (s.isEmpty() || s.length() > 15) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (!Character.isDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Pattern OOXML_ESCAPE = Pattern.compile("_(x[0-9A-Fa-f]{4}_)");

    /**
     * The text as written in the sheet's XML so that a spreadsheet shows what the CSV file has: OOXML reads
     * {@code _xHHHH_} in a string as the character U+HHHH, which is how it carries the characters XML cannot hold
     * (controls, U+FFFE, U+FFFF). Those characters are written that way, and a {@code _xHHHH_} the spec itself has
     * gets its underscore escaped ({@code _x005F_}), so that {@code _x0041_} does not show as {@code A}.
     */
    static String keepEscapes(String text) {
        boolean plain = text.indexOf("_x") < 0;
        for (int i = 0; plain && i < text.length(); i++) {
            plain = !notInXml(text.charAt(i));
        }
        if (plain) {
            return text;
        }
        String escaped = OOXML_ESCAPE.matcher(text).replaceAll("_x005F_$1");
        StringBuilder b = new StringBuilder(escaped.length() + 16);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (notInXml(c)) {
                b.append(String.format("_x%04X_", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean notInXml(char c) {
        return (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c >= '\uFFFE';
    }

    /** Text a cell can hold. */
    static String fit(String text) {
        if (text.length() <= MAX_CELL_TEXT) {
            return text;
        }
        int end = MAX_CELL_TEXT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026 [cut: " + text.length() + " characters in all; see the CSV export]";
    }

    /** The cell styles, one per kind, and a quote-prefixed copy of each text style. */
    private static final class Styles {
        private final Map<Kind, CellStyle> plain = new EnumMap<>(Kind.class);
        private final Map<Kind, CellStyle> quoted = new EnumMap<>(Kind.class);

        Styles(DeferredSXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font title = wb.createFont();
            title.setBold(true);
            title.setFontHeightInPoints((short) 14);
            Font section = wb.createFont();
            section.setBold(true);
            section.setFontHeightInPoints((short) 12);
            section.setColor(IndexedColors.DARK_BLUE.getIndex());
            Font header = wb.createFont();
            header.setBold(true);
            header.setColor(IndexedColors.WHITE.getIndex());
            Font code = wb.createFont();
            code.setFontName("Courier New");
            Font link = wb.createFont();
            link.setUnderline(Font.U_SINGLE);
            link.setColor(IndexedColors.BLUE.getIndex());
            for (Kind k : Kind.values()) {
                for (boolean q : new boolean[] {false, true}) {
                    CellStyle s = wb.createCellStyle();
                    s.setVerticalAlignment(VerticalAlignment.TOP);
                    switch (k) {
                        case TITLE -> s.setFont(title);
                        case SECTION -> s.setFont(section);
                        case LABEL -> s.setFont(bold);
                        case HEADER -> {
                            s.setFont(header);
                            s.setFillForegroundColor(IndexedColors.DARK_BLUE.getIndex());
                            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                            s.setBorderBottom(BorderStyle.THIN);
                            s.setWrapText(true);
                        }
                        case WRAP -> s.setWrapText(true);
                        case CODE -> {
                            s.setFont(code);
                            s.setWrapText(true);
                        }
                        case LINK -> s.setFont(link);
                        case ERROR -> fill(s, IndexedColors.ROSE, bold);
                        case WARNING -> fill(s, IndexedColors.LIGHT_YELLOW, bold);
                        case OK -> fill(s, IndexedColors.LIGHT_GREEN, null);
                        default -> {}
                    }
                    s.setQuotePrefixed(q);
                    (q ? quoted : plain).put(k, s);
                }
            }
        }

        private static void fill(CellStyle s, IndexedColors color, Font font) {
            s.setFillForegroundColor(color.getIndex());
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            if (font != null) {
                s.setFont(font);
            }
        }

        CellStyle get(Kind kind, boolean quote) {
            return (quote ? quoted : plain).get(kind);
        }
    }

    // ---- content: the review's tables, laid out and styled ---------------------------------------------------

    private static C n(long v) {
        return new C(Long.toString(v), Kind.NUMBER);
    }

    private static C[] header(List<String> names) {
        return names.stream().map(x -> new C(x, Kind.HEADER)).toArray(C[]::new);
    }

    private static C status(long errors, long warnings) {
        Kind k = errors > 0 ? Kind.ERROR : warnings > 0 ? Kind.WARNING : Kind.OK;
        return new C(SpecReview.status(errors, warnings), k);
    }

    /**
     * How a cell of a review table looks: long text wraps, SQL is in a code font, counts are numbers, a status or
     * severity is coloured; a model's name is a link when {@code linked} (the workbook has the model's sheet).
     */
    static C cell(Cell c, boolean linked) {
        return switch (c.type()) {
            case TEXT, FLAG -> new C(c.text(), Kind.TEXT);
            case PROSE -> new C(c.text(), Kind.WRAP);
            case CODE -> new C(c.text(), Kind.CODE);
            case NUMBER -> new C(c.text(), Kind.NUMBER);
            case STATUS -> {
                Cell.Status st = (Cell.Status) c;
                yield status(st.errors(), st.warnings());
            }
            case FINDING -> {
                Severity s = ((Cell.Finding) c).severity();
                yield new C(
                        c.text(), s == Severity.ERROR ? Kind.ERROR : s == Severity.WARNING ? Kind.WARNING : Kind.TEXT);
            }
            case MODEL_NAME -> new C(c.text(), linked ? Kind.LINK : Kind.TEXT);
        };
    }

    /** The header row, then one row per table row. */
    private static void table(ReviewTable table, boolean linked, Sink s) {
        s.row(header(table.header()));
        for (List<Cell> row : table.rows()) {
            s.row(row.stream().map(c -> cell(c, linked)).toArray(C[]::new));
        }
    }

    /** A table of a model's sheet: a blank row, its title, then the table. */
    private static void section(ReviewTable table, Sink s) {
        s.blank();
        s.row(new C(table.title(), Kind.SECTION));
        table(table, false, s);
    }

    /** Rows before the blank row that precedes the output columns table: the title and the heading block. */
    private static int infoRows(ModelReview m) {
        return 1 + ModelTables.of(m).sheetFacts().size();
    }

    private static void model(ModelReview m, Sink s) {
        ModelTables t = ModelTables.of(m);
        s.row(new C("Model: " + m.displayName(), Kind.TITLE));
        for (ModelTables.Fact f : t.sheetFacts()) {
            C value = f.value().type() == Cell.Type.STATUS
                    ? cell(f.value(), false)
                    : new C(f.value().text(), Kind.INFO);
            s.row(new C(f.label(), Kind.LABEL), value);
        }
        section(t.outputColumns(), s);
        for (ReviewTable table : List.of(t.joins(), t.filters())) {
            if (!table.isEmpty()) {
                section(table, s);
            }
        }
        section(t.constraints(), s);
        for (ReviewTable table : List.of(t.tests(), t.unitTests(), t.validation())) {
            if (!table.isEmpty()) {
                section(table, s);
            }
        }
    }
}
