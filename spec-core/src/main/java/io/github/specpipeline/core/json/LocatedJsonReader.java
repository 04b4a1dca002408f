package io.github.specpipeline.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a JSON file into a tree while recording where every node starts, so that every later check can
 * say {@code file:line:column}. It is strict where a spec must be (duplicate keys, trailing text, invalid
 * UTF-8) and bounded where hostile input could hurt (file size, nesting depth, string length).
 */
public final class LocatedJsonReader {
    /** Specs are small documents; 64 MiB is far beyond any real one and keeps memory bounded. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** A spec nests about six levels deep; unit-test rows add a few. */
    public static final int MAX_DEPTH = 64;
    /** Longest single string (a description or SQL fragment) accepted. */
    public static final int MAX_STRING_CHARS = 1_000_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(100)
                    .build())
            .build();

    /** Receives the problems found while reading. */
    @FunctionalInterface
    public interface Problems {
        void report(Severity severity, DiagnosticCode code, Location location, String pointer, String message, String hint);
    }

    private final Problems problems;
    private SourceMap sourceMap;

    public LocatedJsonReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads {@code file}; empty when it could not be read or parsed (the reason has been reported). */
    public Optional<JsonDocument> read(Path file) {
        if (!Files.exists(file)) {
            problems.report(Severity.ERROR, DiagnosticCode.SP001, Location.UNKNOWN, "",
                    "file not found: " + file, "check the path; it is resolved against the project directory");
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            problems.report(Severity.ERROR, DiagnosticCode.SP001, Location.UNKNOWN, "",
                    "is a directory, not a spec file: " + file, "point at the JSON file inside it");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                problems.report(Severity.ERROR, DiagnosticCode.SP006, Location.UNKNOWN, "",
                        "file is " + size + " bytes, more than the limit of " + MAX_FILE_BYTES, "");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.report(Severity.ERROR, DiagnosticCode.SP001, Location.UNKNOWN, "",
                    "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), "");
            return Optional.empty();
        }
        return parse(bytes);
    }

    /** Parses UTF-8 bytes (a leading byte order mark is accepted). */
    public Optional<JsonDocument> parse(byte[] bytes) {
        Optional<String> text = decodeUtf8(bytes);
        return text.flatMap(this::parse);
    }

    /** Parses text. */
    public Optional<JsonDocument> parse(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            // A BOM is not JSON, but editors on Windows write one; accept it. Columns on line 1 shift by one
            // in the tree below, so replace it with a space instead of removing it.
            text = " " + text.substring(1);
        }
        if (text.isBlank()) {
            problems.report(Severity.ERROR, DiagnosticCode.SP004, new Location(1, 1), "", "file is empty",
                    "write a spec: {\"schema\": {...}, \"models\": [...]}");
            return Optional.empty();
        }
        sourceMap = new SourceMap();
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            JsonNode root = readValue(p, first, "");
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                problems.report(Severity.ERROR, DiagnosticCode.SP003, location(p.currentTokenLocation()), "",
                        "unexpected content after the end of the JSON document", "a spec is one JSON object");
                return Optional.empty();
            }
            return Optional.of(new JsonDocument(root, sourceMap));
        } catch (StreamConstraintsException e) {
            // limits are checked before a location is attached: use where the parser stood
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentTokenLocation();
            problems.report(Severity.ERROR, DiagnosticCode.SP006, location(at), "",
                    limitMessage(e.getOriginalMessage()), "");
            return Optional.empty();
        } catch (JsonProcessingException e) {
            problems.report(Severity.ERROR, DiagnosticCode.SP003, location(e.getLocation()), "",
                    syntaxMessage(e.getOriginalMessage()), "fix the JSON syntax at this position");
            return Optional.empty();
        } catch (IOException e) {
            problems.report(Severity.ERROR, DiagnosticCode.SP003, Location.UNKNOWN, "",
                    "cannot parse: " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    private JsonNode readValue(JsonParser p, JsonToken token, String pointer) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        sourceMap.putValue(pointer, location(p.currentTokenLocation()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = pointer + "/" + SourceMap.token(name);
                    Location keyLocation = location(p.currentTokenLocation());
                    if (object.has(name)) {
                        problems.report(Severity.ERROR, DiagnosticCode.SP005, keyLocation, child,
                                "duplicate key '" + name + "'", "remove one of the two; the last one is used");
                    }
                    sourceMap.putKey(child, keyLocation);
                    JsonNode value = readValue(p, p.nextToken(), child);
                    object.set(name, value);
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in an object");
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                JsonToken t;
                int index = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in an array");
                    }
                    array.add(readValue(p, t, pointer + "/" + index++));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return nodes.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + token);
        }
    }

    /** Decodes strictly, reporting the line and column of the first invalid byte sequence. */
    private Optional<String> decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            problems.report(Severity.ERROR, DiagnosticCode.SP002, new Location(line, column), "",
                    String.format("invalid UTF-8 byte 0x%02X at byte offset %d", bytes[in.position()] & 0xFF, in.position()),
                    "save the file as UTF-8");
            return Optional.empty();
        }
        try {
            decoder.flush(out);
        } catch (IllegalStateException e) {
            // cannot happen after a complete decode; fall through with what was decoded
        }
        out.flip();
        return Optional.of(out.toString());
    }

    private static Location location(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return Location.UNKNOWN;
        }
        return new Location(location.getLineNr(), Math.max(location.getColumnNr(), 1));
    }

    private static String syntaxMessage(String jackson) {
        // Jackson's first line is the useful part; the rest repeats the source and location.
        String first = jackson == null ? "syntax error" : jackson.lines().findFirst().orElse(jackson);
        // Jackson names the source in nested locations; keep only "line: x, column: y"
        first = first.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        return "invalid JSON: " + first;
    }

    private static String limitMessage(String jackson) {
        String first = jackson == null ? "" : jackson.lines().findFirst().orElse(jackson);
        if (first.contains("nesting depth")) {
            return "JSON nested deeper than " + MAX_DEPTH + " levels";
        }
        if (first.contains("String value length")) {
            return "a string is longer than " + MAX_STRING_CHARS + " characters";
        }
        return "input beyond a safety limit: " + first;
    }

}
