package io.github.specpipeline.core.sql;

import java.util.Arrays;

/**
 * Converts between char offsets and 1-based line/column in one text.
 *
 * <p>Counting follows JSqlParser's (JavaCC's) rules so that positions it reports can be converted back to
 * offsets: {@code \r\n}, a lone {@code \r} and {@code \n} each end a line, and every char (a tab too) is one
 * column.
 */
public final class TextPositions {

    private final int length;
    private final int[] lineStarts;

    public TextPositions(String text) {
        this.length = text.length();
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /** The 1-based line of {@code offset} (clamped into the text; the end of the text is a valid offset). */
    public int line(int offset) {
        int o = clamp(offset);
        int idx = Arrays.binarySearch(lineStarts, o);
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    /** The 1-based column of {@code offset}. */
    public int column(int offset) {
        int o = clamp(offset);
        return o - lineStarts[line(o) - 1] + 1;
    }

    /** The offset of a 1-based line and column, clamped into the text. */
    public int offset(int line, int column) {
        int l = Math.max(1, Math.min(line, lineStarts.length));
        return clamp(lineStarts[l - 1] + Math.max(1, column) - 1);
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, length));
    }
}
