package org.sharemint.miner.wallet;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.tinylog.Logger;

/**
 * Redeems the wallet's quotes in the background: whatever is PAID (or left MINTING by a crash)
 * and due, oldest first, on one virtual thread that {@link #wake()} wakes when a quote arrives.
 * A quote the mint could not be asked about is tried again later, with a delay that doubles up
 * to {@value #MAX_RETRY_MS} ms.
 */
public final class Redeemer implements AutoCloseable {
    static final long FIRST_RETRY_MS = 500;
    static final long MAX_RETRY_MS = 60_000;
    private static final int BATCH = 256;

    private final Wallet wallet;
    private final Clock clock;
    private final Semaphore signal = new Semaphore(0);
    private final LongAdder issued = new LongAdder();
    private volatile boolean closed;
    private Thread thread;

    public Redeemer(Wallet wallet, Clock clock) {
        this.wallet = wallet;
        this.clock = clock;
    }

    /** Quotes this redeemer turned into proofs. */
    public long issued() {
        return issued.sum();
    }

    /** One pass over the quotes due now; returns how many were issued. */
    public int redeemDue() {
        int n = 0;
        List<WalletStore.Quote> due;
        try {
            due = wallet.store().dueQuotes(clock.millis(), BATCH);
        } catch (IOException e) {
            Logger.error("cannot read the wallet's quotes: {}", e.getMessage());
            return 0;
        }
        for (WalletStore.Quote q : due) {
            if (closed) break;
            try {
                Wallet.Outcome o = wallet.redeem(q.quoteId());
                if (o == Wallet.Outcome.ISSUED) {
                    issued.increment();
                    n++;
                } else if (o == Wallet.Outcome.RETRY) {
                    later(q, "not redeemable yet");
                }
            } catch (IOException e) {
                Logger.warn("quote {}: {} (will retry)", q.quoteId(), e.getMessage());
                later(q, e.getMessage());
            }
        }
        return n;
    }

    private void later(WalletStore.Quote q, String detail) {
        long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(q.attempts(), 20));
        try {
            wallet.store().retryLater(q.quoteId(), detail, clock.millis() + delay, clock.millis());
        } catch (IOException e) {
            Logger.error("cannot record the retry of quote {}: {}", q.quoteId(), e.getMessage());
        }
    }

    /** Starts the background thread. */
    public synchronized void start() {
        if (thread != null) return;
        thread = Thread.ofVirtual().name("redeemer").start(this::loop);
    }

    /** A quote arrived: redeem it now rather than at the next periodic pass. */
    public void wake() {
        signal.release();
    }

    private void loop() {
        while (!closed) {
            redeemDue();
            try {
                // a pass per arrival, and one a second for the retries that come due
                if (signal.tryAcquire(1, TimeUnit.SECONDS)) signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) return;
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
