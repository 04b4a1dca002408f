package io.github.specpipeline.core.io;

/** Byte arrays for the tests of text readers. */
public final class Bytes {
    private Bytes() {}

    /** {@code body} after a UTF-8 byte order mark. */
    public static byte[] withByteOrderMark(byte[] body) {
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        return all;
    }
}
