package org.sharemint.noise;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import org.sharemint.wire.ElasticInput;
import org.sharemint.wire.ElasticOutput;

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
     * The encrypted frame channel over these streams. They are wrapped in an {@link ElasticInput}
     * and {@link ElasticOutput} unless they already are ones (pass the same ones the handshake
     * used, so nothing read ahead is lost).
     *
     * @param resource closed by {@link NoiseFrameChannel#close()} (the socket, or the streams)
     */
    public NoiseFrameChannel channel(InputStream in, OutputStream out, int maxFrameBytes, Closeable resource) {
        return new NoiseFrameChannel(ElasticInput.of(in), ElasticOutput.of(out), send, receive, maxFrameBytes, resource);
    }
}
