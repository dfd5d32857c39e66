package org.sharemint.wallet;

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
        return redeemDue(() -> true);
    }

    private int redeemDue(java.util.function.BooleanSupplier keepGoing) {
        int n = 0;
        List<WalletStore.Quote> due;
        try {
            due = wallet.store().dueQuotes(clock.millis(), BATCH);
        } catch (IOException e) {
            Logger.error("cannot read the wallet's quotes: {}", e.getMessage());
            return 0;
        }
        for (WalletStore.Quote q : due) {
            if (!keepGoing.getAsBoolean()) break;
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
                break; // the mint is unreachable or failing: the next pass tries again rather than every quote now
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

    /**
     * Redeems what is due until nothing is, or {@code timeoutMs} has passed (on shutdown: the
     * quotes already received are worth finishing; any left wait for the next run).
     */
    public void drain(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        java.util.function.BooleanSupplier inTime = () -> System.nanoTime() < deadline;
        try {
            while (inTime.getAsBoolean() && !wallet.store().dueQuotes(clock.millis(), 1).isEmpty()) {
                redeemDue(inTime);
            }
        } catch (IOException e) {
            Logger.error("cannot read the wallet's quotes: {}", e.getMessage());
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
            redeemDue(() -> !closed);
            try {
                // a pass per arrival, and one a second for the retries that come due
                if (signal.tryAcquire(1, TimeUnit.SECONDS)) signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops the background thread: it finishes the quote it is at (each request is bounded by
     * the HTTP timeout), then ends; interrupted only if it does not within 40 s.
     */
    @Override
    public void close() {
        closed = true;
        signal.release();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) return;
        try {
            if (!t.join(java.time.Duration.ofSeconds(40))) {
                t.interrupt();
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
