package org.sharemint.link;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.jctools.queues.SpscArrayQueue;
import org.sharemint.wire.Codec;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.MintQuoteRequest;
import org.sharemint.wire.WireException;
import org.tinylog.Logger;

/**
 * The mint's side of one pool's link. Its reader (a virtual thread) decodes requests into this
 * link's own queue, which the batcher drains a fair share of per batch; its writer (another
 * virtual thread) sends the answers the batcher queued, a batch's worth per flush.
 *
 * <p>The inbound queue is bounded ({@value #MAX_QUEUED} requests): a pool that sends faster than
 * the mint commits finds its reader blocked, and TCP pushes back on it, without touching other
 * links. Anything but a well-formed MintQuoteRequest closes the link with a log line.
 */
final class PoolPeer {
    static final int MAX_QUEUED = 65_536;

    /** A request with when it was read (for the round-trip histogram). */
    record Request(MintQuoteRequest message, long receivedNanos) {}

    final String name;
    private final Socket socket;
    private final FrameChannel channel;
    private final LinkMetrics metrics;
    private final SpscArrayQueue<Request> inbound = new SpscArrayQueue<>(MAX_QUEUED);
    private final Semaphore room = new Semaphore(MAX_QUEUED);
    /** Each entry is one batch's answers for this link (one hand-over, one wake-up of the writer). */
    private final LinkedBlockingQueue<List<Message>> outbound = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    PoolPeer(String name, Socket socket, FrameChannel channel, LinkMetrics metrics) {
        this.name = name;
        this.socket = socket;
        this.channel = channel;
        this.metrics = metrics;
    }

    /** Reads requests until the link ends; {@code wake} tells the batcher there is work. */
    void readLoop(Runnable wake) {
        try {
            while (!closed) {
                Message m = Codec.decode(channel.read());
                if (!(m instanceof MintQuoteRequest r)) throw new LinkException("unexpected " + m.getClass().getSimpleName() + " on the link");
                room.acquire(); // a full queue blocks this pool's reader only
                inbound.offer(new Request(r, System.nanoTime()));
                wake.run();
            }
        } catch (EOFException e) {
            if (!closed) Logger.info("mint link from pool {} closed by the pool", name);
        } catch (LinkException | WireException e) {
            metrics.badInput.inc();
            Logger.warn("mint link from pool {}: bad input, closing the link: {}", name, e.getMessage());
        } catch (IOException e) {
            if (!closed) Logger.info("mint link from pool {} lost: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Writes queued answers until the link closes: everything waiting goes out in one flush. */
    void writeLoop() {
        try {
            while (true) {
                List<Message> answers = outbound.take();
                do {
                    if (answers == CLOSE) return;
                    for (Message m : answers) channel.write(Codec.encode(m));
                } while ((answers = outbound.poll()) != null);
                channel.flush();
            }
        } catch (IOException e) {
            if (!closed) Logger.info("mint link to pool {}: write failed: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Batcher: takes up to {@code max} requests into {@code into}; how many. */
    int drain(List<Request> into, int max) {
        int n = inbound.drain(into::add, max);
        if (n > 0) room.release(n);
        return n;
    }

    int queued() {
        return inbound.size();
    }

    /** Batcher: queues a batch's answers for the writer. */
    void answer(List<Message> answers) {
        if (!closed) outbound.add(answers);
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        if (closed) return;
        closed = true;
        outbound.add(CLOSE);
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that failed: nothing more to release
        }
    }

    /** Tells the writer to stop (compared by identity). */
    private static final List<Message> CLOSE = new java.util.ArrayList<>();
}
