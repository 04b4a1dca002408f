package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.io.StrictUtf8;
import io.github.specpipeline.core.parse.Names;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads seed files: one {@code <table>.csv} per raw table (UTF-8, RFC 4180, a header row naming the DDL
 * columns, an empty field = NULL). Every value is checked against its DDL type before anything is loaded, and
 * every problem is reported with file, line and column.
 */
public final class SeedLoader {
    /** Problems reported per file before the rest are counted only. */
    static final int MAX_PROBLEMS_PER_FILE = 20;

    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

    private SeedLoader() {}

    /**
     * The rows of one seed file, ready to insert.
     *
     * @param columns the table's columns in the file's header order
     * @param rows    normalised values per record, null for NULL
     */
    public record Seed(RawTable table, Path file, List<RawTable.Column> columns, List<String[]> rows) {}

    /**
     * The seeds read and the problems found; nothing should be loaded when there are problems.
     *
     * @param unread seed files of DDL tables that no model reads: not read, not loaded
     */
    public record Result(Map<String, Seed> seeds, List<SeedProblem> problems, List<Path> unread) {
        public Result(Map<String, Seed> seeds, List<SeedProblem> problems) {
            this(seeds, problems, List.of());
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Reads every {@code *.csv} in {@code directory} (a missing directory means no seeds).
     *
     * @param tables  the raw tables by name
     * @param display how a file is shown in messages
     * @param session checks values of types this class does not parse itself (arrays, JSON, intervals, bytes)
     */
    public static Result read(
            Path directory, Map<String, RawTable> tables, Function<Path, String> display, DuckDbSession session)
            throws IOException {
        return read(directory, tables, Set.of(), display, session);
    }

    /**
     * As {@link #read(Path, Map, Function, DuckDbSession)}, skipping the seed files of {@code unread} tables
     * (lower-case names): raw tables of the source DDL that no model reads, so none is created for them.
     */
    public static Result read(
            Path directory,
            Map<String, RawTable> tables,
            Set<String> unread,
            Function<Path, String> display,
            DuckDbSession session)
            throws IOException {
        Map<String, Seed> seeds = new TreeMap<>();
        List<Path> skipped = new ArrayList<>();
        List<SeedProblem> problems = new ArrayList<>();
        if (directory == null || !Files.exists(directory)) {
            return new Result(seeds, problems);
        }
        if (!Files.isDirectory(directory)) {
            problems.add(new SeedProblem(display.apply(directory), 0, null, "the seeds location is not a directory"));
            return new Result(seeds, problems);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        Map<String, RawTable> byLowerName = new LinkedHashMap<>();
        tables.values().forEach(t -> byLowerName.put(t.name().toLowerCase(Locale.ROOT), t));
        for (Path file : files) {
            String shown = display.apply(file);
            String fileName = file.getFileName().toString();
            String tableName = fileName.substring(0, fileName.length() - 4);
            RawTable table = byLowerName.get(tableName.toLowerCase(Locale.ROOT));
            if (table == null && unread.contains(tableName.toLowerCase(Locale.ROOT))) {
                skipped.add(file);
                continue;
            }
            if (table == null) {
                String hint = Names.closest(tableName, tables.keySet())
                        .map(c -> "; did you mean '" + c + ".csv'?")
                        .orElse("; raw tables: " + (tables.isEmpty() ? "none" : String.join(", ", tables.keySet())));
                problems.add(new SeedProblem(
                        shown,
                        0,
                        null,
                        "seed for table '" + tableName + "', which is not a raw table of the spec" + hint));
                continue;
            }
            if (seeds.containsKey(table.name())) {
                problems.add(new SeedProblem(
                        shown,
                        0,
                        null,
                        "a second seed for table '" + table.name() + "' ("
                                + display.apply(seeds.get(table.name()).file()) + " is the first)"));
                continue;
            }
            if (table.columns().isEmpty()) {
                continue; // no DDL: reported once for the table by the caller
            }
            List<SeedProblem> fileProblems = new ArrayList<>();
            Seed seed = readFile(file, shown, table, fileProblems, session);
            if (fileProblems.size() > MAX_PROBLEMS_PER_FILE) {
                int more = fileProblems.size() - MAX_PROBLEMS_PER_FILE;
                fileProblems = new ArrayList<>(fileProblems.subList(0, MAX_PROBLEMS_PER_FILE));
                fileProblems.add(new SeedProblem(
                        shown, 0, null, "and " + more + " more problem" + (more == 1 ? "" : "s") + " in this file"));
            }
            problems.addAll(fileProblems);
            if (seed != null && fileProblems.isEmpty()) {
                seeds.put(table.name(), seed);
            }
        }
        return new Result(seeds, problems, skipped);
    }

    /** Inserts the seeds read without problems. */
    public static void load(Result result, DuckDbSession session) throws SQLException {
        for (Seed s : result.seeds().values()) {
            session.insert(
                    s.table().qualifiedName(),
                    s.columns().stream().map(RawTable.Column::name).toList(),
                    s.columns().stream().map(RawTable.Column::type).toList(),
                    s.rows());
        }
    }

    private static Seed readFile(
            Path file, String shown, RawTable table, List<SeedProblem> problems, DuckDbSession session)
            throws IOException {
        String text = decode(Files.readAllBytes(file), shown, problems);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            problems.add(new SeedProblem(
                    shown,
                    0,
                    null,
                    "the file is empty; expected a header row with the columns of " + table.name() + ": "
                            + columnList(table)));
            return null;
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setNullString("").get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            long lineBefore = 0;
            CSVRecord header = it.next();
            int headerLine = 1;
            lineBefore = parser.getCurrentLineNumber();
            List<RawTable.Column> columns = header(header, headerLine, shown, table, problems);
            if (columns == null) {
                return null;
            }
            List<String[]> rows = new ArrayList<>();
            while (true) {
                int line = (int) lineBefore + 1;
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException e) {
                    problems.add(new SeedProblem(shown, startLine(e, line), null, "not valid CSV: " + csvMessage(e)));
                    return null;
                }
                lineBefore = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0) == null) {
                    continue; // a blank line
                }
                if (record.size() != columns.size()) {
                    problems.add(new SeedProblem(
                            shown,
                            line,
                            null,
                            record.size() + " value" + (record.size() == 1 ? "" : "s") + ", but the header has "
                                    + columns.size() + " columns"));
                    continue;
                }
                String[] row = new String[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    RawTable.Column col = columns.get(i);
                    String v = record.get(i);
                    if (v == null) {
                        if (col.notNull()) {
                            problems.add(new SeedProblem(
                                    shown,
                                    line,
                                    col.name(),
                                    "empty (NULL), but the DDL declares " + col.name() + " NOT NULL"));
                        }
                        continue;
                    }
                    try {
                        row[i] = Values.canonical(v, col.type());
                    } catch (ValueException e) {
                        problems.add(new SeedProblem(shown, line, col.name(), e.getMessage()));
                        continue;
                    }
                    if (col.type().kind() == ColumnType.Kind.OTHER && session != null) {
                        String problem = session.castProblem(v, col.type().duckDbType());
                        if (problem != null) {
                            problems.add(new SeedProblem(
                                    shown,
                                    line,
                                    col.name(),
                                    Values.quote(v) + " is not a valid "
                                            + col.type().shown() + ": " + problem));
                        }
                    }
                }
                rows.add(row);
            }
            return new Seed(table, file, columns, rows);
        } catch (UncheckedIOException e) {
            problems.add(new SeedProblem(shown, startLine(e, 1), null, "not valid CSV: " + csvMessage(e)));
            return null;
        }
    }

    private static List<RawTable.Column> header(
            CSVRecord header, int line, String shown, RawTable table, List<SeedProblem> problems) {
        List<RawTable.Column> columns = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> names = table.columns().stream().map(RawTable.Column::name).toList();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i).trim();
            if (h.isEmpty()) {
                messages.add("header column " + (i + 1) + " is empty");
                continue;
            }
            RawTable.Column c = table.column(h).orElse(null);
            if (c == null) {
                messages.add("'" + Values.visible(h, 60) + "' is not a column of " + table.name()
                        + Names.closest(h, names)
                                .map(x -> " (did you mean '" + x + "'?)")
                                .orElse(""));
            } else if (columns.contains(c)) {
                messages.add("column '" + c.name() + "' appears twice");
            } else {
                columns.add(c);
            }
        }
        List<String> missing = table.columns().stream()
                .filter(c -> !columns.contains(c))
                .map(RawTable.Column::name)
                .toList();
        if (!missing.isEmpty() && messages.isEmpty()) {
            messages.add("missing column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        } else if (!missing.isEmpty()) {
            messages.add("missing: " + String.join(", ", missing));
        }
        if (!messages.isEmpty()) {
            problems.add(new SeedProblem(
                    shown,
                    line,
                    null,
                    "the header does not match the DDL of " + table.name() + ": " + String.join("; ", messages)
                            + " (expected: " + columnList(table) + ")"));
            return null;
        }
        return columns;
    }

    private static String columnList(RawTable table) {
        return String.join(
                ",", table.columns().stream().map(RawTable.Column::name).toList());
    }

    /** Strict UTF-8 with an optional BOM; reports the line of the first bad byte. */
    private static String decode(byte[] bytes, String shown, List<SeedProblem> problems) {
        StrictUtf8.Decoded decoded = StrictUtf8.decode(bytes);
        if (decoded instanceof StrictUtf8.Text text) {
            return text.text();
        }
        StrictUtf8.Malformed bad = (StrictUtf8.Malformed) decoded;
        problems.add(new SeedProblem(
                shown,
                bad.line(),
                null,
                "not valid UTF-8 (byte " + (bad.byteOffset() + 1) + "); save the file as UTF-8"));
        return null;
    }

    private static int startLine(UncheckedIOException e, int fallback) {
        Matcher m = START_LINE.matcher(String.valueOf(
                e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    private static String csvMessage(UncheckedIOException e) {
        String m = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        m = m == null
                ? "unreadable"
                : m.replaceAll("\\(startline \\d+\\)\\s*", "").strip();
        if (m.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value is not closed (a \" is missing)";
        }
        if (m.contains("invalid char between encapsulated token and delimiter")) {
            return "text after a closing quote (write a quote inside a quoted value as \"\")";
        }
        return m;
    }
}
