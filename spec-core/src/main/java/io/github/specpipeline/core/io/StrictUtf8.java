package io.github.specpipeline.core.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way spec-core reads text it is given (specs, source DDL, seed CSV files): strict UTF-8, where a
 * malformed byte is a located finding instead of a replacement character, and a leading byte order mark is
 * dropped and takes no column, as an editor shows it. Positions count lines as {@code sql.TextPositions} and
 * Jackson do: {@code \n}, {@code \r\n} and a lone {@code \r} each end a line, and every char is one column.
 */
public final class StrictUtf8 {
    private static final int CHUNK = 1 << 16;

    private StrictUtf8() {}

    /** What reading a file gave. */
    public sealed interface Read permits Decoded, TooLarge, Unreadable {}

    /** What decoding bytes gave: the text or where it stops being UTF-8. */
    public sealed interface Decoded extends Read permits Text, Malformed {}

    /**
     * The decoded text.
     *
     * @param text          without the byte order mark
     * @param byteOrderMark whether the bytes started with one
     */
    public record Text(String text, boolean byteOrderMark) implements Decoded {}

    /**
     * The first byte that is not UTF-8.
     *
     * @param byteOffset 0-based, counted from the first byte of the file (a byte order mark included)
     * @param badByte    its value, 0 to 255
     * @param line       1-based line where it stands
     * @param column     1-based column where it stands
     * @param utf16ByteOrderMark whether the bytes start with a UTF-16 byte order mark, the usual reason
     */
    public record Malformed(long byteOffset, int badByte, int line, int column, boolean utf16ByteOrderMark)
            implements Decoded {}

    /**
     * The file is larger than the caller's limit and was not read.
     *
     * @param size  its size in bytes
     * @param limit the limit
     */
    public record TooLarge(long size, long limit) implements Read {}

    /** The file could not be read (missing, a directory, no permission). */
    public record Unreadable(Exception cause) implements Read {}

    /** Reads {@code file} whole when it has at most {@code maxBytes} bytes. */
    public static Read read(Path file, long maxBytes) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return new TooLarge(size, maxBytes);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return new Unreadable(e);
        }
        return decode(bytes);
    }

    /** Decodes {@code bytes}. */
    public static Decoded decode(byte[] bytes) {
        // The JDK's own decoding (fast for ASCII) replaces what is not UTF-8 with U+FFFD and is otherwise the strict
        // decoding: without a U+FFFD in its result the bytes were UTF-8 and that result is the text. A U+FFFD (written
        // in the file, or a malformed byte) takes the located scan below. A spec directory decodes one file per model:
        // the scan, with its 64 KB buffers per file, was about 5% of loading 10,000 models (performance.md).
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            boolean byteOrderMark = fast.startsWith("\uFEFF");
            return new Text(byteOrderMark ? fast.substring(1) : fast, byteOrderMark);
        }
        StringBuilder text = new StringBuilder(bytes.length);
        try {
            Scan scan = scan(new java.io.ByteArrayInputStream(bytes), text::append);
            return scan.malformed() != null ? scan.malformed() : new Text(text.toString(), scan.byteOrderMark());
        } catch (IOException e) {
            throw new IllegalStateException("a byte array cannot fail to read", e);
        }
    }

    /** Receives decoded text in chunks; a chunk is valid only during the call. */
    @FunctionalInterface
    public interface Chars {
        void accept(CharBuffer chunk);
    }

    /**
     * What a {@link #scan} saw.
     *
     * @param bytes         the number of bytes read (up to the malformed one when there is one)
     * @param byteOrderMark whether the text started with one
     * @param malformed     the first malformed byte, or null when the whole stream is UTF-8
     */
    public record Scan(long bytes, boolean byteOrderMark, Malformed malformed) {}

    /**
     * Decodes {@code in} to its end (or its first malformed byte) without keeping the text: each decoded chunk, the
     * byte order mark left out, goes to {@code chars}. Memory stays bounded whatever the size of the input.
     */
    public static Scan scan(InputStream in, Chars chars) throws IOException {
        CharsetDecoder decoder = decoder();
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        Position position = new Position();
        long consumed = 0;
        boolean first = true;
        boolean byteOrderMark = false;
        boolean eof = false;
        while (true) {
            if (!eof) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
            }
            bytes.flip();
            CoderResult result;
            do {
                result = decoder.decode(bytes, out, eof);
                out.flip();
                if (first && out.hasRemaining()) {
                    first = false;
                    if (out.get(out.position()) == '\uFEFF') {
                        byteOrderMark = true;
                        out.get();
                    }
                }
                position.advance(out);
                chars.accept(out);
                out.clear();
            } while (result.isOverflow());
            if (result.isError()) {
                long at = consumed + bytes.position();
                int bad = bytes.get(bytes.position()) & 0xFF;
                boolean utf16 = at == 0
                        && bytes.remaining() >= 2
                        && ((bad == 0xFE && (bytes.get(1) & 0xFF) == 0xFF)
                                || (bad == 0xFF && (bytes.get(1) & 0xFF) == 0xFE));
                return new Scan(at, byteOrderMark, new Malformed(at, bad, position.line, position.column, utf16));
            }
            consumed += bytes.position();
            bytes.compact();
            if (eof) {
                decoder.flush(out);
                return new Scan(consumed, byteOrderMark, null);
            }
        }
    }

    /**
     * A reader of {@code in} that decodes strictly (a malformed byte is an {@link java.nio.charset.CharacterCodingException})
     * and drops a leading byte order mark. Closing it closes {@code in}.
     */
    public static Reader reader(InputStream in) {
        return new FilterReader(new InputStreamReader(in, decoder())) {
            private boolean first = true;

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (first && c >= 0) {
                    first = false;
                    return c == '\uFEFF' ? super.read() : c;
                }
                return c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (first && n > 0) {
                    first = false;
                    if (buffer[offset] == '\uFEFF') {
                        System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                        return n == 1 ? read(buffer, offset, length) : n - 1;
                    }
                }
                return n;
            }
        };
    }

    /** The text without a leading byte order mark, for text that was decoded elsewhere. */
    public static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Line and column after the chars seen so far, with the line rules of the class comment. */
    private static final class Position {
        int line = 1;
        int column = 1;
        boolean afterCarriageReturn;

        void advance(CharBuffer chunk) {
            for (int i = chunk.position(); i < chunk.limit(); i++) {
                char c = chunk.get(i);
                if (c == '\n' && afterCarriageReturn) {
                    afterCarriageReturn = false; // the \n of a \r\n: the \r ended the line
                } else if (c == '\n' || c == '\r') {
                    line++;
                    column = 1;
                    afterCarriageReturn = c == '\r';
                } else {
                    column++;
                    afterCarriageReturn = false;
                }
            }
        }
    }
}
