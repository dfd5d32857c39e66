package org.sharemint.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import org.sharemint.noise.NoiseChannels;

/**
 * Opens generator sockets to the pool: plaintext, or Noise NX pinned to the pool's authority
 * key. Above {@value #PER_SOURCE} connections the sockets are spread over source addresses
 * 127.0.x.y (all of 127/8 is loopback on Linux), because one source address has only the
 * ephemeral port range to connect to one destination from.
 */
final class Connector {
    /** Connections per source address: below Linux's default ephemeral range (32768-60999). */
    static final int PER_SOURCE = 20_000;

    private final InetSocketAddress target;
    private final byte[] authorityKey;
    private final int maxFrameBytes;
    private final int readTimeoutMs;
    private final boolean spread;

    /**
     * @param authorityKey the pool's x-only authority key for Noise, or null for plaintext
     * @param spread bind each socket to a source address chosen from its index
     */
    Connector(InetSocketAddress target, byte[] authorityKey, int maxFrameBytes, int readTimeoutMs, boolean spread) {
        this.target = target;
        this.authorityKey = authorityKey;
        this.maxFrameBytes = maxFrameBytes;
        this.readTimeoutMs = readTimeoutMs;
        this.spread = spread;
    }

    boolean noise() {
        return authorityKey != null;
    }

    /** Connects (and runs the Noise handshake when configured); the caller closes the link. */
    Link connect(int index) throws IOException {
        // plaintext sockets come from a SocketChannel, so the paced phases can drive them non-blocking (OpenLoopGenerator)
        Socket s = authorityKey == null ? java.nio.channels.SocketChannel.open().socket() : new Socket();
        try {
            s.setTcpNoDelay(true);
            if (spread) s.bind(new InetSocketAddress(sourceAddress(index), 0));
            s.connect(target, 10_000);
            s.setSoTimeout(readTimeoutMs);
            if (authorityKey == null) return new PlainLink(s, maxFrameBytes, 8192);
            return new NoiseLink(s, NoiseChannels.initiator(s, authorityKey, Clock.systemUTC(), maxFrameBytes));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** 127.0.0.1 for the first PER_SOURCE indexes, then 127.0.0.2, ... 127.0.1.0 ... */
    static InetAddress sourceAddress(int index) throws IOException {
        int n = 1 + index / PER_SOURCE;
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >>> 8), (byte) n});
    }
}
