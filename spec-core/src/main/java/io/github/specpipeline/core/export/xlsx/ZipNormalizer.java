package io.github.specpipeline.core.export.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Gives every entry of a zip file (here: the workbook POI wrote) the same modification time, the build's
 * output timestamp, so the file is byte-identical from run to run and says when the spec was built rather than
 * when the bytes were written. The DOS date and time fields of each local file header and central directory
 * entry are rewritten in place: nothing is decompressed, and the result does not depend on the time zone of the
 * machine (the timestamp's UTC date and time are written, as Maven's reproducible archives do).
 */
final class ZipNormalizer {
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;

    private ZipNormalizer() {
    }

    static void normalize(byte[] zip, Instant timestamp, OutputStream out) throws IOException {
        setTimes(zip, timestamp);
        out.write(zip);
    }

    /** Rewrites the entry times of {@code zip} in place. */
    static void setTimes(byte[] zip, Instant timestamp) throws IOException {
        LocalDateTime t = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        if (t.getYear() < 1980) {
            t = LocalDateTime.of(1980, 1, 1, 0, 0);
        } else if (t.getYear() > 2107) {
            t = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        }
        int time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
        int date = ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();

        int end = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
            if (int32(zip, i) == END) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IOException("not a zip file: no end of central directory");
        }
        int entries = int16(zip, end + 10);
        int p = (int) (int32(zip, end + 16) & 0xffffffffL);
        for (int e = 0; e < entries; e++) {
            if (p + 46 > zip.length || int32(zip, p) != CENTRAL) {
                throw new IOException("corrupt zip central directory at " + p);
            }
            put16(zip, p + 12, time);
            put16(zip, p + 14, date);
            int local = (int) (int32(zip, p + 42) & 0xffffffffL);
            if (local + 30 > zip.length || int32(zip, local) != LOCAL) {
                throw new IOException("corrupt zip local header at " + local);
            }
            put16(zip, local + 10, time);
            put16(zip, local + 12, date);
            p += 46 + int16(zip, p + 28) + int16(zip, p + 30) + int16(zip, p + 32);
        }
    }

    private static int int16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }
}
