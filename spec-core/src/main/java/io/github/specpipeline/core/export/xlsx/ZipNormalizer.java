package io.github.specpipeline.core.export.xlsx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Gives every entry of a zip file (here: the workbook POI wrote) the same modification time, the build's
 * output timestamp, so the file is byte-identical from run to run and says when the spec was built rather than
 * when the bytes were written. The DOS date and time fields of each local file header and central directory
 * entry are rewritten in place: nothing is decompressed or copied, and the result does not depend on the time
 * zone of the machine (the timestamp's UTC date and time are written, as Maven's reproducible archives do).
 */
final class ZipNormalizer {
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END_SIZE = 22;

    private ZipNormalizer() {}

    /** The DOS {time, date} fields for {@code timestamp}, clamped to the years a zip can hold. */
    static int[] dosTime(Instant timestamp) {
        LocalDateTime t = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        if (t.getYear() < 1980) {
            t = LocalDateTime.of(1980, 1, 1, 0, 0);
        } else if (t.getYear() > 2107) {
            t = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        }
        int time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
        int date = ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
        return new int[] {time, date};
    }

    /** Rewrites the entry times of the zip file open in {@code zip} (read and write). */
    static void setTimes(FileChannel zip, Instant timestamp) throws IOException {
        int[] dos = dosTime(timestamp);
        long size = zip.size();
        int tail = (int) Math.min(size, END_SIZE + 65_535L);
        ByteBuffer end = read(zip, size - tail, tail);
        int at = -1;
        for (int i = tail - END_SIZE; i >= 0; i--) {
            if (end.getInt(i) == END) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IOException("not a zip file: no end of central directory");
        }
        int entries = end.getShort(at + 10) & 0xffff;
        long cdSize = end.getInt(at + 12) & 0xffffffffL;
        long cdOffset = end.getInt(at + 16) & 0xffffffffL;
        if (cdOffset + cdSize > size) {
            throw new IOException("corrupt zip: central directory beyond the end of the file");
        }
        ByteBuffer cd = read(zip, cdOffset, (int) cdSize);
        ByteBuffer stamp = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        stamp.putShort(0, (short) dos[0]).putShort(2, (short) dos[1]);
        int p = 0;
        for (int e = 0; e < entries; e++) {
            if (p + 46 > cdSize || cd.getInt(p) != CENTRAL) {
                throw new IOException("corrupt zip central directory at " + (cdOffset + p));
            }
            cd.putShort(p + 12, (short) dos[0]).putShort(p + 14, (short) dos[1]);
            long local = cd.getInt(p + 42) & 0xffffffffL;
            if (read(zip, local, 4).getInt(0) != LOCAL) {
                throw new IOException("corrupt zip local header at " + local);
            }
            zip.write(stamp.duplicate().rewind(), local + 10);
            p += 46 + (cd.getShort(p + 28) & 0xffff) + (cd.getShort(p + 30) & 0xffff) + (cd.getShort(p + 32) & 0xffff);
        }
        cd.rewind();
        while (cd.hasRemaining()) {
            zip.write(cd, cdOffset + cd.position());
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of the zip file");
            }
        }
        return b.flip();
    }
}
