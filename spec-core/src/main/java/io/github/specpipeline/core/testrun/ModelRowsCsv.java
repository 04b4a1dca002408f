package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.engine.bigquery.BigQueryText;
import io.github.specpipeline.core.export.csv.CsvText;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.plan.DuckDbPlan;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code writeRows} option: each built model's rows as {@code rows/<engine>/<model>.csv} (model names are unique
 * in a spec), so a user can look at what the spec produces, as with {@code dbt show}. A header row with the
 * column names; an empty cell for NULL and {@code ""} for an empty string; values in BigQuery's text form
 * ({@code CAST(x AS STRING)}: {@code 49.5}, not {@code 49.500000000}; timestamps as
 * {@code 2024-01-05 11:15:00+00}); rows ordered by all columns ({@link RowOrder}, the same order on every engine),
 * so a file changes only when the data does;
 * RFC 4180 quoting with {@code \n} line ends; text a spreadsheet would run as a formula gets a leading {@code '}
 * ({@link CsvText}).
 */
public final class ModelRowsCsv {
    /** The folder under the plugin's output directory that holds a folder per engine. */
    public static final String ROOT = "rows";

    /** The folder of DuckDB's rows under the plugin's output directory. */
    public static final String DIRECTORY = directory(EngineName.DUCKDB);

    /** The folder of an engine's rows under the plugin's output directory: {@code rows/<engine>}. */
    public static String directory(EngineName engine) {
        return ROOT + "/" + engine.id();
    }

    private ModelRowsCsv() {}

    /**
     * Writes the rows of every model of {@code plan} that was built and removes the files of models that were
     * not (an earlier run's rows would look current).
     *
     * @param built model names that were built without an error
     */
    public static List<Path> write(TestEngine engine, Set<String> built, OutputDirectory out)
            throws IOException, SQLException {
        List<Path> files = new ArrayList<>();
        String directory = directory(engine.name());
        for (DuckDbPlan.ModelBuild mb : engine.models()) {
            if (built.contains(mb.model())) {
                String csv = csv(RowOrder.sorted(engine.modelRows(mb)));
                files.add(out.writeString(directory + "/" + mb.model() + ".csv", csv));
            }
        }
        Path dir = out.resolve(directory);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".csv")
                                && Files.isRegularFile(p)
                                && !files.contains(p))
                        .toList()) {
                    Files.delete(p);
                }
            }
        }
        return files;
    }

    /**
     * Every row of a table ordered by all columns; nested types (lists, structs, maps, JSON, bytes, intervals) as
     * DuckDB's text, which also gives them an order.
     */
    static DuckDbSession.Rows rows(DuckDbSession session, String table) throws SQLException {
        DuckDbSession.Rows columns = session.rows("DESCRIBE " + table);
        List<String> items = new ArrayList<>();
        for (List<Object> c : columns.rows()) {
            String name = DuckDbSession.quote(String.valueOf(c.get(0)));
            String type = String.valueOf(c.get(1)).toUpperCase(Locale.ROOT);
            boolean plain = !type.contains("[")
                    && !type.startsWith("STRUCT")
                    && !type.startsWith("MAP")
                    && !type.startsWith("UNION")
                    && !type.equals("JSON")
                    && !type.equals("BLOB")
                    && !type.equals("INTERVAL");
            items.add(plain ? name : "CAST(" + name + " AS VARCHAR) AS " + name);
        }
        if (items.isEmpty()) {
            return new DuckDbSession.Rows(List.of(), List.of(), List.of());
        }
        return session.rows("SELECT " + String.join(", ", items) + " FROM " + table + " ORDER BY ALL");
    }

    /** The CSV text of some rows. */
    static String csv(DuckDbSession.Rows rows) {
        StringBuilder b = new StringBuilder();
        line(b, new ArrayList<>(rows.columns()));
        for (List<Object> row : rows.rows()) {
            List<String> cells = new ArrayList<>(row.size());
            row.forEach(v -> cells.add(v == null ? null : text(v)));
            line(b, cells);
        }
        return b.toString();
    }

    /**
     * One record. Not commons-csv with the review's format ({@code CsvExporter.FORMAT}), although both are RFC 4180:
     * commons-csv writes NULL and an empty string alike and quotes a cell that starts with a space or {@code #};
     * here NULL is an empty cell and an empty string {@code ""}, so the files keep the two apart
     * ({@code ModelRowsCsvTest.commonsCsvWouldWriteOtherBytes} pins the difference).
     */
    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c == null) {
                continue; // NULL: an empty cell
            }
            c = CsvText.cell(c);
            if (c.isEmpty()
                    || c.indexOf(',') >= 0
                    || c.indexOf('"') >= 0
                    || c.indexOf('\n') >= 0
                    || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append('\n');
    }

    /** A value as BigQuery's {@code CAST(value AS STRING)} writes it, whichever engine gave it. */
    static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return BigQueryText.numeric(d);
        }
        if (v instanceof Double || v instanceof Float) {
            return BigQueryText.float64(((Number) v).doubleValue());
        }
        if (v instanceof OffsetDateTime t) {
            return BigQueryText.timestamp(t);
        }
        if (v instanceof LocalDateTime t) {
            return BigQueryText.dateTime(t);
        }
        if (v instanceof LocalTime t) {
            return BigQueryText.time(t);
        }
        return v.toString(); // whole numbers, booleans, ISO dates, text
    }
}
