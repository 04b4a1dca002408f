package io.github.specpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.io.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatedJsonReaderTest {
    final List<String> problems = new ArrayList<>();
    final LocatedJsonReader reader = new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
            problems.add(code + "@" + location.line() + ":" + location.column() + " " + message));

    @Test
    void recordsTheLocationOfEveryValueAndKey() {
        Optional<JsonDocument> doc =
                reader.parse("{\n  \"models\": [\n    {\"name\": \"a\"},\n    {\"na/me\": 1}\n  ]\n}");
        assertThat(problems).isEmpty();
        SourceMap map = doc.orElseThrow().sourceMap();
        assertThat(map.value("/models")).isEqualTo(new Location(2, 13));
        assertThat(map.value("/models/0/name")).isEqualTo(new Location(3, 14));
        assertThat(map.key("/models/0/name")).isEqualTo(new Location(3, 6));
        assertThat(map.value("/models/1/na~1me")).isEqualTo(new Location(4, 15));
        // an unknown pointer falls back to its nearest located ancestor
        assertThat(map.value("/models/0/name/deeper")).isEqualTo(new Location(3, 14));
    }

    @Test
    void aHugeStringIsRefusedWithALimitMessageNotAnOutOfMemoryError() {
        String huge = "{\"description\": \"" + "x".repeat(LocatedJsonReader.MAX_STRING_CHARS + 10) + "\"}";
        assertThat(reader.parse(huge.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith(DiagnosticCode.SP006 + "@1:")
                .contains("longer than 1000000 characters");
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(reader.parse(deep)).isEmpty();
        assertThat(problems).singleElement().asString().contains("nested deeper than 64 levels");
    }

    @Test
    void aByteOrderMarkIsAcceptedAndTakesNoColumn() {
        byte[] all = Bytes.withByteOrderMark("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        SourceMap map = reader.parse(all).orElseThrow().sourceMap();
        assertThat(problems).isEmpty();
        // as an editor shows it, and as the source DDL reader counts: StrictUtf8 drops the mark
        assertThat(map.value("/a")).isEqualTo(new Location(1, 7));
    }

    @Test
    void invalidUtf8IsLocatedTheSameWhetherTheFileIsReadWholeOrStreamed(@TempDir Path dir) throws IOException {
        byte[] bytes = Bytes.withByteOrderMark("{\"a\":\r\n \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Path file = Files.write(dir.resolve("spec.json"), bytes);
        String expected = DiagnosticCode.SP002 + "@2:6 invalid UTF-8 byte 0xE9 at byte offset 15";

        assertThat(reader.read(file)).isEmpty();
        assertThat(problems).containsExactly(expected);
        problems.clear();
        assertThat(reader.parse(bytes)).isEmpty();
        assertThat(problems).containsExactly(expected);
        problems.clear();
        assertThat(reader.stream(file, "models", new LocatedJsonReader.ElementHandler() {
                    @Override
                    public void restart() {}

                    @Override
                    public void element(com.fasterxml.jackson.databind.JsonNode element, int index) {}
                }))
                .isEmpty();
        assertThat(problems).containsExactly(expected);
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondKey() {
        reader.parse("{\"a\": 1,\n \"a\": 2}");
        assertThat(problems).containsExactly("SP005@2:2 duplicate key 'a'");
    }

    /**
     * {@code locate} stops reading tokens once every wanted pointer has its location: the locations are those of the
     * full source map (the first of duplicate keys), and a change later in the file is still seen (the checksum
     * covers every byte).
     */
    @Test
    void locateAnswersAsTheFullSourceMapAndStillSeesALaterChange(@TempDir Path dir) throws IOException {
        String text = "{\n  \"a\": {\"x\": 1, \"x\": 2, \"y\": [10, 20, 30]},\n  \"b\": \"late\",\n"
                + "  \"a\": {\"z\": 3}\n}\n";
        SourceMap full = reader.parse(text).orElseThrow().sourceMap();
        problems.clear(); // the duplicate keys
        Path file = dir.resolve("f.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        LocatedJsonReader.Fingerprint fp =
                reader.readUnlocated(file).orElseThrow().fingerprint();
        problems.clear();
        for (List<String> wanted : List.of(
                List.of("/a/x"),
                List.of("/a/y/1", "/a"),
                List.of("/a/z"),
                List.of("/b", "/a/y/2"),
                List.of("/a/y/7", "/nothing"))) {
            SourceMap some = reader.locate(file, fp, wanted).orElseThrow();
            for (String p : wanted) {
                assertThat(some.value(p)).as(p).isEqualTo(full.value(p));
                assertThat(some.key(p)).as(p).isEqualTo(full.key(p));
            }
        }
        assertThat(problems).isEmpty();
        // the same length, a byte changed after the only wanted pointer
        Files.writeString(file, text.replace("late", "LATE"), StandardCharsets.UTF_8);
        assertThat(reader.locate(file, fp, List.of("/a/x"))).isEmpty();
        assertThat(problems).singleElement().asString().contains("the file changed while it was being read");
    }
}
