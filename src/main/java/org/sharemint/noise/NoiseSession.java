package org.sharemint.noise;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The outcome of a finished handshake: one transport cipher per direction. Turn it into a
 * {@link NoiseFrameChannel} over the connection's streams; use it once.
 */
public final class NoiseSession {
    private final CipherState send;
    private final CipherState receive;
    private final byte[] handshakeHash;

    NoiseSession(CipherState send, CipherState receive, byte[] handshakeHash) {
        this.send = send;
        this.receive = receive;
        this.handshakeHash = handshakeHash;
    }

    CipherState sendCipher() {
        return send;
    }

    CipherState receiveCipher() {
        return receive;
    }

    /** The final handshake hash h: equal on both ends of one connection (a session id). */
    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    /**
     * The encrypted frame channel over these streams (buffer them: the channel writes a header
     * and payload chunks separately and reads in small pieces).
     *
     * @param resource closed by {@link NoiseFrameChannel#close()} (the socket, or the streams)
     */
    public NoiseFrameChannel channel(InputStream in, OutputStream out, int maxFrameBytes, Closeable resource) {
        return new NoiseFrameChannel(in, out, send, receive, maxFrameBytes, resource);
    }
}
