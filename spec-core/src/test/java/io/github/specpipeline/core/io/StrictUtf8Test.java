package io.github.specpipeline.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrictUtf8Test {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    static byte[] bytes(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) part;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> malformed() {
        byte[] e9 = {(byte) 0xE9};
        return Stream.of(
                // input, offset, byte, line, column
                Arguments.of(bytes(e9), 0L, 0xE9, 1, 1),
                Arguments.of(bytes("ab", e9), 2L, 0xE9, 1, 3),
                Arguments.of(bytes("a\nb", e9), 3L, 0xE9, 2, 2),
                Arguments.of(bytes("a\r\nb", e9), 4L, 0xE9, 2, 2),
                Arguments.of(bytes("a\rb", e9), 3L, 0xE9, 2, 2),
                Arguments.of(bytes("a\r", e9), 2L, 0xE9, 2, 1),
                Arguments.of(bytes("ü\n\n", e9), 4L, 0xE9, 3, 1),
                // the byte order mark takes no column, but its bytes count in the offset
                Arguments.of(bytes(BOM, "ab", e9), 5L, 0xE9, 1, 3),
                // a sequence cut off at the end of the input
                Arguments.of(bytes("x", new byte[] {(byte) 0xC3}), 1L, 0xC3, 1, 2),
                // beyond the first chunk of the streaming decoder
                Arguments.of(bytes("y".repeat(70_000), "\n", e9), 70_001L, 0xE9, 2, 1));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void theFirstMalformedByteIsLocated(byte[] input, long offset, int bad, int line, int column) throws IOException {
        StrictUtf8.Malformed expected = new StrictUtf8.Malformed(offset, bad, line, column, false);
        assertThat(StrictUtf8.decode(input)).isEqualTo(expected);
        Path file = Files.write(dir.resolve("f.txt"), input);
        assertThat(StrictUtf8.read(file, 1 << 20)).isEqualTo(expected);
        assertThat(StrictUtf8.scan(new ByteArrayInputStream(input), chunk -> {}).malformed())
                .isEqualTo(expected);
    }

    @Test
    void aByteOrderMarkIsDroppedAndReported() {
        assertThat(StrictUtf8.decode(bytes(BOM, "a\uFEFFb"))).isEqualTo(new StrictUtf8.Text("a\uFEFFb", true));
        assertThat(StrictUtf8.decode(bytes("ab"))).isEqualTo(new StrictUtf8.Text("ab", false));
        assertThat(StrictUtf8.decode(bytes(BOM))).isEqualTo(new StrictUtf8.Text("", true));
        assertThat(StrictUtf8.withoutByteOrderMark("\uFEFFx")).isEqualTo("x");
    }

    @Test
    void utf16IsRecognisedByItsByteOrderMark() {
        byte[] utf16 = "ab".getBytes(StandardCharsets.UTF_16); // big endian, with FE FF
        assertThat(StrictUtf8.decode(utf16)).isEqualTo(new StrictUtf8.Malformed(0, 0xFE, 1, 1, true));
        byte[] little = {(byte) 0xFF, (byte) 0xFE, 'a', 0};
        assertThat(((StrictUtf8.Malformed) StrictUtf8.decode(little)).utf16ByteOrderMark())
                .isTrue();
        byte[] lone = {(byte) 0xFE, 'a'};
        assertThat(((StrictUtf8.Malformed) StrictUtf8.decode(lone)).utf16ByteOrderMark())
                .isFalse();
    }

    @Test
    void aFileOverTheLimitIsNotReadAndAMissingOneIsUnreadable() throws IOException {
        Path file = Files.write(dir.resolve("big.txt"), new byte[11]);
        assertThat(StrictUtf8.read(file, 10)).isEqualTo(new StrictUtf8.TooLarge(11, 10));
        assertThat(StrictUtf8.read(file, 11)).isInstanceOf(StrictUtf8.Text.class);
        assertThat(StrictUtf8.read(dir.resolve("missing.txt"), 10)).isInstanceOf(StrictUtf8.Unreadable.class);
    }

    @Test
    void scanCountsBytesAndHandsOverTheTextWithoutTheByteOrderMark() throws IOException {
        String text = "ä".repeat(40_000);
        StringBuilder seen = new StringBuilder();
        StrictUtf8.Scan scan = StrictUtf8.scan(new ByteArrayInputStream(bytes(BOM, text)), seen::append);
        assertThat(scan).isEqualTo(new StrictUtf8.Scan(80_003, true, null));
        assertThat(seen.toString()).isEqualTo(text);
    }

    @Test
    void theReaderDropsTheByteOrderMarkAndRefusesMalformedBytes() throws IOException {
        try (Reader r = StrictUtf8.reader(new ByteArrayInputStream(bytes(BOM, "{}")))) {
            char[] buffer = new char[10];
            assertThat(new String(buffer, 0, r.read(buffer, 0, 10))).isEqualTo("{}");
        }
        try (Reader r = StrictUtf8.reader(new ByteArrayInputStream(bytes(BOM, "x")))) {
            assertThat(r.read()).isEqualTo('x');
        }
        try (Reader r = StrictUtf8.reader(new ByteArrayInputStream(bytes("a", new byte[] {(byte) 0xE9})))) {
            assertThatThrownBy(() -> {
                        while (r.read(new char[10], 0, 10) >= 0) {
                            // read on to the bad byte
                        }
                    })
                    .isInstanceOf(CharacterCodingException.class);
        }
    }

    /**
     * {@link StrictUtf8#decode} takes the JDK's decoding when its result has no U+FFFD: on valid and broken UTF-8
     * alike (overlong forms, surrogates, truncated sequences, code points beyond U+10FFFF, a written U+FFFD, byte
     * order marks) it gives what the located scan gives.
     */
    @Test
    void decodeAgreesWithTheScan() throws IOException {
        byte[][] pieces = {
            "a".getBytes(StandardCharsets.UTF_8),
            "\r\n".getBytes(StandardCharsets.UTF_8),
            "\u00e9\u20ac\ud83d\ude00\ufffd\ufeff".getBytes(StandardCharsets.UTF_8),
            BOM,
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xFE, (byte) 0xFF},
            {(byte) 0x80},
            {0}
        };
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            var out = new java.io.ByteArrayOutputStream();
            for (int k = rnd.nextInt(6); k >= 0; k--) {
                out.writeBytes(
                        rnd.nextInt(8) == 0
                                ? new byte[] {(byte) rnd.nextInt(256)}
                                : pieces[rnd.nextInt(pieces.length)]);
            }
            byte[] input = out.toByteArray();
            StringBuilder text = new StringBuilder();
            StrictUtf8.Scan scan = StrictUtf8.scan(new ByteArrayInputStream(input), text::append);
            StrictUtf8.Decoded expected = scan.malformed() != null
                    ? scan.malformed()
                    : new StrictUtf8.Text(text.toString(), scan.byteOrderMark());
            assertThat(StrictUtf8.decode(input))
                    .as(java.util.HexFormat.of().formatHex(input))
                    .isEqualTo(expected);
        }
    }
}
