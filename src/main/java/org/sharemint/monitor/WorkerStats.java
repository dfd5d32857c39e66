package org.sharemint.monitor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's figures (a locking key and a worker name): difficulty sums in the time slots of
 * the three {@link Window}s, counts, and when it was last seen. Everything lives in one
 * {@code long[]}: writes are compare-and-set adds on it (share threads, any number at once) and
 * the slot about to become current is cleared by the table's ticker, so the share path takes no
 * lock and allocates nothing.
 */
public final class WorkerStats {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int W1 = 0;
    private static final int W10 = W1 + Window.ONE_MINUTE.slots;
    private static final int W60 = W10 + Window.TEN_MINUTES.slots;
    private static final int ACCEPTED = W60 + Window.ONE_HOUR.slots;
    private static final int REJECTED = ACCEPTED + 1;
    private static final int QUOTES = REJECTED + 1;
    private static final int ECASH = QUOTES + 1;
    private static final int SIZE = ECASH + 1;

    final String lockingKey;
    final String name;
    final long firstSeenMs;
    private final WorkerTable table;
    private final long[] v = new long[SIZE];
    private volatile long lastSeenMs;
    private volatile long lastShareMs;
    private volatile boolean forgotten;

    WorkerStats(WorkerTable table, String lockingKey, String name, long nowMs) {
        this.table = table;
        this.lockingKey = lockingKey;
        this.name = name;
        this.firstSeenMs = nowMs;
        this.lastSeenMs = nowMs;
    }

    /** A valid share taken for its quote: its target difficulty counts toward the hashrate now. */
    public void valid(double difficulty) {
        WorkerTable.Now now = table.now();
        Slots.add(v, W1 + now.slot1m(), difficulty);
        Slots.add(v, W10 + now.slot10m(), difficulty);
        Slots.add(v, W60 + now.slot1h(), difficulty);
        if (now.ms() > lastShareMs) lastShareMs = now.ms();
    }

    /**
     * A share acknowledged (its quote durable): when {@code quoted}, its quote carries
     * {@code quoteAmount} of ecash (an unsigned 64-bit amount).
     */
    public void accepted(boolean quoted, long quoteAmount) {
        LONGS.getAndAdd(v, ACCEPTED, 1L);
        if (quoted) {
            LONGS.getAndAdd(v, QUOTES, 1L);
            // 2^63 is Long.MIN_VALUE on the wire
            Slots.add(v, ECASH, quoteAmount < 0 ? 0x1p63 : (double) quoteAmount);
        }
        seenShare();
    }

    /** A share refused (by the checks, or the mint's refusal or timeout). */
    public void rejected() {
        LONGS.getAndAdd(v, REJECTED, 1L);
        seenShare();
    }

    /** To the ticker's second: the share path reads no clock. */
    private void seenShare() {
        long ms = table.now().ms();
        // never backwards: a channel opening reads the clock itself, ahead of the ticker's second
        if (ms > lastShareMs) lastShareMs = ms;
        if (ms > lastSeenMs) lastSeenMs = ms;
    }

    /** Its channel opened (or is still open): seen now, though no share came. */
    void seen(long nowMs) {
        if (nowMs > lastSeenMs) lastSeenMs = nowMs;
    }

    /** True once the table dropped it (unseen for a day, or over the cap): get a fresh one from the table. */
    public boolean forgotten() {
        return forgotten;
    }

    void forget() {
        forgotten = true;
    }

    long lastSeenMs() {
        return lastSeenMs;
    }

    long lastShareMs() {
        return lastShareMs;
    }

    long acceptedCount() {
        return (long) LONGS.getVolatile(v, ACCEPTED);
    }

    long rejectedCount() {
        return (long) LONGS.getVolatile(v, REJECTED);
    }

    long quotesCount() {
        return (long) LONGS.getVolatile(v, QUOTES);
    }

    double ecash() {
        return Slots.get(v, ECASH);
    }

    /** Hashes per second over {@code w} at {@code nowMs} (the span is at most the time since first seen). */
    double hashrate(Window w, long nowMs) {
        int base = base(w);
        double sum = 0;
        for (int i = 0; i < w.slots; i++) sum += Slots.get(v, base + i);
        // a worker younger than a tick is judged over its own life (at least a second), not over a whole tick
        long span = Math.min(w.spanMs(nowMs), Math.max(1_000, nowMs - firstSeenMs));
        return Hashrate.perSecond(sum, span / 1000.0);
    }

    /** Ticker: the slots of tick {@code next} start empty (cleared before writers are told of it). */
    void clearFor(long next) {
        for (Window w : Window.values()) {
            if (next % w.ticksPerSlot == 0) Slots.clear(v, base(w) + w.index(next));
        }
    }

    private static int base(Window w) {
        return switch (w) {
            case ONE_MINUTE -> W1;
            case TEN_MINUTES -> W10;
            case ONE_HOUR -> W60;
        };
    }

    /** Bytes one worker holds, roughly (its array, the object, its map entry; the strings are extra). */
    static long approximateBytes() {
        return 16 + 8L * SIZE + 64 + 64;
    }
}
