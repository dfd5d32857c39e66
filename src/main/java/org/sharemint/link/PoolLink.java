package org.sharemint.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.Codec;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.MintQuoteError;
import org.sharemint.wire.MintQuoteRequest;
import org.sharemint.wire.MintQuoteResponse;

/**
 * One open link from the pool to a mint. Requests are pipelined: {@link #send} writes a batch
 * and returns one waiter per request; {@link #readLoop} (the connector's thread) completes each
 * waiter as its answer arrives, in whatever order the mint answers.
 *
 * <p>Threads: any number of senders (batch threads), serialized by the write lock so a batch
 * leaves in one flush; exactly one reader. A waiter stays in the map until its answer comes, even
 * after its sender stopped waiting at the deadline: a late answer is then expected, not an
 * unknown request id. When the link ends, the waiters still in the map are simply never
 * completed — their senders wait for the deadline, since the mint may still have committed them.
 */
final class PoolLink implements AutoCloseable {
    /** The pool side of one request: completed by the reader with the mint's answer. */
    static final class Waiter extends CompletableFuture<QuoteResult> {
        final long amount;
        final long sentNanos;

        Waiter(long amount, long sentNanos) {
            this.amount = amount;
            this.sentNanos = sentNanos;
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 2000;
    /** Noise handshake and SetupConnection must be done within this. */
    private static final int SETUP_TIMEOUT_MS = 5000;
    private static final byte[] NO_KEY = new byte[0];

    final InetSocketAddress address;
    private final Socket socket;
    private final FrameChannel channel;
    private final LinkMetrics metrics;
    private final ConcurrentHashMap<Integer, Waiter> waiting = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private int nextId; // guarded by writeLock
    private volatile boolean closed;

    private PoolLink(InetSocketAddress address, Socket socket, FrameChannel channel, LinkMetrics metrics) {
        this.address = address;
        this.socket = socket;
        this.channel = channel;
        this.metrics = metrics;
    }

    /**
     * Connects, runs the handshake (Noise when {@code mintAuthority} is not null) and the link's
     * setup. Any failure closes the socket and is thrown, naming what failed.
     */
    static PoolLink open(InetSocketAddress address, byte[] mintAuthority, Clock clock, LinkMetrics metrics) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(SETUP_TIMEOUT_MS);
            FrameChannel ch = LinkChannels.pool(s, mintAuthority, clock);
            LinkSetup.asPool(ch);
            s.setSoTimeout(0); // answers come when they come; each sender keeps its own deadline
            return new PoolLink(address, s, ch, metrics);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Writes the batch's requests and returns their waiters, in order; null when the link was
     * closed before anything was written (the batch may go over the next link). A write that
     * fails closes the link; its requests count as sent, since some may have reached the mint.
     */
    List<Waiter> send(List<QuoteRequest> batch) {
        List<Waiter> out = new ArrayList<>(batch.size());
        writeLock.lock();
        try {
            if (closed) return null;
            try {
                for (QuoteRequest q : batch) {
                    int id = nextId++;
                    Waiter w = new Waiter(q.amount(), System.nanoTime());
                    waiting.put(id, w);
                    out.add(w);
                    byte[] key = q.lockingKey() == null ? NO_KEY : q.lockingKey();
                    channel.write(Codec.encode(new MintQuoteRequest(id, q.shareHash(), q.amount(), q.unit(), key, q.deadlineUnixMs())));
                }
                channel.flush();
            } catch (IOException | RuntimeException e) {
                close();
                while (out.size() < batch.size()) out.add(new Waiter(0, 0)); // never completed: they wait for the deadline
            }
            return out;
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads answers until the link ends (the mint closed it, it broke, or the mint sent something wrong); why it ended. */
    IOException readLoop() {
        try {
            while (true) {
                Message m = Codec.decode(channel.read());
                switch (m) {
                    case MintQuoteResponse r -> answer(r.requestId(), new QuoteResult.Quote(r.quoteId(), r.keysetId(), r.amount()), "quote");
                    case MintQuoteError e -> answer(e.requestId(), new QuoteResult.Refused(e.errorCode()), e.errorCode());
                    default -> throw new LinkException("unexpected " + m.getClass().getSimpleName() + " from the mint");
                }
            }
        } catch (IOException e) {
            if (e instanceof LinkException || e instanceof org.sharemint.wire.WireException) metrics.badInput.inc();
            return e;
        } finally {
            close();
        }
    }

    private void answer(int requestId, QuoteResult r, String code) throws LinkException {
        Waiter w = waiting.remove(requestId);
        if (w == null) throw new LinkException("answer to request " + Integer.toUnsignedString(requestId) + ", which nobody sent");
        if (r instanceof QuoteResult.Quote q && q.amount() != w.amount) {
            throw new LinkException("quote for request " + Integer.toUnsignedString(requestId) + " has amount " + q.amount() + ", asked " + w.amount);
        }
        metrics.roundTrip.observe(System.nanoTime() - w.sentNanos);
        metrics.answers.inc(code);
        w.complete(r);
    }

    /** Requests sent and not answered yet. */
    int inFlight() {
        return waiting.size();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close(); // ends a blocked read and a blocked write
        } catch (IOException e) {
            // closing a socket that failed: nothing more to release
        }
    }
}
