package org.sharemint.noise;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;

/**
 * SV2 frames over a finished Noise handshake. Each frame is its 6-byte header encrypted alone
 * (22 bytes), then the payload in chunks of at most {@value #MAX_CHUNK_PLAINTEXT} plaintext bytes,
 * each followed by its 16-byte MAC (none for an empty payload); msg_length is the plaintext length.
 *
 * <p>Threads: one thread reads. Writes and flushes are serialized inside the channel (a lock),
 * so several threads may write; frames are buffered until {@link #flush()}. After any failure
 * (bad MAC, oversized frame, truncated stream, I/O error) every later read and write throws a
 * NoiseException naming the first failure: the cipher state is no longer in step with the peer.
 * {@link #close()} closes the underlying resource without flushing.
 */
public final class NoiseFrameChannel implements FrameChannel {
    public static final int MAC_BYTES = CipherState.MAC_BYTES;
    public static final int ENCRYPTED_HEADER_BYTES = Frame.HEADER_BYTES + MAC_BYTES;
    /** Largest ciphertext chunk (Noise's 65,535-byte message limit). */
    public static final int MAX_CHUNK = 65_535;
    public static final int MAX_CHUNK_PLAINTEXT = MAX_CHUNK - MAC_BYTES;
    private static final byte[] NO_AD = new byte[0];

    private final InputStream in;
    private final OutputStream out;
    private final CipherState send;
    private final CipherState receive;
    private final int maxFrameBytes;
    private final Closeable resource;
    private final ReentrantLock writeLock = new ReentrantLock();
    // reader-owned buffers
    private final byte[] readHeader = new byte[ENCRYPTED_HEADER_BYTES];
    private final byte[] plainHeader = new byte[Frame.HEADER_BYTES];
    private byte[] readChunk = new byte[256];
    // writer-owned buffers, guarded by writeLock
    private final byte[] writeHeader = new byte[Frame.HEADER_BYTES];
    // grown on demand like readChunk (a full 64 KiB chunk per idle connection was most of its heap)
    private byte[] writeChunk = new byte[256];
    private volatile String failure;

    NoiseFrameChannel(InputStream in, OutputStream out, CipherState send, CipherState receive, int maxFrameBytes, Closeable resource) {
        if (maxFrameBytes < 0 || maxFrameBytes > Frame.MAX_PAYLOAD) throw new IllegalArgumentException("maxFrameBytes out of range: " + maxFrameBytes);
        this.in = in;
        this.out = out;
        this.send = send;
        this.receive = receive;
        this.maxFrameBytes = maxFrameBytes;
        this.resource = resource;
    }

    /**
     * The next frame; EOFException when the peer closed cleanly between frames, NoiseException
     * for a bad MAC, a frame over maxFrameBytes (checked before the payload is allocated) or a
     * stream cut inside a frame.
     */
    @Override
    public Frame read() throws IOException {
        checkUsable();
        try {
            int got = in.readNBytes(readHeader, 0, ENCRYPTED_HEADER_BYTES);
            if (got == 0) throw new EOFException("connection closed");
            if (got < ENCRYPTED_HEADER_BYTES) throw new NoiseException("connection closed inside a frame header (" + got + " of " + ENCRYPTED_HEADER_BYTES + " bytes)");
            receive.decrypt(NO_AD, readHeader, 0, ENCRYPTED_HEADER_BYTES, plainHeader, 0, "frame header");
            int extensionType = (plainHeader[0] & 0xFF) | (plainHeader[1] & 0xFF) << 8;
            int msgType = plainHeader[2] & 0xFF;
            int length = (plainHeader[3] & 0xFF) | (plainHeader[4] & 0xFF) << 8 | (plainHeader[5] & 0xFF) << 16;
            if (length > maxFrameBytes) {
                throw new NoiseException("frame of " + length + " bytes (type 0x" + Integer.toHexString(msgType) + ") exceeds the maximum of " + maxFrameBytes);
            }
            byte[] payload = new byte[length];
            for (int off = 0; off < length; ) {
                int plain = Math.min(MAX_CHUNK_PLAINTEXT, length - off);
                int chunk = plain + MAC_BYTES;
                if (readChunk.length < chunk) readChunk = new byte[Math.min(MAX_CHUNK, Math.max(chunk, readChunk.length * 2))];
                int n = in.readNBytes(readChunk, 0, chunk);
                if (n < chunk) throw new NoiseException("connection closed inside a frame payload (" + (off + Math.max(0, n - MAC_BYTES)) + " of " + length + " bytes)");
                receive.decrypt(NO_AD, readChunk, 0, chunk, payload, off, "frame payload");
                off += plain;
            }
            return new Frame(extensionType, msgType, payload);
        } catch (EOFException e) {
            throw e; // a clean end: the stream is still in step, so nothing is marked failed
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /** Encrypts the frame into the output buffer; {@link #flush()} sends it. Safe from several threads. */
    @Override
    public void write(Frame frame) throws IOException {
        byte[] payload = frame.payload();
        if (frame.extensionType() < 0 || frame.extensionType() > 0xFFFF) throw new IllegalArgumentException("extension_type out of U16 range");
        if (frame.msgType() < 0 || frame.msgType() > 0xFF) throw new IllegalArgumentException("msg_type out of U8 range");
        if (payload.length > Frame.MAX_PAYLOAD) throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds U24");
        writeLock.lock();
        try {
            checkUsable();
            byte[] h = writeHeader;
            h[0] = (byte) frame.extensionType();
            h[1] = (byte) (frame.extensionType() >>> 8);
            h[2] = (byte) frame.msgType();
            h[3] = (byte) payload.length;
            h[4] = (byte) (payload.length >>> 8);
            h[5] = (byte) (payload.length >>> 16);
            int largest = Math.min(MAX_CHUNK_PLAINTEXT, payload.length) + MAC_BYTES;
            if (writeChunk.length < largest) writeChunk = new byte[Math.min(MAX_CHUNK, Math.max(largest, writeChunk.length * 2))];
            int n = send.encrypt(NO_AD, h, 0, Frame.HEADER_BYTES, writeChunk, 0);
            out.write(writeChunk, 0, n);
            for (int off = 0; off < payload.length; ) {
                int plain = Math.min(MAX_CHUNK_PLAINTEXT, payload.length - off);
                n = send.encrypt(NO_AD, payload, off, plain, writeChunk, 0);
                out.write(writeChunk, 0, n);
                off += plain;
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        writeLock.lock();
        try {
            checkUsable();
            out.flush();
        } catch (IOException e) {
            fail(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the underlying socket or streams; buffered frames not yet flushed are dropped. */
    @Override
    public void close() throws IOException {
        if (failure == null) failure = "channel closed";
        resource.close();
    }

    private void checkUsable() throws NoiseException {
        String f = failure;
        if (f != null) throw new NoiseException("channel unusable after an earlier failure: " + f);
    }

    private void fail(Exception e) {
        if (failure == null) failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
