package org.sharemint.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's share figures over time, for the API and the dashboard's charts: accepted share
 * difficulty (hashrate), accepted and refused shares, and the deferral latency of accepted shares
 * (submit received to reply queued), in 5-second slots. The last minute is kept live (striped
 * adders: the share path takes no lock and allocates nothing); each slot the ticker closes is
 * written to an hour of history. Workers have their own figures in {@link #workers()}.
 */
public final class ShareStats {
    static final long SLOT_MS = 5_000;
    /** Live slots: a minute of complete ones and the current one. */
    private static final int LIVE = 13;
    /** Closed slots kept: an hour. */
    static final int HISTORY = 720;

    private static final class Slot {
        final DoubleAdder difficulty = new DoubleAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LatencyBuckets latency = new LatencyBuckets();

        void clear() {
            difficulty.reset();
            accepted.reset();
            rejected.reset();
            latency.clear();
        }
    }

    private final Clock clock;
    private final long startMs;
    private final WorkerTable workers;
    private final Slot[] live = new Slot[LIVE];
    private volatile long current;
    /** live[current % LIVE], published with it: the share path reads one volatile and divides nothing. */
    private volatile Slot currentSlot;
    // history: written by the ticker, read by HTTP threads, both under the lock of the arrays' owner (this)
    private final long[] slotNo = new long[HISTORY];
    private final double[] difficulty = new double[HISTORY];
    private final long[] accepted = new long[HISTORY];
    private final long[] rejected = new long[HISTORY];
    private final Double[] p50 = new Double[HISTORY];
    private final Double[] p99 = new Double[HISTORY];

    public ShareStats(Clock clock, int maxWorkers) {
        this.clock = clock;
        this.startMs = clock.millis();
        this.workers = new WorkerTable(clock, maxWorkers);
        for (int i = 0; i < LIVE; i++) live[i] = new Slot();
        this.current = startMs / SLOT_MS;
        this.currentSlot = live[(int) (current % LIVE)];
        java.util.Arrays.fill(slotNo, -1);
    }

    public WorkerTable workers() {
        return workers;
    }

    /**
     * A valid share taken for its quote: its target difficulty counts toward the hashrate now,
     * whatever the mint then answers (the work was done; the estimate does not wait for the mint).
     */
    public void valid(double shareDifficulty) {
        Slot s = currentSlot;
        s.difficulty.add(shareDifficulty);
        s.accepted.increment();
    }

    /** A share acknowledged once its quote was durable, {@code latencyNanos} after it came (the deferral latency). */
    public void answered(long latencyNanos) {
        currentSlot.latency.add(latencyNanos);
    }

    /** A share refused: by the checks, the mint's queue, the mint, its deadline or shutdown. */
    public void rejected() {
        currentSlot.rejected.increment();
    }

    /** Ticker: closes the slots that ended by {@code nowMs} into the history and moves the workers' slots on. */
    public void advance(long nowMs) {
        long next = nowMs / SLOT_MS;
        long from = current;
        if (next > from) {
            synchronized (this) {
                for (long n = Math.max(from, next - HISTORY); n < next; n++) {
                    Slot s = live[(int) (n % LIVE)];
                    int h = (int) (n % HISTORY);
                    long[] lat = LatencyBuckets.empty();
                    s.latency.sumInto(lat);
                    slotNo[h] = n;
                    difficulty[h] = s.difficulty.sum();
                    accepted[h] = s.accepted.sum();
                    rejected[h] = s.rejected.sum();
                    p50[h] = LatencyBuckets.quantileMs(lat, 0.5);
                    p99[h] = LatencyBuckets.quantileMs(lat, 0.99);
                    // the slot after n starts empty; it held n + 1 - LIVE, closed long ago
                    live[(int) ((n + 1) % LIVE)].clear();
                }
            }
            current = next;
            currentSlot = live[(int) (next % LIVE)];
        }
        workers.advance(nowMs);
    }

    public long startMs() {
        return startMs;
    }

    /** Hashrate of one window: hashes/s, the shares it rests on, and the estimate's relative standard error. */
    public record Rate(double hashesPerSecond, long shares, double seconds, double relativeError) {}

    /** Valid and refused shares of the last minute, and the deferral latency percentiles of the shares acknowledged in it. */
    public record LastMinute(long accepted, long refused, Double deferralP50Ms, Double deferralP99Ms) {}

    public Rate rate1m() {
        long now = clock.millis();
        double sum = 0;
        long n = 0;
        for (Slot s : live) {
            sum += s.difficulty.sum();
            n += s.accepted.sum();
        }
        return rate(sum, n, (LIVE - 1) * SLOT_MS + now % SLOT_MS, now);
    }

    public Rate rate10m() {
        return rateOver(120);
    }

    public Rate rate1h() {
        return rateOver(HISTORY);
    }

    /** {@code slots} closed slots from the history and the current one. */
    private Rate rateOver(int slots) {
        long now = clock.millis();
        long cur = current;
        Slot s = live[(int) (cur % LIVE)];
        double sum = s.difficulty.sum();
        long n = s.accepted.sum();
        synchronized (this) {
            for (long k = cur - slots; k < cur; k++) {
                int h = (int) Math.floorMod(k, (long) HISTORY);
                if (slotNo[h] != k) continue;
                sum += difficulty[h];
                n += accepted[h];
            }
        }
        return rate(sum, n, slots * SLOT_MS + now % SLOT_MS, now);
    }

    private Rate rate(double sum, long n, long spanMs, long now) {
        long span = Math.max(1000, Math.min(spanMs, now - startMs));
        double seconds = span / 1000.0;
        return new Rate(Hashrate.perSecond(sum, seconds), n, seconds, Hashrate.relativeError(n));
    }

    public LastMinute lastMinute() {
        long acc = 0;
        long rej = 0;
        long[] lat = LatencyBuckets.empty();
        for (Slot s : live) {
            acc += s.accepted.sum();
            rej += s.rejected.sum();
            s.latency.sumInto(lat);
        }
        return new LastMinute(acc, rej, LatencyBuckets.quantileMs(lat, 0.5), LatencyBuckets.quantileMs(lat, 0.99));
    }

    /**
     * The last hour in 5-second points, oldest first: what the dashboard charts. Each point's
     * hashrate is over the minute that ends with it (one slot's few shares would be mostly noise).
     */
    public record History(List<Long> unixSeconds, @JsonProperty("hashrate_1m") List<Double> hashrate1m, List<Double> acceptedPerSecond, List<Double> refusedPerSecond,
            List<Double> deferralP50Ms, List<Double> deferralP99Ms) {}

    public synchronized History history() {
        long cur = current;
        List<Long> t = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        List<Double> rej = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        double slotSeconds = SLOT_MS / 1000.0;
        for (long k = Math.max(cur - HISTORY, startMs / SLOT_MS); k < cur; k++) {
            int h = (int) Math.floorMod(k, (long) HISTORY);
            t.add((k + 1) * SLOT_MS / 1000);
            boolean have = slotNo[h] == k;
            double minute = 0;
            for (long m = k - (LIVE - 2); m <= k; m++) {
                int i = (int) Math.floorMod(m, (long) HISTORY);
                if (slotNo[i] == m) minute += difficulty[i];
            }
            long spanMs = Math.min((LIVE - 1) * SLOT_MS, (k + 1) * SLOT_MS - startMs);
            rate.add(Hashrate.perSecond(minute, Math.max(1000, spanMs) / 1000.0));
            acc.add(have ? accepted[h] / slotSeconds : 0.0);
            rej.add(have ? rejected[h] / slotSeconds : 0.0);
            lo.add(have ? p50[h] : null);
            hi.add(have ? p99[h] : null);
        }
        return new History(t, rate, acc, rej, lo, hi);
    }
}
