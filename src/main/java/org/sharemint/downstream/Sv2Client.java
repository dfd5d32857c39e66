package org.sharemint.downstream;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.HexFormat;
import org.sharemint.noise.NoiseChannels;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.PlainFrameChannel;
import org.tinylog.Logger;

/**
 * One SV2 connection to a pool from the downstream side: a socket, then Noise NX pinned to the
 * pool's authority key (or plaintext), carrying messages. {@link Sv2Setup} does the set-up over
 * it; after that the caller reads on one thread while any thread may {@link #send} and
 * {@link #flush} (the frame channel serializes writes). {@link #close} may be called from any thread and ends a blocked
 * read.
 */
public final class Sv2Client implements MessageLink, Closeable {
    /** The largest frame accepted from the pool. */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final FrameChannel channel;

    private Sv2Client(Socket socket, FrameChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /** {@link #connect(Socket, InetSocketAddress, byte[], Clock, int)} on a new socket. */
    public static Sv2Client connect(InetSocketAddress pool, byte[] authorityKey, Clock clock, int readTimeoutMs) throws IOException {
        return connect(new Socket(), pool, authorityKey, clock, readTimeoutMs);
    }

    /**
     * Connects {@code socket} (unconnected; closing it from another thread aborts the connect) and
     * runs the Noise handshake when an authority key is given.
     *
     * @param authorityKey the pool's 32-byte x-only authority key, or null for plaintext
     * @param readTimeoutMs how long a read may block (0: forever); the caller may change it on {@link #socket()}
     */
    public static Sv2Client connect(Socket socket, InetSocketAddress pool, byte[] authorityKey, Clock clock, int readTimeoutMs) throws IOException {
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(pool, CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(readTimeoutMs);
            FrameChannel channel = authorityKey == null
                    ? new PlainFrameChannel(socket.getInputStream(), socket.getOutputStream(), MAX_FRAME_BYTES)
                    : NoiseChannels.initiator(socket, authorityKey, clock, MAX_FRAME_BYTES);
            return new Sv2Client(socket, channel);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The next message this downstream understands; frames of unknown types are skipped, garbage throws. */
    @Override
    public Message read() throws IOException {
        while (true) {
            Frame f = channel.read();
            if (!Codec.isKnown(f.extension(), f.msgType())) {
                Logger.debug("skipped a frame of unknown type: extension 0x{}, type 0x{}", HexFormat.of().toHexDigits((short) f.extension()),
                        HexFormat.of().toHexDigits((byte) f.msgType()));
                continue;
            }
            return Codec.decode(f);
        }
    }

    /** Writes one message, buffered until {@link #flush()}. */
    @Override
    public void send(Message m) throws IOException {
        channel.write(Codec.encode(m));
    }

    @Override
    public void flush() throws IOException {
        channel.flush();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
