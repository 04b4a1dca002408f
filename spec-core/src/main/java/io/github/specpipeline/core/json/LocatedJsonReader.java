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
import io.github.specpipeline.core.io.StrictUtf8;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

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
        void report(
                Severity severity, DiagnosticCode code, Location location, String pointer, String message, String hint);
    }

    private final Problems problems;
    private SourceMap sourceMap;

    public LocatedJsonReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads {@code file}; empty when it could not be read or parsed (the reason has been reported). */
    public Optional<JsonDocument> read(Path file) {
        if (!isFile(file)) {
            return Optional.empty();
        }
        StrictUtf8.Read read = StrictUtf8.read(file, MAX_FILE_BYTES);
        if (read instanceof StrictUtf8.Decoded decoded) {
            return decoded(decoded).flatMap(this::parse);
        }
        if (read instanceof StrictUtf8.TooLarge tooLarge) {
            tooLarge(tooLarge.size());
        } else {
            unreadable(file, ((StrictUtf8.Unreadable) read).cause());
        }
        return Optional.empty();
    }

    /** Whether {@code file} is there and not a directory; if not, the reason has been reported. */
    private boolean isFile(Path file) {
        if (!Files.exists(file)) {
            problems.report(
                    Severity.ERROR,
                    DiagnosticCode.SP001,
                    Location.UNKNOWN,
                    "",
                    "file not found: " + file,
                    "check the path; it is resolved against the project directory");
            return false;
        }
        if (Files.isDirectory(file)) {
            problems.report(
                    Severity.ERROR,
                    DiagnosticCode.SP001,
                    Location.UNKNOWN,
                    "",
                    "is a directory, not a spec file: " + file,
                    "point at the JSON file inside it");
            return false;
        }
        return true;
    }

    /** Parses UTF-8 bytes (a leading byte order mark is accepted). */
    public Optional<JsonDocument> parse(byte[] bytes) {
        return decoded(StrictUtf8.decode(bytes)).flatMap(this::parse);
    }

    /** Parses text (a leading byte order mark is accepted and takes no column, as in the bytes). */
    public Optional<JsonDocument> parse(String text) {
        // A BOM is not JSON, but editors on Windows write one; accept it.
        text = StrictUtf8.withoutByteOrderMark(text);
        if (text.isBlank()) {
            empty();
            return Optional.empty();
        }
        sourceMap = new SourceMap();
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            JsonNode root = readTree(p, first, null, sourceMap);
            if (hasTrailingContent(p)) {
                return Optional.empty();
            }
            return Optional.of(new JsonDocument(root, sourceMap));
        } catch (StreamConstraintsException e) {
            beyondALimit(e, parser);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            syntaxError(e, text);
            return Optional.empty();
        } catch (IOException e) {
            cannotParse(e);
            return Optional.empty();
        }
    }

    /**
     * What a streamed read saw of the file, so that a later {@link #locate} can check it reads the same bytes.
     *
     * @param size  the number of bytes
     * @param crc32 their CRC-32
     */
    public record Fingerprint(long size, long crc32) {}

    /**
     * A document read by {@link #stream}: the tree of everything but the streamed field's array elements.
     *
     * @param root        the document; when {@code streamed}, the streamed field holds an empty array
     * @param streamed    whether the (last) value of the streamed field was an array whose elements went to the handler
     * @param fingerprint of the bytes read
     */
    public record StreamedDocument(JsonNode root, boolean streamed, Fingerprint fingerprint) {}

    /** Receives, one at a time, the elements of the streamed top-level array. */
    public interface ElementHandler {
        /**
         * The streamed field is met (again): whatever was handed over for an earlier occurrence is void, since the
         * last occurrence of a duplicate key is the one used.
         */
        void restart();

        /** The element at {@code index}; it is not kept by the reader. */
        void element(JsonNode element, int index);
    }

    /**
     * Reads {@code file} like {@link #read} but without holding the whole document: the elements of the array in
     * the top-level field {@code field} are built one at a time and handed to {@code handler}, and no source map is
     * kept (see {@link #locate} for locations). The text is decoded and parsed from the file as a stream, so
     * memory stays bounded by the largest element. Problems are reported exactly as {@link #read} reports them.
     */
    public Optional<StreamedDocument> stream(Path file, String field, ElementHandler handler) {
        if (!isFile(file)) {
            return Optional.empty();
        }
        Fingerprint fingerprint;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                tooLarge(size);
                return Optional.empty();
            }
            Optional<Fingerprint> checked = checkUtf8(file);
            if (checked.isEmpty()) {
                return Optional.empty();
            }
            fingerprint = checked.get();
        } catch (IOException e) {
            unreadable(file, e);
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        JsonParser parser = null;
        try (CheckedInputStream bytes = new CheckedInputStream(Files.newInputStream(file), crc);
                JsonParser p = FACTORY.createParser(textReader(bytes))) {
            parser = p;
            JsonToken first = p.nextToken();
            JsonNode root;
            boolean streamed = false;
            if (first == JsonToken.START_OBJECT) {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    PathNode child = new PathNode(null, name, 0);
                    duplicateCheck(object, name, child, p);
                    JsonToken value = p.nextToken();
                    if (name.equals(field)) {
                        handler.restart();
                        streamed = value == JsonToken.START_ARRAY;
                        if (streamed) {
                            int index = 0;
                            JsonToken e;
                            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                                if (e == null) {
                                    throw new com.fasterxml.jackson.core.JsonParseException(
                                            p, "unexpected end of input in an array");
                                }
                                handler.element(readTree(p, e, new PathNode(child, null, index), null), index);
                                index++;
                            }
                            object.set(name, JsonNodeFactory.instance.arrayNode());
                            continue;
                        }
                    }
                    object.set(name, readTree(p, value, child, null));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in an object");
                }
                root = object;
            } else {
                root = readTree(p, first, null, null);
            }
            if (hasTrailingContent(p)) {
                return Optional.empty();
            }
            bytes.transferTo(OutputStream.nullOutputStream());
            if (bytes.getChecksum().getValue() != fingerprint.crc32()) {
                changed(file);
                return Optional.empty();
            }
            return Optional.of(new StreamedDocument(root, streamed, fingerprint));
        } catch (StreamConstraintsException e) {
            beyondALimit(e, parser);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            syntaxError(e, textForMessage(file));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            changed(file); // it decoded cleanly a moment ago
            return Optional.empty();
        } catch (IOException e) {
            cannotParse(e);
            return Optional.empty();
        }
    }

    /**
     * A small file read whole without locations (one model of a spec directory).
     *
     * @param root        the document
     * @param fingerprint of the bytes read, for a later {@link #locate}
     * @param sha256      the SHA-256 of the bytes, lower-case hex
     */
    public record UnlocatedDocument(JsonNode root, Fingerprint fingerprint, String sha256) {}

    /**
     * Reads {@code file} like {@link #read}, with the same limits and problems, but keeps no source map: the few
     * locations diagnostics need come from {@link #locate} later, so a directory of many files costs one tree at a
     * time. The bytes are read once, for the text, the fingerprint and the hash.
     */
    public Optional<UnlocatedDocument> readUnlocated(Path file) {
        if (!isFile(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                tooLarge(size);
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            unreadable(file, e);
            return Optional.empty();
        }
        Optional<String> decoded = decoded(StrictUtf8.decode(bytes));
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String text = StrictUtf8.withoutByteOrderMark(decoded.get());
        if (text.isBlank()) {
            empty();
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        Fingerprint fingerprint = new Fingerprint(bytes.length, crc.getValue());
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonNode root = readTree(p, p.nextToken(), null, null);
            if (hasTrailingContent(p)) {
                return Optional.empty();
            }
            return Optional.of(new UnlocatedDocument(root, fingerprint, sha256(bytes)));
        } catch (StreamConstraintsException e) {
            beyondALimit(e, parser);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            syntaxError(e, text);
            return Optional.empty();
        } catch (IOException e) {
            cannotParse(e);
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads {@code file} again, in one streaming pass, for the locations of just the given pointers (and their
     * ancestors, the fallback of a pointer that names no node). The source map answers for those pointers exactly
     * as the full source map of {@link #parse} would. Empty, with the reason reported, when the file no longer
     * has the bytes {@link #stream} read.
     */
    public Optional<SourceMap> locate(Path file, Fingerprint fingerprint, Collection<String> pointers) {
        PointerTrie wanted = new PointerTrie();
        for (String pointer : pointers) {
            wanted.add(pointer);
        }
        SourceMap map = new SourceMap();
        CRC32 crc = new CRC32();
        try (CheckedInputStream bytes = new CheckedInputStream(Files.newInputStream(file), crc);
                JsonParser p = FACTORY.createParser(textReader(bytes))) {
            try {
                locate(p, p.nextToken(), "", wanted, map);
            } catch (AllLocated done) {
                // the rest of the file cannot change the map: it keeps the first location of a pointer
            }
            // the rest of the bytes only for the checksum, not tokenised
            bytes.transferTo(OutputStream.nullOutputStream());
            if (crc.getValue() != fingerprint.crc32()) {
                changed(file);
                return Optional.empty();
            }
            return Optional.of(map);
        } catch (IOException e) {
            changed(file);
            return Optional.empty();
        }
    }

    private void changed(Path file) {
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP001,
                Location.UNKNOWN,
                "",
                "the file changed while it was being read: " + file,
                "run again once it is no longer being written");
    }

    private static void locate(JsonParser p, JsonToken token, String pointer, PointerTrie node, SourceMap map)
            throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        map.putValue(pointer, location(p.currentTokenLocation()));
        if (!node.located) {
            node.located = true;
            if (--node.root.unlocated == 0) {
                throw AllLocated.INSTANCE;
            }
        }
        if (node.children.isEmpty()) {
            p.skipChildren();
            return;
        }
        if (token == JsonToken.START_OBJECT) {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = SourceMap.token(p.currentName());
                PointerTrie child = node.children.get(name);
                if (child == null) {
                    p.nextToken();
                    p.skipChildren();
                    continue;
                }
                String childPointer = pointer + "/" + name;
                map.putKey(childPointer, location(p.currentTokenLocation()));
                locate(p, p.nextToken(), childPointer, child, map);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in an object");
            }
        } else if (token == JsonToken.START_ARRAY) {
            JsonToken t;
            int index = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in an array");
                }
                PointerTrie child = node.children.get(Integer.toString(index));
                if (child == null) {
                    p.skipChildren();
                } else {
                    locate(p, t, pointer + "/" + index, child, map);
                }
                index++;
            }
        }
    }

    /**
     * The reference tokens (still escaped) of a set of JSON pointers, as a tree; it counts the nodes whose value has
     * not been located yet, so that {@link #locate} stops reading once every node has its location (the source map
     * keeps a pointer's first location, so nothing later in the file changes it).
     */
    private static final class PointerTrie {
        final Map<String, PointerTrie> children = new HashMap<>();
        final PointerTrie root;
        boolean located;
        /** On the root: the nodes (the root included) not located yet. */
        int unlocated;

        PointerTrie() {
            this.root = this;
            this.unlocated = 1;
        }

        private PointerTrie(PointerTrie root) {
            this.root = root;
        }

        void add(String pointer) {
            PointerTrie node = this;
            int start = 1;
            while (start <= pointer.length() && !pointer.isEmpty()) {
                int slash = pointer.indexOf('/', start);
                int end = slash < 0 ? pointer.length() : slash;
                node = node.children.computeIfAbsent(pointer.substring(start, end), k -> {
                    root.unlocated++;
                    return new PointerTrie(root);
                });
                start = end + 1;
            }
        }
    }

    /** Thrown by {@link #locate} when every wanted node is located; no stack trace, it is not an error. */
    private static final class AllLocated extends RuntimeException {
        static final AllLocated INSTANCE = new AllLocated();

        private AllLocated() {
            super(null, null, false, false);
        }
    }

    /** Where a node being read sits, for the rare message that needs its pointer. */
    private record PathNode(PathNode parent, String name, int index) {
        String pointer() {
            String token = name == null ? Integer.toString(index) : SourceMap.token(name);
            return (parent == null ? "" : parent.pointer()) + "/" + token;
        }
    }

    private void duplicateCheck(ObjectNode object, String name, PathNode child, JsonParser p) {
        if (object.has(name)) {
            problems.report(
                    Severity.ERROR,
                    DiagnosticCode.SP005,
                    location(p.currentTokenLocation()),
                    child.pointer(),
                    "duplicate key '" + name + "'",
                    "remove one of the two; the last one is used");
        }
    }

    private static String pointer(PathNode path) {
        return path == null ? "" : path.pointer();
    }

    /**
     * The value starting at {@code token}, with the locations of it and everything in it put into {@code map}; the
     * streaming path passes no map, and keeps no per-node state.
     */
    private JsonNode readTree(JsonParser p, JsonToken token, PathNode path, SourceMap map) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        if (map != null) {
            map.putValue(pointer(path), location(p.currentTokenLocation()));
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    PathNode child = new PathNode(path, name, 0);
                    duplicateCheck(object, name, child, p);
                    if (map != null) {
                        map.putKey(child.pointer(), location(p.currentTokenLocation()));
                    }
                    object.set(name, readTree(p, p.nextToken(), child, map));
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
                        throw new com.fasterxml.jackson.core.JsonParseException(
                                p, "unexpected end of input in an array");
                    }
                    array.add(readTree(p, t, new PathNode(path, null, index++), map));
                }
                return array;
            }
            default:
                return scalar(p, token);
        }
    }

    private static JsonNode scalar(JsonParser p, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
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

    /** The file's text as {@link #parse(String)} sees it: strict UTF-8, a leading byte order mark dropped. */
    private static Reader textReader(InputStream bytes) {
        // the parser closes its source at the end of input; the caller still drains and closes the bytes
        InputStream unclosed = new FilterInputStream(bytes) {
            @Override
            public void close() {}
        };
        return StrictUtf8.reader(new BufferedInputStream(unclosed, 1 << 16));
    }

    /**
     * Decodes the whole file strictly without keeping the text, reporting invalid UTF-8 (and an empty file) exactly
     * as {@link #parse(byte[])} does; the fingerprint of the bytes when the file is fine.
     */
    private Optional<Fingerprint> checkUtf8(Path file) throws IOException {
        CRC32 crc = new CRC32();
        boolean[] blank = {true};
        StrictUtf8.Scan scan;
        try (InputStream stream = new CheckedInputStream(Files.newInputStream(file), crc)) {
            scan = StrictUtf8.scan(stream, chunk -> {
                for (int i = chunk.position(); blank[0] && i < chunk.limit(); i++) {
                    blank[0] = Character.isWhitespace(chunk.get(i));
                }
            });
        }
        if (scan.malformed() != null) {
            malformed(scan.malformed());
            return Optional.empty();
        }
        if (blank[0]) {
            empty();
            return Optional.empty();
        }
        return Optional.of(new Fingerprint(scan.bytes(), crc.getValue()));
    }

    /** The text of decoded bytes, or empty after reporting where they are not UTF-8. */
    private Optional<String> decoded(StrictUtf8.Decoded decoded) {
        if (decoded instanceof StrictUtf8.Text text) {
            return Optional.of(text.text());
        }
        malformed((StrictUtf8.Malformed) decoded);
        return Optional.empty();
    }

    private void empty() {
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP004,
                new Location(1, 1),
                "",
                "file is empty",
                "write a spec: {\"schema\": {...}, \"models\": [...]}");
    }

    /** Whether there is more after the document; if so, it has been reported. */
    private boolean hasTrailingContent(JsonParser p) throws IOException {
        if (p.nextToken() == null) {
            return false;
        }
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP003,
                location(p.currentTokenLocation()),
                "",
                "unexpected content after the end of the JSON document",
                "a spec is one JSON object");
        return true;
    }

    private void beyondALimit(StreamConstraintsException e, JsonParser parser) {
        // limits are checked before a location is attached: use where the parser stood
        JsonLocation at =
                e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentTokenLocation();
        problems.report(
                Severity.ERROR, DiagnosticCode.SP006, location(at), "", limitMessage(e.getOriginalMessage()), "");
    }

    private void cannotParse(IOException e) {
        problems.report(
                Severity.ERROR, DiagnosticCode.SP003, Location.UNKNOWN, "", "cannot parse: " + e.getMessage(), "");
    }

    private void malformed(StrictUtf8.Malformed bad) {
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP002,
                new Location(bad.line(), bad.column()),
                "",
                String.format("invalid UTF-8 byte 0x%02X at byte offset %d", bad.badByte(), bad.byteOffset()),
                "save the file as UTF-8");
    }

    private void tooLarge(long size) {
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP006,
                Location.UNKNOWN,
                "",
                "file is " + size + " bytes, more than the limit of " + MAX_FILE_BYTES,
                "");
    }

    private void unreadable(Path file, Exception e) {
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP001,
                Location.UNKNOWN,
                "",
                "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                "");
    }

    private static Location location(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return Location.UNKNOWN;
        }
        return new Location(location.getLineNr(), Math.max(location.getColumnNr(), 1));
    }

    /**
     * Reports a JSON syntax error. A trailing comma ({@code [1, 2,]}, {@code {"a": 1,}}) gets its own message at the
     * comma: Jackson stops at the bracket after it and says it expected a value or a name, which reads like a
     * different mistake, and other readers of the spec (Python's, JavaScript's) reject a trailing comma too.
     *
     * @param text the text parsed, or null when it cannot be read again (only Jackson's message is given then)
     */
    private void syntaxError(JsonProcessingException e, String text) {
        Optional<Location> comma = text == null ? Optional.empty() : trailingComma(text, e.getLocation());
        if (comma.isPresent()) {
            char bracket = text.charAt(
                    offset(text, e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
            problems.report(
                    Severity.ERROR,
                    DiagnosticCode.SP003,
                    comma.get(),
                    "",
                    "invalid JSON: trailing comma before '" + bracket + "'",
                    "remove the trailing comma: other JSON readers reject it");
            return;
        }
        problems.report(
                Severity.ERROR,
                DiagnosticCode.SP003,
                location(e.getLocation()),
                "",
                syntaxMessage(e.getOriginalMessage()),
                "fix the JSON syntax at this position");
    }

    /** The file's text as it was parsed, or null when it cannot be read. */
    private static String textForMessage(Path file) {
        // null when the file changed or vanished since: Jackson's message alone will do
        return StrictUtf8.read(file, MAX_FILE_BYTES) instanceof StrictUtf8.Text text ? text.text() : null;
    }

    /** Where the comma is when the error at {@code at} is a closing bracket with only whitespace after a comma. */
    static Optional<Location> trailingComma(String text, JsonLocation at) {
        if (at == null || at.getLineNr() <= 0 || at.getColumnNr() <= 0) {
            return Optional.empty();
        }
        int bracket = offset(text, at.getLineNr(), at.getColumnNr());
        if (bracket < 0 || bracket >= text.length() || (text.charAt(bracket) != '}' && text.charAt(bracket) != ']')) {
            return Optional.empty();
        }
        int i = bracket - 1;
        while (i >= 0
                && (text.charAt(i) == ' '
                        || text.charAt(i) == '\t'
                        || text.charAt(i) == '\n'
                        || text.charAt(i) == '\r')) {
            i--;
        }
        if (i < 0 || text.charAt(i) != ',') {
            return Optional.empty();
        }
        return Optional.of(position(text, i));
    }

    /**
     * The char offset of a 1-based line and column as Jackson counts them ({@code \n}, {@code \r\n} and a lone
     * {@code \r} each end a line; a column is a char), or -1 when the text has no such position.
     */
    private static int offset(String text, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int next = lineEnd(text, start);
            if (next < 0) {
                return -1;
            }
            start = next;
        }
        return start + column - 1;
    }

    /** The start of the line after the one starting at {@code start}, or -1 at the last line. */
    private static int lineEnd(String text, int start) {
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    private static Location position(String text, int offset) {
        int line = 1;
        int start = 0;
        for (int next = lineEnd(text, 0); next >= 0 && next <= offset; next = lineEnd(text, next)) {
            line++;
            start = next;
        }
        return new Location(line, offset - start + 1);
    }

    private static String syntaxMessage(String jackson) {
        // Jackson's first line is the useful part; the rest repeats the source and location.
        String first =
                jackson == null ? "syntax error" : jackson.lines().findFirst().orElse(jackson);
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
