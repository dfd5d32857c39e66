package org.sharemint.pool;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;

/**
 * A mint double: a "ledger" map (unique share hash), optional refusal, and a gate that makes
 * {@link #createQuotes} block until the test opens it (a slow or hung mint). Like a real mint
 * it refuses requests past their deadline, unless told to ignore deadlines.
 */
final class TestIssuer implements QuoteIssuer {
    static final byte[] KEYSET = HexFormat.of().parseHex("00ad268c4d1f5826");

    final Map<String, QuoteResult.Quote> ledger = new ConcurrentHashMap<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final List<QuoteRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger returned = new AtomicInteger();
    volatile String refuseWith;
    volatile boolean ignoreDeadlines;
    private volatile CountDownLatch gate;
    /** Counted down each time a call reaches the gate. */
    final AtomicInteger waitingAtGate = new AtomicInteger();

    /** From now on createQuotes blocks until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }

    @Override
    public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
        calls.incrementAndGet();
        batchSizes.add(batch.size());
        requests.addAll(batch);
        CountDownLatch g = gate;
        if (g != null) {
            waitingAtGate.incrementAndGet();
            try {
                if (!g.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("test gate never opened");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                waitingAtGate.decrementAndGet();
            }
        }
        List<QuoteResult> out = new ArrayList<>(batch.size());
        long now = System.currentTimeMillis();
        for (QuoteRequest r : batch) {
            String hash = HexFormat.of().formatHex(r.shareHash());
            if (refuseWith != null) {
                out.add(new QuoteResult.Refused(refuseWith));
            } else if (!ignoreDeadlines && now > r.deadlineUnixMs()) {
                out.add(new QuoteResult.Refused("deadline-passed"));
            } else if (ledger.containsKey(hash)) {
                out.add(new QuoteResult.Refused("duplicate-share"));
            } else {
                QuoteResult.Quote q = new QuoteResult.Quote(UUID.randomUUID().toString(), KEYSET, r.amount());
                ledger.put(hash, q);
                out.add(q);
            }
        }
        returned.incrementAndGet();
        return out;
    }
}
