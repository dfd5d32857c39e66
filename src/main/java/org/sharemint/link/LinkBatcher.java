package org.sharemint.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.Message;
import org.sharemint.wire.MintQuoteError;
import org.sharemint.wire.MintQuoteRequest;
import org.sharemint.wire.MintQuoteResponse;
import org.tinylog.Logger;

/**
 * The mint's one batching worker for every pool link: takes what the links' readers queued, at
 * most a fair share per link per batch (so one pool's flood cannot starve another), creates the
 * whole batch's quotes in one call to the mint (one ledger transaction: group commit) and queues
 * each answer on the link it came from.
 *
 * <p>A platform thread, like the pool's mint worker: the ledger's JDBC work runs in native code
 * that would pin a virtual thread's carrier. It parks when there is no work; readers unpark it.
 */
final class LinkBatcher implements AutoCloseable {
    /** Most requests per ledger transaction, as the pool's embedded mint worker. */
    static final int MAX_BATCH = 8192;
    /** The smallest share one link gets of a batch, however many links there are. */
    private static final int MIN_QUANTUM = 64;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final QuoteIssuer mint;
    private final LinkMetrics metrics;
    private final List<PoolPeer> peers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    private int start; // the link that goes first in the next batch: each goes first in turn

    LinkBatcher(QuoteIssuer mint, LinkMetrics metrics) {
        this.mint = mint;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().name("mint-link-batcher").daemon(true).unstarted(this::run);
    }

    LinkBatcher start() {
        thread.start();
        return this;
    }

    void add(PoolPeer peer) {
        peers.add(peer);
    }

    void remove(PoolPeer peer) {
        peers.remove(peer);
    }

    int links() {
        return peers.size();
    }

    /** Requests queued on every link, not yet in a batch. */
    long queued() {
        long n = 0;
        for (PoolPeer p : peers) n += p.queued();
        return n;
    }

    /** A reader queued a request. */
    void wake() {
        if (sleeping) LockSupport.unpark(thread);
    }

    private void run() {
        List<PoolPeer.Request> batch = new ArrayList<>(MAX_BATCH);
        List<PoolPeer> owners = new ArrayList<>(MAX_BATCH);
        while (running) {
            collect(batch, owners);
            if (batch.isEmpty()) {
                sleeping = true;
                if (running && queued() == 0) LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                sleeping = false;
                continue;
            }
            try {
                answer(batch, owners);
            } catch (RuntimeException e) {
                Logger.error(e, "mint link: batch of {} failed", batch.size());
                List<QuoteResult> refused = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) refused.add(new QuoteResult.Refused("mint-unavailable"));
                send(batch, owners, refused);
            }
            batch.clear();
            owners.clear();
        }
    }

    /** One pass over the links from {@code start}, each giving at most its fair share. */
    private void collect(List<PoolPeer.Request> batch, List<PoolPeer> owners) {
        // a snapshot: links come and go while the batch is collected (an index into the live list could fall off its end)
        PoolPeer[] links = peers.toArray(new PoolPeer[0]);
        int n = links.length;
        if (n == 0) return;
        int quantum = Math.max(MIN_QUANTUM, MAX_BATCH / n);
        start = (start + 1) % n;
        for (int i = 0; i < n && batch.size() < MAX_BATCH; i++) {
            PoolPeer p = links[(start + i) % n];
            int took = p.drain(batch, Math.min(quantum, MAX_BATCH - batch.size()));
            if (p.isClosed()) {
                // nobody to answer: the pool tells these shares mint-timeout at their deadline
                for (int k = 0; k < took; k++) batch.remove(batch.size() - 1);
                continue;
            }
            for (int k = 0; k < took; k++) owners.add(p);
        }
    }

    private void answer(List<PoolPeer.Request> batch, List<PoolPeer> owners) {
        List<QuoteRequest> requests = new ArrayList<>(batch.size());
        for (PoolPeer.Request r : batch) {
            MintQuoteRequest m = r.message();
            requests.add(new QuoteRequest(m.shareHash(), m.amount(), m.unit(), m.lockingKey(), m.deadlineUnixMs()));
        }
        send(batch, owners, mint.createQuotes(requests));
    }

    /** Hands each link its answers, in one list per link (a link's requests are contiguous in the batch). */
    private void send(List<PoolPeer.Request> batch, List<PoolPeer> owners, List<QuoteResult> results) {
        long now = System.nanoTime();
        List<Message> answers = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PoolPeer.Request r = batch.get(i);
            int id = r.message().requestId();
            switch (results.get(i)) {
                case QuoteResult.Quote q -> {
                    metrics.answers.inc("quote");
                    answers.add(new MintQuoteResponse(id, q.quoteId(), q.keysetId(), q.amount()));
                }
                case QuoteResult.Refused f -> {
                    metrics.answers.inc(f.code());
                    answers.add(new MintQuoteError(id, f.code()));
                }
            }
            metrics.roundTrip.observe(now - r.receivedNanos());
            if (i + 1 == batch.size() || owners.get(i + 1) != owners.get(i)) {
                owners.get(i).answer(answers);
                answers = new ArrayList<>();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        if (!thread.join(java.time.Duration.ofSeconds(30))) Logger.warn("mint link batcher still inside the mint after 30 s");
    }
}
