package io.github.specpipeline.core.ddl;

import io.github.specpipeline.core.io.StrictUtf8;
import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.sql.SqlToken;
import io.github.specpipeline.core.sql.TextPositions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the source tables of a pipeline from a directory of BigQuery DDL files.
 *
 * <p>Every {@code *.sql} file directly in the directory is read, in file-name order, as UTF-8 (a byte order
 * mark is accepted). A file holds any number of {@code CREATE TABLE} statements separated by {@code ;}, with
 * {@code --}, {@code #} and {@code /* *}{@code /} comments.
 *
 * <p>Each statement is read once, by {@link CreateTableReader}, a token-based reader of BigQuery's CREATE TABLE
 * grammar that locates every name. JSqlParser is not used for DDL: version 5.3 records no DDL positions, rejects
 * common BigQuery forms ({@code STRUCT<...>}, {@code ARRAY<ARRAY<...>>}, {@code NOT ENFORCED},
 * {@code PARTITION BY DATE(ts)}) and accepts non-BigQuery text, and where it did read a statement it read the same
 * names, types and NOT NULL ({@code CreateTableReaderTest}).
 *
 * <p>Problems in the input are returned, never thrown: a missing directory, a file that is not UTF-8, a
 * statement that is not a readable CREATE TABLE, a table without a dataset, a table defined twice, a column
 * defined twice. A bad statement does not stop the others from being read.
 */
public final class SourceDdlReader {

    /** Largest DDL file read: DDL is small; a bigger file is almost certainly not DDL. */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    private final List<DdlProblem> problems = new ArrayList<>();
    private final Map<String, SourceTable> tables = new LinkedHashMap<>();

    private SourceDdlReader() {}

    /** Reads every {@code *.sql} file in {@code dir}. */
    public static DdlReadResult read(Path dir) {
        SourceDdlReader reader = new SourceDdlReader();
        reader.readDirectory(dir);
        return reader.result();
    }

    /** Reads DDL text as if it were the file {@code file}; for callers that hold the text already. */
    public static DdlReadResult readText(Path file, String text) {
        SourceDdlReader reader = new SourceDdlReader();
        reader.readStatements(file, StrictUtf8.withoutByteOrderMark(text));
        return reader.result();
    }

    private DdlReadResult result() {
        return new DdlReadResult(new SourceCatalog(tables.values()), problems);
    }

    private void readDirectory(Path dir) {
        if (dir == null) {
            problems.add(new DdlProblem(null, 0, 0, "no source DDL directory was given"));
            return;
        }
        if (!Files.exists(dir)) {
            problems.add(new DdlProblem(dir, 0, 0, "the source DDL directory " + dir + " does not exist"));
            return;
        }
        if (!Files.isDirectory(dir)) {
            problems.add(DdlProblem.ofDirectory(dir, "the source DDL path is not a directory"));
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException | RuntimeException e) {
            problems.add(DdlProblem.ofDirectory(dir, "cannot list the source DDL directory: " + reason(e)));
            return;
        }
        if (files.isEmpty()) {
            problems.add(DdlProblem.ofDirectory(dir, "the source DDL directory has no *.sql files"));
            return;
        }
        for (Path file : files) {
            readFile(file).ifPresent(text -> readStatements(file, text));
        }
    }

    /** The file's text, or empty after recording why it cannot be read. */
    private Optional<String> readFile(Path file) {
        // Java 17 has no switch over types: one branch per kind of StrictUtf8.Read
        StrictUtf8.Read read = StrictUtf8.read(file, MAX_FILE_BYTES);
        if (read instanceof StrictUtf8.Text text) {
            return Optional.of(text.text());
        }
        if (read instanceof StrictUtf8.Malformed bad) {
            problems.add(malformed(file, bad));
        } else if (read instanceof StrictUtf8.TooLarge) {
            problems.add(new DdlProblem(
                    file,
                    0,
                    0,
                    "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB; it is not read as source DDL"));
        } else {
            Exception cause = ((StrictUtf8.Unreadable) read).cause();
            problems.add(new DdlProblem(file, 0, 0, "cannot read " + file + ": " + reason(cause)));
        }
        return Optional.empty();
    }

    /** The problem of a file that is not UTF-8, at its first bad byte. */
    private static DdlProblem malformed(Path file, StrictUtf8.Malformed bad) {
        if (bad.utf16ByteOrderMark()) {
            return new DdlProblem(
                    file,
                    1,
                    1,
                    "the file is not valid UTF-8 (it starts with a UTF-16 byte order mark);" + " save it as UTF-8");
        }
        return new DdlProblem(
                file,
                bad.line(),
                bad.column(),
                String.format(
                        "the file is not valid UTF-8 (byte 0x%02X at offset %d); save it as UTF-8",
                        bad.badByte(), bad.byteOffset()));
    }

    /** Splits the file into statements at top-level ';' and reads each. */
    private void readStatements(Path file, String text) {
        TextPositions positions = new TextPositions(text);
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(text);
        } catch (SqlLexer.LexicalError e) {
            // without reliable token boundaries no statement of the file can be trusted
            problems.add(new DdlProblem(file, e.line(), e.column(), e.getMessage()));
            return;
        }
        List<SqlToken> statement = new ArrayList<>();
        for (SqlToken t : tokens) {
            if (t.kind() == SqlToken.Kind.COMMENT) {
                continue;
            }
            if (t.isSymbol(';')) {
                readStatement(file, positions, statement);
                statement = new ArrayList<>();
            } else {
                statement.add(t);
            }
        }
        readStatement(file, positions, statement);
    }

    private void readStatement(Path file, TextPositions positions, List<SqlToken> statement) {
        if (statement.isEmpty()) {
            return;
        }
        CreateTableReader.TableDef def;
        try {
            def = CreateTableReader.read(statement);
        } catch (CreateTableReader.Failure f) {
            problems.add(new DdlProblem(file, positions.line(f.offset), positions.column(f.offset), f.getMessage()));
            return;
        }
        addTable(file, def);
    }

    private void addTable(Path file, CreateTableReader.TableDef def) {
        SqlToken at = def.nameToken();
        List<String> parts = def.nameParts();
        String written = String.join(".", parts);
        if (parts.size() == 1) {
            problems.add(new DdlProblem(
                    file,
                    at.line(),
                    at.column(),
                    "table '" + written + "' has no dataset: qualify the table as dataset.table"));
            return;
        }
        if (parts.size() > 3) {
            problems.add(new DdlProblem(
                    file,
                    at.line(),
                    at.column(),
                    "table name '" + written + "' has too many parts: write dataset.table or project.dataset.table"));
            return;
        }
        String schema = parts.get(parts.size() - 2);
        String name = parts.get(parts.size() - 1);
        List<SourceColumn> columns = new ArrayList<>();
        Map<String, SourceColumn> seen = new HashMap<>();
        for (CreateTableReader.ColumnDef c : def.columns()) {
            SqlToken ct = c.nameToken();
            SourceColumn column = new SourceColumn(c.name(), c.type(), c.notNull(), ct.line(), ct.column());
            SourceColumn first = seen.putIfAbsent(c.name().toLowerCase(Locale.ROOT), column);
            if (first != null) {
                problems.add(new DdlProblem(
                        file,
                        ct.line(),
                        ct.column(),
                        "column '" + c.name() + "' is defined twice in table " + schema + "." + name
                                + " (first at line " + first.line() + ")"));
            } else {
                columns.add(column);
            }
        }
        SourceTable table = new SourceTable(schema, name, columns, file, at.line());
        SourceTable earlier = tables.putIfAbsent(table.key(), table);
        if (earlier != null) {
            problems.add(new DdlProblem(
                    file,
                    at.line(),
                    at.column(),
                    "table " + table.qualifiedName() + " is defined twice; it is already defined at "
                            + where(earlier)));
        }
    }

    private static String where(SourceTable t) {
        Path name = t.file() == null ? null : t.file().getFileName();
        return (name == null ? "" : name + ":") + t.line();
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
