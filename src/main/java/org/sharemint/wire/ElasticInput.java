package org.sharemint.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Objects;

/**
 * A buffered input stream for a connection that is idle most of the time. Like a
 * BufferedInputStream it reads ahead (up to {@code readAheadBytes} per read), but its buffer
 * exists only while bytes are in it: {@link #readAwaiting} — the wait for the next frame —
 * drops an empty buffer and reads straight into the caller's small header array, so a
 * connection parked between frames holds no buffer at all. The buffer comes back (one
 * allocation per burst) on the next read that needs it. Reads of at least
 * {@code readAheadBytes} bypass the buffer. Not thread-safe: one reading thread.
 */
public final class ElasticInput extends InputStream {
    /** Read-ahead per refill: a burst of small frames (8 submits are under 500 bytes over Noise). */
    public static final int DEFAULT_READ_AHEAD = 1024;

    private final InputStream in;
    private final int readAheadBytes;
    private byte[] buf; // null while nothing is buffered and the reader waits
    private int pos;
    private int lim;
    // the frame deadline (frameDeadline): null socket = none
    private Socket deadlineSocket;
    private long frameTimeoutMs;
    private long frameStartNanos;
    private int soTimeoutSet = -1;

    public ElasticInput(InputStream in, int readAheadBytes) {
        if (readAheadBytes < 1) throw new IllegalArgumentException("readAheadBytes must be positive: " + readAheadBytes);
        this.in = Objects.requireNonNull(in);
        this.readAheadBytes = readAheadBytes;
    }

    public ElasticInput(InputStream in) {
        this(in, DEFAULT_READ_AHEAD);
    }

    /** {@code in} itself when it already is one, else a new ElasticInput over it. */
    public static ElasticInput of(InputStream in) {
        return in instanceof ElasticInput e ? e : new ElasticInput(in);
    }

    /**
     * Blocks for the first bytes of the next frame: up to {@code len} bytes, at least one;
     * -1 at the end of the stream. When nothing is buffered it releases the buffer and reads
     * straight into {@code b}, so the (possibly long) wait holds no buffer.
     */
    public int readAwaiting(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (pos < lim) {
            frameStartNanos = System.nanoTime();
            return copy(b, off, len);
        }
        buf = null;
        if (deadlineSocket != null) soTimeout(0); // quiet between frames is fine
        int n;
        do {
            n = in.read(b, off, len);
        } while (n == 0);
        frameStartNanos = System.nanoTime();
        return n;
    }

    /**
     * From now on, once {@link #readAwaiting} has returned a frame's first bytes, every further
     * read until the next readAwaiting must finish within {@code timeoutMs} of them, enforced
     * through {@code socket}'s SO_TIMEOUT (which this stream then owns: 0 while awaiting a frame);
     * a read past it throws {@link FrameTimeoutException}. A peer quiet between frames is not
     * affected; one that starts a frame and stalls is.
     */
    public void frameDeadline(Socket socket, long timeoutMs) {
        if (timeoutMs < 1) throw new IllegalArgumentException("frame timeout must be positive: " + timeoutMs);
        this.deadlineSocket = Objects.requireNonNull(socket);
        this.frameTimeoutMs = timeoutMs;
        this.soTimeoutSet = -1;
    }

    /** A read from the stream below, inside a frame: bounded by the frame deadline when there is one. */
    private int readInFrame(byte[] b, int off, int len) throws IOException {
        if (deadlineSocket == null) return in.read(b, off, len);
        long remainingMs = Math.ceilDiv(frameStartNanos + frameTimeoutMs * 1_000_000L - System.nanoTime(), 1_000_000L);
        if (remainingMs <= 0) throw new FrameTimeoutException(frameTimeoutMs);
        soTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw new FrameTimeoutException(frameTimeoutMs);
        }
    }

    private void soTimeout(int ms) throws IOException {
        if (soTimeoutSet == ms) return;
        deadlineSocket.setSoTimeout(ms);
        soTimeoutSet = ms;
    }

    @Override
    public int read() throws IOException {
        if (pos >= lim && !fill()) return -1;
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (pos < lim) return copy(b, off, len);
        if (len >= readAheadBytes) return readInFrame(b, off, len);
        if (!fill()) return -1;
        return copy(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return (lim - pos) + in.available();
    }

    /** Closes the underlying stream and drops the buffer. */
    @Override
    public void close() throws IOException {
        buf = null;
        pos = 0;
        lim = 0;
        in.close();
    }

    /** Bytes buffered ahead, for tests. */
    int buffered() {
        return lim - pos;
    }

    /** Whether a buffer is held, for tests. */
    boolean holdsBuffer() {
        return buf != null;
    }

    private boolean fill() throws IOException {
        if (buf == null) buf = new byte[readAheadBytes];
        pos = 0;
        lim = 0;
        int n;
        do {
            n = readInFrame(buf, 0, readAheadBytes);
        } while (n == 0);
        if (n < 0) return false;
        lim = n;
        return true;
    }

    private int copy(byte[] b, int off, int len) {
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }
}
