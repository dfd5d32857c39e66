package org.sharemint.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.tinylog.Logger;

/**
 * The one consumer of the pool -> mint queue. Connection threads {@link #offer} validated
 * shares (a full queue is refused at once: the caller answers mint-busy). The worker drains up
 * to {@code maxBatch} shares, claims them, asks the issuer for all their quotes in one call (one
 * ledger transaction for the embedded mint), and completes each share's future with its
 * answer — nothing else: the share's own thread writes its reply.
 *
 * <p>Threads: any number of producers; exactly one worker thread (a platform thread: the
 * embedded mint does JDBC/JNI work that would pin a virtual thread's carrier). When the queue is
 * empty the worker parks; a producer unparks it when it saw the worker asleep, and the park has
 * a short timeout so a missed wake-up costs at most that.
 */
final class MintWorker implements AutoCloseable {
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final java.util.concurrent.ThreadFactory BATCH_THREADS = Thread.ofVirtual().name("mint-batch").factory();

    private final MpscVarHandleArrayQueue<PendingShare> queue;
    private final QuoteIssuer issuer;
    private final PoolMetrics metrics;
    private final int maxBatch;
    /** Batches that may be at the mint at once; null = one at a time, on the worker thread. */
    private final Semaphore slots;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean running = true;

    MintWorker(int capacity, int maxBatch, QuoteIssuer issuer, PoolMetrics metrics) {
        this.queue = new MpscVarHandleArrayQueue<>(capacity);
        this.issuer = issuer;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.slots = issuer.batchesInFlight() > 1 ? new Semaphore(issuer.batchesInFlight()) : null;
        this.thread = Thread.ofPlatform().name("mint-worker").daemon(true).unstarted(this::run);
    }

    MintWorker start() {
        thread.start();
        return this;
    }

    /** Queues a share for the mint; false when the queue is full. */
    boolean offer(PendingShare share) {
        if (!queue.offer(share)) return false;
        if (sleeping) LockSupport.unpark(thread);
        return true;
    }

    int depth() {
        return queue.size();
    }

    private void run() {
        List<PendingShare> drained = new ArrayList<>(maxBatch);
        while (running) {
            boolean slot = slots != null && takeSlot();
            queue.drain(drained::add, maxBatch);
            if (drained.isEmpty()) {
                if (slot) slots.release();
                sleeping = true;
                if (queue.isEmpty() && running) LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                sleeping = false;
                continue;
            }
            if (slots != null) {
                // a remote mint: this batch waits for its answers on its own thread while the next ones go out
                List<PendingShare> batch = List.copyOf(drained);
                boolean held = slot;
                BATCH_THREADS.newThread(() -> {
                    try {
                        processOrRefuse(batch);
                    } finally {
                        if (held) slots.release();
                    }
                }).start();
            } else {
                processOrRefuse(drained);
            }
            drained.clear();
        }
    }

    /**
     * A remote mint: waits while {@link QuoteIssuer#batchesInFlight()} batches are at a reachable
     * mint, so that shares gather into the next batch meanwhile (fewer, larger batches, and replies
     * that leave together). False — no slot taken, no limit — while the mint is unreachable: each
     * batch then waits for the link on its own thread, up to its own deadline.
     */
    private boolean takeSlot() {
        try {
            while (running && issuer.reachable()) {
                if (slots.tryAcquire(IDLE_PARK_NANOS, TimeUnit.NANOSECONDS)) return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void processOrRefuse(List<PendingShare> drained) {
        try {
            process(drained);
        } catch (RuntimeException e) {
            // never leave a share without an answer: refuse whatever is still pending
            Logger.error(e, "mint worker: batch of {} failed", drained.size());
            // complete() only settles shares this worker claimed
            for (PendingShare p : drained) {
                if (p.complete(new QuoteResult.Refused("mint-unavailable"))) metrics.quotesFailed.inc();
            }
        }
    }

    /**
     * One batch: claim each share (one told mint-timeout or pool-shutdown already must get no
     * quote at all), one createQuotes call, one answer each. A share whose connection closed
     * is still sent: the miner did valid work, and the quote, locked to its key, stays in the
     * ledger for whoever holds that key.
     */
    private void process(List<PendingShare> drained) {
        List<PendingShare> live = new ArrayList<>(drained.size());
        List<QuoteRequest> requests = new ArrayList<>(drained.size());
        for (PendingShare p : drained) {
            if (!p.claim() && !p.orphaned()) continue;
            live.add(p);
            requests.add(p.request());
        }
        if (live.isEmpty()) return;
        metrics.mintBatchSize.observe(live.size());
        long start = System.nanoTime();
        List<QuoteResult> results = issuer.createQuotes(requests);
        metrics.mintBatchLatency.observe(System.nanoTime() - start);
        if (results == null || results.size() != live.size()) {
            throw new IllegalStateException("issuer answered " + (results == null ? "null" : results.size() + " results")
                    + " for " + live.size() + " requests");
        }
        for (int i = 0; i < live.size(); i++) {
            PendingShare p = live.get(i);
            QuoteResult r = results.get(i);
            if (r instanceof QuoteResult.Quote) {
                metrics.quotesCreated.inc();
            }
            if (p.complete(r)) {
                // a refusal counts once it is the share's answer (a remote mint's mint-timeout for a share timed out already is not)
                if (r instanceof QuoteResult.Refused refused) {
                    metrics.quotesFailed.inc();
                    Logger.debug("mint refused share on channel {} seq {}: {}", p.channel.id, p.sequenceNumber, refused.code());
                }
                continue;
            }
            if (r instanceof QuoteResult.Quote && !p.orphaned()) {
                // the deadline won the race: the miner was told mint-timeout and never learns this id
                metrics.quotesLate.inc();
            }
        }
    }

    /**
     * Takes no new batch, lets the batch in hand finish (up to {@code grace}); shares still
     * queued are the caller's to settle. True when the worker has ended.
     */
    boolean stop(java.time.Duration grace) throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        return thread.join(grace);
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop(java.time.Duration.ofSeconds(30))) Logger.warn("mint worker still busy in the mint after 30 s");
    }
}
