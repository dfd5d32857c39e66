package org.sharemint.miner;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The miner's counters, shared by the hashing threads, the session reader and the redeemer. */
public final class MinerStats {
    final LongAdder hashes = new LongAdder();
    final LongAdder submitted = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder droppedStale = new LongAdder();
    final LongAdder quotesReceived = new LongAdder();
    final LongAdder quoteAmount = new LongAdder();
    final LongAdder quotesRedeemed = new LongAdder();
    final LongAdder connects = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

    void rejected(String code) {
        rejected.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public long hashes() {
        return hashes.sum();
    }

    public long submitted() {
        return submitted.sum();
    }

    /** Submits the pool acknowledged with SubmitShares.Success. */
    public long accepted() {
        return accepted.sum();
    }

    /** ShareQuote messages received (each recorded in the wallet before it was counted). */
    public long quotesReceived() {
        return quotesReceived.sum();
    }

    /** Sum of the amounts of the quotes received. */
    public long quoteAmount() {
        return quoteAmount.sum();
    }

    public long quotesRedeemed() {
        return quotesRedeemed.sum();
    }

    public long connects() {
        return connects.sum();
    }

    /** Rejections by SubmitShares.Error code, sorted by code. */
    public Map<String, Long> rejectedByCode() {
        Map<String, Long> m = new TreeMap<>();
        rejected.forEach((code, n) -> m.put(code, n.sum()));
        return m;
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
