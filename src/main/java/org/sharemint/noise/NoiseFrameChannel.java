package org.sharemint.noise;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.wire.ElasticInput;
import org.sharemint.wire.ElasticOutput;
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
 *
 * <p>Memory: an idle channel holds no buffer. The reader waits for a frame reading straight
 * into its 22-byte header array ({@link ElasticInput#readAwaiting}); a frame's ciphertext
 * array lives only while that frame is read; frames are encrypted straight into the output
 * buffer, which exists only until the next flush ({@link ElasticOutput}).
 */
public final class NoiseFrameChannel implements FrameChannel {
    public static final int MAC_BYTES = CipherState.MAC_BYTES;
    public static final int ENCRYPTED_HEADER_BYTES = Frame.HEADER_BYTES + MAC_BYTES;
    /** Largest ciphertext chunk (Noise's 65,535-byte message limit). */
    public static final int MAX_CHUNK = 65_535;
    public static final int MAX_CHUNK_PLAINTEXT = MAX_CHUNK - MAC_BYTES;
    private static final byte[] NO_AD = new byte[0];

    private final ElasticInput in;
    private final ElasticOutput out;
    private final CipherState send;
    private final CipherState receive;
    private final int maxFrameBytes;
    private final Closeable resource;
    private final ReentrantLock writeLock = new ReentrantLock();
    // reader-owned buffers
    private final byte[] readHeader = new byte[ENCRYPTED_HEADER_BYTES];
    private final byte[] plainHeader = new byte[Frame.HEADER_BYTES];
    // writer-owned, guarded by writeLock
    private final byte[] writeHeader = new byte[Frame.HEADER_BYTES];
    private volatile String failure;

    NoiseFrameChannel(ElasticInput in, ElasticOutput out, CipherState send, CipherState receive, int maxFrameBytes, Closeable resource) {
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
            int got = in.readAwaiting(readHeader, 0, ENCRYPTED_HEADER_BYTES);
            if (got < 0) throw new EOFException("connection closed");
            if (got < ENCRYPTED_HEADER_BYTES) got += in.readNBytes(readHeader, got, ENCRYPTED_HEADER_BYTES - got);
            if (got < ENCRYPTED_HEADER_BYTES) throw new NoiseException("connection closed inside a frame header (" + got + " of " + ENCRYPTED_HEADER_BYTES + " bytes)");
            receive.decrypt(NO_AD, readHeader, 0, ENCRYPTED_HEADER_BYTES, plainHeader, 0, "frame header");
            int extensionType = (plainHeader[0] & 0xFF) | (plainHeader[1] & 0xFF) << 8;
            int msgType = plainHeader[2] & 0xFF;
            int length = (plainHeader[3] & 0xFF) | (plainHeader[4] & 0xFF) << 8 | (plainHeader[5] & 0xFF) << 16;
            if (length > maxFrameBytes) {
                throw new NoiseException("frame of " + length + " bytes (type 0x" + Integer.toHexString(msgType) + ") exceeds the maximum of " + maxFrameBytes);
            }
            byte[] payload = new byte[length];
            // this frame's ciphertext only: nothing of its size stays behind once it is read
            byte[] cipher = length == 0 ? null : new byte[Math.min(MAX_CHUNK_PLAINTEXT, length) + MAC_BYTES];
            for (int off = 0; off < length; ) {
                int plain = Math.min(MAX_CHUNK_PLAINTEXT, length - off);
                int chunk = plain + MAC_BYTES;
                int n = in.readNBytes(cipher, 0, chunk);
                if (n < chunk) throw new NoiseException("connection closed inside a frame payload (" + (off + Math.max(0, n - MAC_BYTES)) + " of " + length + " bytes)");
                receive.decrypt(NO_AD, cipher, 0, chunk, payload, off, "frame payload");
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

    @Override
    public void frameDeadline(java.net.Socket socket, long timeoutMs) {
        in.frameDeadline(socket, timeoutMs);
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
            // encrypted straight into the output buffer
            byte[] dst = out.room(ENCRYPTED_HEADER_BYTES);
            out.advance(send.encrypt(NO_AD, h, 0, Frame.HEADER_BYTES, dst, out.position()));
            for (int off = 0; off < payload.length; ) {
                int plain = Math.min(MAX_CHUNK_PLAINTEXT, payload.length - off);
                dst = out.room(plain + MAC_BYTES);
                out.advance(send.encrypt(NO_AD, payload, off, plain, dst, out.position()));
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
