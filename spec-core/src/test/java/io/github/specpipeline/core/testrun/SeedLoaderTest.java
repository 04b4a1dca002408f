package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.io.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {
    static DuckDbSession session;

    @TempDir
    Path dir;

    static final RawTable EVENTS = new RawTable(
            "events",
            "\"raw\".\"events\"",
            null,
            List.of(
                    new RawTable.Column("id", ColumnType.of("INT64"), true),
                    new RawTable.Column("note", ColumnType.of("STRING"), false),
                    new RawTable.Column("tags", ColumnType.of("ARRAY<INT64>"), false),
                    new RawTable.Column("at", ColumnType.of("TIMESTAMP"), false)));

    @BeforeAll
    static void open() throws SQLException {
        session = DuckDbSession.open();
        session.execute("CREATE SCHEMA raw");
        session.execute(EVENTS.createStatement());
    }

    @AfterAll
    static void close() throws SQLException {
        session.close();
    }

    private SeedLoader.Result read(String fileName, byte[] content) throws IOException {
        Files.write(dir.resolve(fileName), content);
        return SeedLoader.read(dir, Map.of("events", EVENTS), p -> "seeds/" + p.getFileName(), session);
    }

    private SeedLoader.Result read(String content) throws IOException {
        return read("events.csv", content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(SeedLoader.Result r) {
        return r.problems().stream().map(SeedProblem::format).toList();
    }

    @Test
    void quotedLineBreaksBomCrLfAndBlankLinesAreHandledAndLinesCountedFromTheFile() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String csv = "ID,note,tags,at\r\n1,\"two\r\nlines\",\"[1,2]\",2024-06-01T10:00:00Z\r\n\r\n2,,,\r\nx,,,\r\n";
        byte[] bytes = new byte[bom.length + csv.getBytes(StandardCharsets.UTF_8).length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(csv.getBytes(StandardCharsets.UTF_8), 0, bytes, 3, bytes.length - 3);
        SeedLoader.Result r = read("events.csv", bytes);
        assertThat(problems(r))
                .containsExactly(
                        "seeds/events.csv:6: column 'id': 'x' is not a valid INT64 (expected a whole number, e.g. 42)");
    }

    @Test
    void validRowsLoadWithTypes() throws IOException, SQLException {
        SeedLoader.Result r =
                read("id,note,tags,at\n1,\"a, \"\"quoted\"\" note\",\"[1,2]\",2024-06-01T10:00:00+02:00\n2,,,\n");
        assertThat(r.ok()).isTrue();
        session.execute("DELETE FROM raw.events");
        SeedLoader.load(r, session);
        DuckDbSession.Sample s = session.sample("SELECT id, note, tags, \"at\" FROM raw.events ORDER BY id", 5);
        assertThat(s.rows())
                .containsExactly(
                        List.of("1", "a, \"quoted\" note", "[1, 2]", "2024-06-01T08:00:00Z"),
                        List.of("2", "NULL", "NULL", "NULL"));
    }

    @Test
    void valuesOfOtherTypesAreCheckedByDuckDb() throws IOException {
        assertThat(problems(read("id,note,tags,at\n1,,\"[1,x]\",\n")))
                .singleElement()
                .asString()
                .startsWith(
                        "seeds/events.csv:2: column 'tags': '[1,x]' is not a valid ARRAY<INT64>: Conversion Error:");
    }

    @Test
    void anUnclosedQuoteIsReportedAtItsLine() throws IOException {
        assertThat(problems(read("id,note,tags,at\n1,ok,,\n2,\"not closed,,\n3,x,,\n")))
                .containsExactly("seeds/events.csv:3: not valid CSV: a quoted value is not closed (a \" is missing)");
    }

    @Test
    void textAfterAClosingQuoteIsReported() throws IOException {
        assertThat(problems(read("id,note,tags,at\n1,\"a\"b,,\n")))
                .singleElement()
                .asString()
                .startsWith("seeds/events.csv:2: not valid CSV: ");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        byte[] latin1 = "id,note,tags,at\n1,caf\u00e9,,\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problems(read("events.csv", latin1)))
                .containsExactly("seeds/events.csv:2: not valid UTF-8 (byte 22); save the file as UTF-8");
    }

    @Test
    void invalidUtf8AfterAByteOrderMarkCountsTheMarkInTheByteNotInTheLine() throws IOException {
        byte[] bytes =
                Bytes.withByteOrderMark("id,note,tags,at\r\n1,caf\u00e9,,\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(problems(read("events.csv", bytes)))
                .containsExactly("seeds/events.csv:2: not valid UTF-8 (byte 26); save the file as UTF-8");
    }

    @Test
    void emptyFilesAndBadHeadersAreReported() throws IOException {
        assertThat(problems(read("")))
                .containsExactly(
                        "seeds/events.csv: the file is empty; expected a header row with the columns of events: id,note,tags,at");
        assertThat(problems(read("id,note,note,,at\n")))
                .containsExactly(
                        "seeds/events.csv:1: the header does not match the DDL of events: column 'note' appears twice; "
                                + "header column 4 is empty; missing: tags (expected: id,note,tags,at)");
        assertThat(problems(read("id,note,at\n")))
                .containsExactly(
                        "seeds/events.csv:1: the header does not match the DDL of events: missing column tags (expected: id,note,tags,at)");
    }

    @Test
    void aHeaderInAnotherOrderIsMappedByName() throws IOException, SQLException {
        SeedLoader.Result r = read("at,id,tags,note\n2024-01-01,7,,n\n");
        assertThat(r.ok()).isTrue();
        session.execute("DELETE FROM raw.events");
        SeedLoader.load(r, session);
        assertThat(session.sample("SELECT id, note FROM raw.events", 5).rows()).containsExactly(List.of("7", "n"));
    }

    @Test
    void manyProblemsInOneFileAreCapped() throws IOException {
        StringBuilder csv = new StringBuilder("id,note,tags,at\n");
        for (int i = 0; i < 30; i++) {
            csv.append("x").append(i).append(",,,\n");
        }
        List<String> p = problems(read(csv.toString()));
        assertThat(p).hasSize(SeedLoader.MAX_PROBLEMS_PER_FILE + 1);
        assertThat(p.get(p.size() - 1)).isEqualTo("seeds/events.csv: and 10 more problems in this file");
    }

    @Test
    void aMissingDirectoryMeansNoSeedsAndOtherFilesAreIgnored() throws IOException {
        assertThat(SeedLoader.read(dir.resolve("none"), Map.of("events", EVENTS), Path::toString, session)
                        .seeds())
                .isEmpty();
        Files.writeString(dir.resolve("README.md"), "# seeds");
        assertThat(SeedLoader.read(dir, Map.of("events", EVENTS), Path::toString, session)
                        .ok())
                .isTrue();
    }
}
