package io.github.specpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.diag.DiagnosticCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A spec is standard JSON, nothing more: what other JSON readers (Python's {@code json}, JavaScript's
 * {@code JSON.parse}) reject is rejected with SP003 at its position, by both ways of reading a spec: the whole tree
 * ({@link LocatedJsonReader#parse}) and the streamed models array ({@link LocatedJsonReader#stream}). Jackson's
 * lenient features (comments, NaN, single quotes, unquoted names, leading zeros, trailing commas) stay off.
 */
class StrictJsonTest {

    @TempDir
    Path dir;

    final List<String> problems = new ArrayList<>();
    final LocatedJsonReader reader = new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
            problems.add(code + "@" + location.line() + ":" + location.column() + " " + message + " | " + hint));

    private List<String> streamed(String text) throws IOException {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> before = new ArrayList<>(problems);
        problems.clear();
        Optional<LocatedJsonReader.StreamedDocument> doc =
                reader.stream(file, "models", new LocatedJsonReader.ElementHandler() {
                    @Override
                    public void restart() {}

                    @Override
                    public void element(JsonNode element, int index) {}
                });
        assertThat(doc).as("streamed %s", text).isEmpty();
        List<String> out = new ArrayList<>(problems);
        problems.clear();
        problems.addAll(before);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "~{\"a\": 1,}~ => 1:8 '}'",
                "[1, 2,] => 1:6 ']'",
                "~{\"models\": [{\"name\": \"a\"},\n  ]}~ => 1:26 ']'",
                "~{\"models\": [{\"name\": \"a\",\r\n   \"tags\": [\"x\", ]}]}~ => 2:16 ']'",
                "~{\"version\": \"1\",\n  \"models\": [] ,\n}~ => 2:16 '}'",
            })
    void aTrailingCommaIsRejectedAtTheComma(String text, String expected) throws IOException {
        String[] parts = expected.split(" ");
        String want = DiagnosticCode.SP003 + "@" + parts[0] + " invalid JSON: trailing comma before " + parts[1]
                + " | remove the trailing comma: other JSON readers reject it";

        assertThat(reader.parse(text)).isEmpty();
        assertThat(problems).containsExactly(want);
        assertThat(streamed(text)).containsExactly(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '~',
            value = {
                "~{\"a\": 1 /* comment */}~ => 1:9 ALLOW_COMMENTS",
                "~{\"a\": 1} // comment~ => 1:10 ALLOW_COMMENTS",
                "~# comment\n{}~ => 1:1 expected a valid value",
                "~{\"a\": NaN}~ => 1:10 Non-standard token 'NaN'",
                "~{\"a\": Infinity}~ => 1:15 Non-standard token 'Infinity'",
                "~{\"a\": -Infinity}~ => 1:16 Non-standard token '-Infinity'",
                "~{'a': 1}~ => 1:2 was expecting double-quote",
                "~{\"a\": 'x'}~ => 1:7 expected a valid value",
                "~{a: 1}~ => 1:2 was expecting double-quote",
                "~{\"a\": 01}~ => 1:8 Leading zeroes not allowed",
                "~[1,,2]~ => 1:4 expected a valid value",
                "~{\"a\": \"\\x41\"}~ => 1:9 Unrecognized character escape",
            })
    void jacksonsLenientFeaturesStayOff(String text, String expected) throws IOException {
        int space = expected.indexOf(' ');
        String at = DiagnosticCode.SP003 + "@" + expected.substring(0, space) + " invalid JSON: ";
        String says = expected.substring(space + 1);

        assertThat(reader.parse(text)).isEmpty();
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith(at)
                .contains(says)
                .endsWith("| fix the JSON syntax at this position");
        assertThat(streamed(text)).singleElement().asString().startsWith(at).contains(says);
    }
}
