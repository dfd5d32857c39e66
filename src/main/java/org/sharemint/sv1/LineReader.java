package org.sharemint.sv1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-terminated lines into one buffer that grows up to the limit (an idle miner holds
 * a small one): a line longer than the limit is an error before any more memory is taken. Not thread-safe (the connection's reader owns it).
 */
public final class LineReader {
    /** The longest line a miner may send, newline excluded. */
    public static final int MAX_LINE_BYTES = 16 * 1024;

    private final InputStream in;
    private final int max;
    private byte[] buf = new byte[512];
    private final byte[] chunk = new byte[1024];
    private int chunkPos;
    private int chunkEnd;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.max = maxLineBytes;
    }

    /** Blocks for the next line; its bytes are {@link #buffer()}[0, returned length). Blank lines are skipped. */
    public int read() throws IOException, LineTooLong {
        int n = 0;
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk);
                chunkPos = 0;
                if (chunkEnd < 0) {
                    chunkEnd = 0;
                    throw new EOFException();
                }
            }
            byte b = chunk[chunkPos++];
            if (b == '\n') {
                if (n > 0 && buf[n - 1] == '\r') n--;
                if (n > 0) return n;
                continue;
            }
            if (n >= max) throw new LineTooLong(max);
            if (n == buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(max, 2 * n));
            buf[n++] = b;
        }
    }

    public byte[] buffer() {
        return buf;
    }

    /** A line passed the limit: the connection closes. */
    public static final class LineTooLong extends Exception {
        LineTooLong(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }
}
