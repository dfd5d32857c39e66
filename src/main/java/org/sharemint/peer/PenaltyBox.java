package org.sharemint.peer;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Addresses whose connection was just closed for misbehaviour, with the time until which their
 * next connections wait before they are served. A peer that reconnects at once to misbehave
 * again then holds a socket that costs nothing but waits, instead of making the listener pay
 * for a fresh connection, set-up and budget every few milliseconds. Bounded: at most
 * {@code maxEntries} addresses (expired ones are dropped first; when all are live, a new address
 * is not boxed). Thread-safe.
 */
public final class PenaltyBox {
    private final long penaltyNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Long> until = new ConcurrentHashMap<>();

    public PenaltyBox(long penaltyNanos, int maxEntries, LongSupplier nanoTime) {
        this.penaltyNanos = penaltyNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** {@code address} misbehaved now: its connections from now on wait the penalty. */
    public void penalize(InetAddress address) {
        if (address == null || penaltyNanos <= 0) return;
        long now = nanoTime.getAsLong();
        if (until.size() >= maxEntries && !until.containsKey(address)) {
            for (Iterator<Long> it = until.values().iterator(); it.hasNext(); ) {
                if (it.next() - now <= 0) it.remove();
            }
            if (until.size() >= maxEntries) return;
        }
        until.put(address, now + penaltyNanos);
    }

    /** How long a connection from {@code address} should wait now, in nanoseconds (0: none). */
    public long waitNanos(InetAddress address) {
        if (address == null) return 0;
        Long u = until.get(address);
        if (u == null) return 0;
        long left = u - nanoTime.getAsLong();
        if (left <= 0) {
            until.remove(address, u);
            return 0;
        }
        return left;
    }

    /** Addresses boxed now (expired ones included until they are next looked at). */
    public int size() {
        return until.size();
    }
}
