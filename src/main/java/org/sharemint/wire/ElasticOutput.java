package org.sharemint.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A buffered output stream whose buffer exists only between the first write and the next
 * {@link #flush()}: an idle connection holds none. The buffer grows with what is written, up to
 * {@code maxBufferBytes} (then it is written out), and is allocated at the size the previous
 * batch reached (capped), so a steady stream of small batches does not regrow it each time.
 * {@link #room}/{@link #advance} let a writer (the Noise channel) encrypt straight into it.
 * Not thread-safe: callers serialize writes and flushes.
 */
public final class ElasticOutput extends OutputStream {
    /** Largest buffer; a Noise ciphertext chunk (65,535 bytes) fits. */
    public static final int DEFAULT_MAX_BUFFER = 64 * 1024;
    private static final int MIN_BUFFER = 256;
    /** The size remembered for the next batch's first allocation is capped here. */
    private static final int MAX_HINT = 8 * 1024;

    private final OutputStream out;
    private final int maxBufferBytes;
    private byte[] buf; // null between a flush and the next write
    private int count;
    private int hint = MIN_BUFFER;

    public ElasticOutput(OutputStream out, int maxBufferBytes) {
        if (maxBufferBytes < MIN_BUFFER) throw new IllegalArgumentException("maxBufferBytes below " + MIN_BUFFER + ": " + maxBufferBytes);
        this.out = Objects.requireNonNull(out);
        this.maxBufferBytes = maxBufferBytes;
    }

    public ElasticOutput(OutputStream out) {
        this(out, DEFAULT_MAX_BUFFER);
    }

    /** {@code out} itself when it already is one, else a new ElasticOutput over it. */
    public static ElasticOutput of(OutputStream out) {
        return out instanceof ElasticOutput e ? e : new ElasticOutput(out);
    }

    @Override
    public void write(int b) throws IOException {
        room(1)[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > maxBufferBytes) {
            writeBuffer();
            out.write(b, off, len);
            return;
        }
        System.arraycopy(b, off, room(len), count, len);
        count += len;
    }

    /**
     * A buffer with at least {@code n} free bytes from {@link #position()} on (what is already
     * buffered may be written out to make room); write there, then {@link #advance}.
     */
    public byte[] room(int n) throws IOException {
        if (n < 0 || n > maxBufferBytes) throw new IllegalArgumentException("room for " + n + " bytes, buffer at most " + maxBufferBytes);
        if (buf == null) {
            buf = new byte[Math.min(maxBufferBytes, Math.max(n, hint))];
        } else if (buf.length - count < n) {
            if (count + n > maxBufferBytes) {
                writeBuffer();
                if (buf.length < n) buf = new byte[n];
            } else {
                byte[] bigger = new byte[Math.min(maxBufferBytes, Math.max(count + n, 2 * buf.length))];
                System.arraycopy(buf, 0, bigger, 0, count);
                buf = bigger;
            }
        }
        return buf;
    }

    /** Where the next byte goes in the array {@link #room} returned. */
    public int position() {
        return count;
    }

    /** Counts {@code n} bytes written into the array {@link #room} returned. */
    public void advance(int n) {
        if (buf == null || n < 0 || count + n > buf.length) throw new IllegalStateException("advance by " + n + " past the room asked for");
        count += n;
    }

    /** Writes what is buffered, flushes the stream and drops the buffer. */
    @Override
    public void flush() throws IOException {
        writeBuffer();
        if (buf != null) {
            hint = Math.min(MAX_HINT, Math.max(MIN_BUFFER, buf.length));
            buf = null;
        }
        out.flush();
    }

    /** Flushes, then closes the underlying stream (closed even when the flush fails). */
    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }

    /** Whether a buffer is held, for tests. */
    boolean holdsBuffer() {
        return buf != null;
    }

    private void writeBuffer() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0; // a failed write loses the bytes either way: the stream is broken
            out.write(buf, 0, n);
        }
    }
}
