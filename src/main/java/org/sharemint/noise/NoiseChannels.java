package org.sharemint.noise;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import org.sharemint.wire.ElasticInput;
import org.sharemint.wire.ElasticOutput;
import org.sharemint.wire.FrameChannel;

/**
 * Entry points: run the Noise NX handshake on a connected socket and return the encrypted
 * {@link FrameChannel}. The handshake blocks; its whole duration is bounded by the socket's
 * SO_TIMEOUT as set by the caller (0 = no bound), which is restored afterwards. On failure a
 * {@link NoiseException} gives the reason and the socket is left for the caller to close.
 */
public final class NoiseChannels {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NoiseChannels() {}

    /** The pool's (or mint link listener's) side: reads Act 1, answers with Act 2 and a certificate. */
    public static FrameChannel responder(Socket s, AuthorityKey key, long certValiditySeconds, Clock clock, int maxFrameBytes) throws IOException {
        return responder(s, key, certValiditySeconds, clock, maxFrameBytes, RANDOM);
    }

    public static FrameChannel responder(Socket s, AuthorityKey key, long certValiditySeconds, Clock clock, int maxFrameBytes, SecureRandom random)
        throws IOException {
        return responder(s, key, certValiditySeconds, clock, maxFrameBytes, random, HandshakeGate.OPEN);
    }

    /** As above, with Act 2 computed only once {@code gate} lets it (a listener's bound on handshake work). */
    public static FrameChannel responder(Socket s, AuthorityKey key, long certValiditySeconds, Clock clock, int maxFrameBytes, SecureRandom random,
            HandshakeGate gate) throws IOException {
        // buffers that exist only while bytes are in them: an idle connection holds none
        // (fixed stream buffers per connection dominate the memory of many idle connections)
        ElasticInput in = new ElasticInput(s.getInputStream());
        ElasticOutput out = new ElasticOutput(s.getOutputStream());
        int soTimeout = s.getSoTimeout();
        try {
            Deadline deadline = new Deadline(s, soTimeout);
            byte[] act1 = deadline.readExactly(in, ResponderHandshake.ACT1_BYTES, "Act 1");
            ResponderHandshake hs;
            byte[] act2;
            try (HandshakeGate.Permit p = gate.enter(deadline.deadlineNanos())) {
                hs = new ResponderHandshake(key, certValiditySeconds, clock, random);
                act2 = hs.act2(act1);
            }
            out.write(act2);
            out.flush();
            return hs.session().channel(in, out, maxFrameBytes, s);
        } catch (NoiseException e) {
            throw e;
        } catch (IOException e) {
            throw new NoiseException("handshake failed: " + e.getMessage(), e);
        } finally {
            restore(s, soTimeout);
        }
    }

    /** The miner's (or pool's, towards a remote mint) side: the responder must show a certificate by {@code authorityXOnlyPubkey}. */
    public static FrameChannel initiator(Socket s, byte[] authorityXOnlyPubkey, Clock clock, int maxFrameBytes) throws IOException {
        return initiator(s, authorityXOnlyPubkey, clock, maxFrameBytes, RANDOM);
    }

    public static FrameChannel initiator(Socket s, byte[] authorityXOnlyPubkey, Clock clock, int maxFrameBytes, SecureRandom random) throws IOException {
        // buffers that exist only while bytes are in them: an idle connection holds none
        // (fixed stream buffers per connection dominate the memory of many idle connections)
        ElasticInput in = new ElasticInput(s.getInputStream());
        ElasticOutput out = new ElasticOutput(s.getOutputStream());
        int soTimeout = s.getSoTimeout();
        try {
            Deadline deadline = new Deadline(s, soTimeout);
            InitiatorHandshake hs = new InitiatorHandshake(authorityXOnlyPubkey, clock, random);
            out.write(hs.act1());
            out.flush();
            byte[] act2 = deadline.readExactly(in, InitiatorHandshake.ACT2_BYTES, "Act 2");
            return hs.act2(act2).channel(in, out, maxFrameBytes, s);
        } catch (NoiseException e) {
            throw e;
        } catch (IOException e) {
            throw new NoiseException("handshake failed: " + e.getMessage(), e);
        } finally {
            restore(s, soTimeout);
        }
    }

    private static void restore(Socket s, int soTimeout) {
        try {
            if (!s.isClosed()) s.setSoTimeout(soTimeout);
        } catch (IOException e) {
            // the socket broke; the caller sees that on its next use
        }
    }

    /** One deadline over the whole handshake, on the monotonic clock, enforced through SO_TIMEOUT. */
    private static final class Deadline {
        private final Socket socket;
        private final int timeoutMs;
        private final long deadlineNanos;

        Deadline(Socket socket, int timeoutMs) {
            this.socket = socket;
            this.timeoutMs = timeoutMs;
            this.deadlineNanos = System.nanoTime() + timeoutMs * 1_000_000L;
        }

        long deadlineNanos() {
            return timeoutMs > 0 ? deadlineNanos : Long.MAX_VALUE;
        }

        byte[] readExactly(InputStream in, int n, String what) throws IOException {
            byte[] buf = new byte[n];
            int got = 0;
            while (got < n) {
                if (timeoutMs > 0) {
                    long remainingMs = Math.ceilDiv(deadlineNanos - System.nanoTime(), 1_000_000L);
                    if (remainingMs <= 0) throw timedOut(what, got, n, new SocketTimeoutException("handshake deadline passed"));
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
                }
                int r;
                try {
                    r = in.read(buf, got, n - got);
                } catch (SocketTimeoutException e) {
                    throw timedOut(what, got, n, e);
                }
                if (r < 0) {
                    throw new NoiseException(what + ": connection closed after " + got + " of " + n + " bytes", new EOFException());
                }
                got += r;
            }
            return buf;
        }

        /** Caused by the socket's timeout, so a caller can tell a stalled peer from a broken handshake. */
        private NoiseException timedOut(String what, int got, int n, SocketTimeoutException cause) {
            return new NoiseException("handshake timed out after " + timeoutMs + " ms waiting for " + what + " (" + got + " of " + n + " bytes)", cause);
        }
    }
}
