package org.sharemint.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * One open link from the pool to a mint. Requests are pipelined: {@link #send} writes a batch;
 * {@link #readLoop} (the connector's thread) fills in each answer as it arrives, in whatever
 * order the mint answers, and wakes the batch's sender once all are in.
 *
 * <p>Threads: any number of senders (batch threads), serialized by the write lock so a batch
 * leaves in one flush; exactly one reader. A waiter stays in the map until its answer comes, even
 * after its sender stopped waiting at the deadline: a late answer is then expected, not an
 * unknown request id. When the link ends, the requests still in the map are simply never
 * answered — their senders wait for the deadline, since the mint may still have committed them.
 */
final class PoolLink implements AutoCloseable {
    /**
     * One batch's requests in flight: the reader sets each answer as it arrives, and completes
     * {@link #done} with the last one, so the sender wakes once per batch, not once per request.
     */
    static final class Batch {
        private final AtomicReferenceArray<QuoteResult> results;
        private final AtomicInteger missing;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final long sentNanos;

        Batch(int size, long sentNanos) {
            this.results = new AtomicReferenceArray<>(size);
            this.missing = new AtomicInteger(size);
            this.sentNanos = sentNanos;
        }

        /** The answer to request {@code index}, or null while there is none. */
        QuoteResult result(int index) {
            return results.get(index);
        }

        private void answer(int index, QuoteResult r) {
            results.set(index, r);
            if (missing.decrementAndGet() == 0) done.complete(null);
        }
    }

    /** Where one request's answer goes. */
    private record Waiter(Batch batch, int index, long amount) {}

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
     * Writes the batch's requests; null when the link was closed before anything was written
     * (the batch may go over the next link). A write that fails closes the link; its requests
     * count as sent, since some may have reached the mint, and are never answered.
     */
    Batch send(List<QuoteRequest> batch) {
        writeLock.lock();
        try {
            if (closed) return null;
            Batch b = new Batch(batch.size(), System.nanoTime());
            try {
                for (int i = 0; i < batch.size(); i++) {
                    QuoteRequest q = batch.get(i);
                    int id = nextId++;
                    waiting.put(id, new Waiter(b, i, q.amount()));
                    byte[] key = q.lockingKey() == null ? NO_KEY : q.lockingKey();
                    channel.write(Codec.encode(new MintQuoteRequest(id, q.shareHash(), q.amount(), q.unit(), key, q.deadlineUnixMs())));
                }
                channel.flush();
            } catch (IOException | RuntimeException e) {
                close();
            }
            return b;
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
        if (r instanceof QuoteResult.Quote q && q.amount() != w.amount()) {
            throw new LinkException("quote for request " + Integer.toUnsignedString(requestId) + " has amount " + q.amount() + ", asked " + w.amount());
        }
        metrics.roundTrip.observe(System.nanoTime() - w.batch().sentNanos);
        metrics.answers.inc(code);
        w.batch().answer(w.index(), r);
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
