package io.github.specpipeline.core.export.csv;

import io.github.specpipeline.core.export.ModelTables;
import io.github.specpipeline.core.export.ReviewTable;
import io.github.specpipeline.core.export.ReviewTables;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.io.OutputDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The review CSV set, file names and columns as the original exporters wrote them (the parity baseline):
 * {@code 00_overview.csv} to {@code 05_data_lineage.csv}, one {@code model_<name>.csv} per model, plus
 * {@code 06_validation.csv} with the diagnostics, {@code 07_changes.csv} with a base and
 * {@code 08_named_expressions.csv} when the spec defines named expressions.
 *
 * <p>Format: RFC 4180 (Commons CSV), comma-separated, fields quoted only when needed, UTF-8 without a byte order
 * mark, {@code \n} line ends (files are meant to be diffed in pull requests; RFC 4180 parsers accept LF).
 * Every file is rectangular: the sectioned {@code model_*.csv} files pad each record to the widest section, so
 * strict readers see the same field count on every line. Empty cells stand for nulls. Cells a spreadsheet
 * would evaluate as formulas are neutralised by {@link CsvText}.
 *
 * <p>The rows are the review's tables ({@link ReviewTables}, {@link ModelTables}); this class only lays them out.
 */
public final class CsvExporter {
    /** The CSV dialect of every file. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    private CsvExporter() {}

    /** Writes every file under {@code dir} (e.g. {@code review/csv}); returns the files written, in order. */
    public static List<Path> write(SpecReview review, OutputDirectory out, String dir) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(out.writeIfChanged(
                dir + "/00_overview.csv", render(ReviewTables.modelList(review).texts())));
        written.add(stream(out, dir + "/01_all_columns.csv", ReviewTables.allColumns(review)));
        written.add(stream(out, dir + "/02_all_transforms.csv", ReviewTables.transforms(review)));
        written.add(stream(out, dir + "/03_all_joins.csv", ReviewTables.joins(review)));
        written.add(stream(out, dir + "/04_all_tests.csv", ReviewTables.tests(review)));
        written.add(stream(out, dir + "/05_data_lineage.csv", ReviewTables.lineage(review)));
        written.add(stream(out, dir + "/06_validation.csv", ReviewTables.validation(review)));
        if (review.base().isPresent()) {
            written.add(stream(out, dir + "/07_changes.csv", ReviewTables.changes(review)));
        }
        ReviewTable named = ReviewTables.namedExpressions(review);
        if (!named.isEmpty()) {
            // only for a spec that defines named expressions: the file set of one without stays as it was
            written.add(stream(out, dir + "/08_named_expressions.csv", named));
        }
        for (ModelReview m : review.models()) {
            written.add(out.writeIfChanged(dir + "/" + modelFileName(m), render(modelRows(m))));
        }
        return written;
    }

    /** {@code model_<key>.csv}. */
    public static String modelFileName(ModelReview m) {
        return "model_" + m.key() + ".csv";
    }

    /** A table with many rows, printed as it goes. */
    private static Path stream(OutputDirectory out, String path, ReviewTable table) throws IOException {
        return out.write(
                path,
                os -> print(os, p -> {
                    for (List<String> row : table.texts()) {
                        p.printRecord(row.stream().map(CsvText::cell).toList());
                    }
                }));
    }

    @FunctionalInterface
    private interface Rows {
        void printTo(CSVPrinter printer) throws IOException;
    }

    private static void print(java.io.OutputStream os, Rows rows) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter printer = new CSVPrinter(w, FORMAT);
        rows.printTo(printer);
        printer.flush();
    }

    /** A small rectangular file, rendered in memory (it is only written when its content changed). */
    private static byte[] render(List<List<String>> rows) throws IOException {
        int width = rows.stream().mapToInt(List::size).max().orElse(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(4096);
        print(bytes, p -> {
            for (List<String> row : rows) {
                List<String> padded = new ArrayList<>(width);
                row.forEach(v -> padded.add(CsvText.cell(v)));
                while (padded.size() < width) {
                    padded.add("");
                }
                p.printRecord(padded);
            }
        });
        return bytes.toByteArray();
    }

    /**
     * The sections of one model's file, unpadded: its heading block, then each table that has rows under its title
     * in capitals (the constraints without a header row), in the original exporters' order.
     */
    static List<List<String>> modelRows(ModelReview m) {
        ModelTables t = ModelTables.of(m);
        List<List<String>> rows = new ArrayList<>();
        for (ModelTables.Fact f : t.fileFacts()) {
            rows.add(Arrays.asList(f.label(), f.value().text()));
        }
        for (ReviewTable table :
                List.of(t.columnMappings(), t.otherOutputColumns(), t.joins(), t.filters(), t.aggregations())) {
            section(rows, table, true);
        }
        section(rows, t.constraints(), false);
        for (ReviewTable table : List.of(t.dataTests(), t.unitTests(), t.validation())) {
            section(rows, table, true);
        }
        return rows;
    }

    private static void section(List<List<String>> rows, ReviewTable table, boolean withHeader) {
        if (table.isEmpty()) {
            return;
        }
        rows.add(List.of());
        rows.add(List.of(table.title().toUpperCase(Locale.ROOT)));
        List<List<String>> texts = table.texts();
        rows.addAll(withHeader ? texts : texts.subList(1, texts.size()));
    }
}
