package io.github.specpipeline.core.export.csv;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.SpecReview.ColumnKind;
import io.github.specpipeline.core.export.SpecReview.ColumnRow;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.SpecReview.TestRow;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.model.Constraints;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.UnitTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The review CSV set, file names and columns as the original exporters wrote them (the parity baseline):
 * {@code 00_overview.csv} to {@code 05_data_lineage.csv}, one {@code model_<name>.csv} per model, plus
 * {@code 06_validation.csv} with the diagnostics.
 *
 * <p>Format: RFC 4180 (Commons CSV), comma-separated, fields quoted only when needed, UTF-8 without a byte order
 * mark, {@code \n} line ends (files are meant to be diffed in pull requests; RFC 4180 parsers accept LF).
 * Every file is rectangular: the sectioned {@code model_*.csv} files pad each record to the widest section, so
 * strict readers see the same field count on every line. Empty cells stand for nulls. Cells a spreadsheet
 * would evaluate as formulas are neutralised by {@link CsvText}.
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
        written.add(table(out, dir + "/00_overview.csv", overview(review)));
        written.add(out.write(dir + "/01_all_columns.csv", os -> print(os, w -> allColumns(review, w))));
        written.add(out.write(dir + "/02_all_transforms.csv", os -> print(os, w -> transforms(review, w))));
        written.add(out.write(dir + "/03_all_joins.csv", os -> print(os, w -> joins(review, w))));
        written.add(out.write(dir + "/04_all_tests.csv", os -> print(os, w -> tests(review, w))));
        written.add(out.write(dir + "/05_data_lineage.csv", os -> print(os, w -> lineage(review, w))));
        written.add(out.write(dir + "/06_validation.csv", os -> print(os, w -> validation(review, w))));
        for (ModelReview m : review.models()) {
            written.add(table(out, dir + "/" + modelFileName(m), modelRows(m)));
        }
        return written;
    }

    /** {@code model_<key>.csv}. */
    public static String modelFileName(ModelReview m) {
        return "model_" + m.key() + ".csv";
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

    /** A small rectangular file, rendered in memory and only written when its content changed. */
    private static Path table(OutputDirectory out, String path, List<List<String>> rows) throws IOException {
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
        return out.writeIfChanged(path, bytes.toByteArray());
    }

    private static void record(CSVPrinter p, String... values) throws IOException {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = CsvText.cell(values[i]);
        }
        p.printRecord((Object[]) cells);
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }

    private static List<List<String>> overview(SpecReview review) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "Model Name",
                "Layer",
                "Source Tables",
                "Total Columns",
                "Has Joins",
                "Has Aggregations",
                "Primary Key"));
        for (ModelReview m : review.models()) {
            rows.add(Arrays.asList(
                    m.displayName(),
                    m.layer().id(),
                    m.sourcesText(),
                    Integer.toString(m.columns().size()),
                    yesNo(m.hasJoins()),
                    yesNo(m.hasAggregations()),
                    String.join(", ", m.model().constraints().primaryKey())));
        }
        return rows;
    }

    private static void allColumns(SpecReview review, CSVPrinter p) throws IOException {
        record(
                p,
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
        for (ModelReview m : review.models()) {
            for (ColumnRow c : m.columns()) {
                record(
                        p,
                        m.displayName(),
                        m.layer().id(),
                        c.name(),
                        c.type(),
                        c.sourceTable(),
                        c.sourceColumn(),
                        c.transform(),
                        c.nullable(),
                        c.tests(),
                        c.description());
            }
        }
    }

    private static void transforms(SpecReview review, CSVPrinter p) throws IOException {
        record(p, "Model", "Column", "Type", "Transform Logic", "Description");
        for (ModelReview m : review.models()) {
            for (ColumnRow c : m.columns()) {
                if (c.transform() != null) {
                    record(
                            p,
                            m.displayName(),
                            c.name(),
                            c.kind() == ColumnKind.METRIC ? "Aggregation" : "Column Transform",
                            c.transform(),
                            c.description());
                }
            }
        }
    }

    private static void joins(SpecReview review, CSVPrinter p) throws IOException {
        record(p, "Model", "Layer", "Left Table", "Right Table", "Join Type", "Join Condition");
        for (ModelReview m : review.models()) {
            for (Join j : m.model().joins()) {
                record(
                        p,
                        m.displayName(),
                        m.layer().id(),
                        j.leftTable(),
                        j.rightTable(),
                        j.type().name(),
                        j.condition());
            }
        }
    }

    private static void tests(SpecReview review, CSVPrinter p) throws IOException {
        record(p, "Model", "Layer", "Column", "Test Type", "Origin", "Checks", "Description");
        for (ModelReview m : review.models()) {
            for (TestRow t : m.tests()) {
                record(
                        p,
                        m.displayName(),
                        m.layer().id(),
                        t.column(),
                        t.testType(),
                        t.origin().label(),
                        t.checks(),
                        t.description());
            }
        }
    }

    private static void lineage(SpecReview review, CSVPrinter p) throws IOException {
        record(p, "Model", "Layer", "Depends On (Sources)", "Used By (Downstream)");
        for (ModelReview m : review.models()) {
            record(p, m.displayName(), m.layer().id(), m.sourcesText(), String.join(", ", m.downstream()));
        }
    }

    private static void validation(SpecReview review, CSVPrinter p) throws IOException {
        record(p, "Severity", "Code", "Location", "JSON Pointer", "Model", "Message", "Hint");
        for (Diagnostic d : review.diagnostics()) {
            record(
                    p,
                    d.severity().label(),
                    d.code().id(),
                    SpecReview.location(d),
                    d.pointer(),
                    review.modelOf(d).map(ModelReview::displayName).orElse(""),
                    d.message(),
                    d.hint());
        }
    }

    /** The sections of one model's file, unpadded. */
    static List<List<String>> modelRows(ModelReview m) {
        Model model = m.model();
        List<List<String>> rows = new ArrayList<>();
        rows.add(Arrays.asList("MODEL", m.displayName()));
        rows.add(Arrays.asList("Layer", m.layer().id()));
        rows.add(Arrays.asList("Sources", m.sourcesText()));
        if (model.description() != null) {
            rows.add(Arrays.asList("Description", model.description()));
        }
        if (model.owner() != null) {
            rows.add(Arrays.asList("Owner", model.owner()));
        }
        if (!model.tags().isEmpty()) {
            rows.add(Arrays.asList("Tags", String.join(", ", model.tags())));
        }
        if (model.materialization() != null || model.constraints().isScd2()) {
            rows.add(Arrays.asList(
                    "Materialization", model.effectiveMaterialization().id()));
        }
        if (!model.groupBy().isEmpty()) {
            rows.add(Arrays.asList("Group By", String.join(", ", model.groupBy())));
        }
        rows.add(Arrays.asList("Validation", m.status()));

        if (!model.columns().isEmpty()) {
            section(
                    rows,
                    "COLUMN MAPPINGS",
                    "Target Column",
                    "Type",
                    "From Table",
                    "From Column",
                    "Transform",
                    "Nullable",
                    "Tests",
                    "Description");
            for (ColumnRow c : m.columns()) {
                if (c.kind() == ColumnKind.MAPPED) {
                    rows.add(Arrays.asList(
                            c.name(),
                            c.type(),
                            c.sourceTable(),
                            c.sourceColumn(),
                            c.transform(),
                            c.nullable(),
                            c.tests(),
                            c.description()));
                }
            }
        }
        List<ColumnRow> derived = m.columns().stream()
                .filter(c -> c.kind() == ColumnKind.GROUP_KEY
                        || c.kind() == ColumnKind.PASS_THROUGH
                        || c.kind() == ColumnKind.SCD2)
                .toList();
        if (!derived.isEmpty()) {
            section(rows, "OTHER OUTPUT COLUMNS", "Column", "Type", "From Table", "From Column", "Description");
            for (ColumnRow c : derived) {
                rows.add(Arrays.asList(c.name(), c.type(), c.sourceTable(), c.sourceColumn(), c.description()));
            }
        }
        if (!model.joins().isEmpty()) {
            section(rows, "JOINS", "Left Table", "Right Table", "Type", "Condition");
            for (Join j : model.joins()) {
                rows.add(Arrays.asList(j.leftTable(), j.rightTable(), j.type().name(), j.condition()));
            }
        }
        if (!model.filters().isEmpty()) {
            section(rows, "FILTERS", "Applies To", "Predicate", "Rationale");
            for (Filter f : model.filters()) {
                rows.add(Arrays.asList(SpecReview.filterScope(model, f), f.predicate(), f.rationale()));
            }
        }
        if (!model.aggregations().isEmpty()) {
            section(rows, "AGGREGATIONS", "Metric Column", "Type", "Formula", "Tests", "Description");
            for (ColumnRow c : m.columns()) {
                if (c.kind() == ColumnKind.METRIC) {
                    rows.add(Arrays.asList(c.name(), c.type(), c.transform(), c.tests(), c.description()));
                }
            }
        }
        rows.add(List.of());
        rows.add(List.of("CONSTRAINTS"));
        for (String[] c : constraints(model.constraints())) {
            rows.add(Arrays.asList(c));
        }
        List<TestRow> dataTests = m.dataTests();
        if (!dataTests.isEmpty()) {
            section(rows, "DATA TESTS", "Column", "Test Type", "Origin", "Checks");
            for (TestRow t : dataTests) {
                rows.add(Arrays.asList(t.column(), t.testType(), t.origin().label(), t.checks()));
            }
        }
        if (!model.unitTests().isEmpty()) {
            section(rows, "UNIT TESTS", "Name", "Description", "Given", "Expected Rows");
            for (UnitTest u : model.unitTests()) {
                rows.add(Arrays.asList(
                        u.name(),
                        u.description(),
                        given(u),
                        Integer.toString(u.expect().size())));
            }
        }
        if (!m.diagnostics().isEmpty()) {
            section(rows, "VALIDATION", "Severity", "Code", "Location", "Message", "Hint");
            for (Diagnostic d : m.diagnostics()) {
                rows.add(Arrays.asList(
                        d.severity().label(), d.code().id(), SpecReview.location(d), d.message(), d.hint()));
            }
        }
        return rows;
    }

    /** {@code raw.orders (2 rows), raw.fx (1 row)}. */
    public static String given(UnitTest u) {
        List<String> parts = new ArrayList<>();
        for (UnitTest.Input in : u.given()) {
            parts.add(in.input() + " (" + in.rows().size() + (in.rows().size() == 1 ? " row)" : " rows)"));
        }
        return String.join(", ", parts);
    }

    /** The constraint lines a reviewer sees, as name/value pairs. */
    public static List<String[]> constraints(Constraints k) {
        List<String[]> out = new ArrayList<>();
        if (k.isScd2()) {
            out.add(new String[] {"scd_type", "2"});
            out.add(new String[] {"natural_key", String.join(", ", k.naturalKey())});
            out.add(new String[] {"effective_at", k.effectiveAt()});
            out.add(new String[] {"expiry_at", k.expiryAt()});
            out.add(new String[] {"current_flag", k.currentFlag()});
            if (!k.primaryKey().isEmpty()) {
                out.add(new String[] {"primary_key", String.join(", ", k.primaryKey())});
            }
        } else {
            out.add(new String[] {"primary_key", String.join(", ", k.primaryKey())});
            out.add(new String[] {"partition_by", k.partitionBy()});
            out.add(new String[] {"cluster_by", String.join(", ", k.clusterBy())});
            if (k.scdType() != null) {
                out.add(new String[] {"scd_type", k.scdType().toString()});
            }
        }
        return out;
    }

    private static void section(List<List<String>> rows, String title, String... header) {
        rows.add(List.of());
        rows.add(List.of(title));
        rows.add(Arrays.asList(header));
    }
}
