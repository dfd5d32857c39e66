package org.sharemint.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The answer of /api/v1/mint: the facts of a mint in this process (read at most every
 * {@value #CACHE_MS} ms, since they count ledger rows) and its blind signatures per second over
 * the last minute; or, for a pool whose mint is remote, only where it is and whether the link is up.
 */
public final class MintView {
    static final long CACHE_MS = 5_000;
    private static final int SAMPLES = 13;
    private static final long SAMPLE_MS = 5_000;

    /** The JSON of /api/v1/mint; fields a kind of mint has not are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String mode, String address, Boolean reachable, String note, List<MintFacts.KeysetInfo> keysets,
            Map<String, MintFacts.Amounts> quotesByState, MintFacts.Amounts redeemed, MintFacts.Counters sinceStart,
            Double signaturesPerSecond) {}

    private final String mode;
    private final MintSource source;
    private final String address;
    private final BooleanSupplier reachable;
    private final Clock clock;
    private final long[] sampleMs = new long[SAMPLES];
    private final long[] sampleCount = new long[SAMPLES];
    private int samples;
    private long nextSampleMs;
    private MintFacts cached;
    private long cachedAtMs;

    private MintView(String mode, MintSource source, String address, BooleanSupplier reachable, Clock clock) {
        this.mode = mode;
        this.source = source;
        this.address = address;
        this.reachable = reachable;
        this.clock = clock;
    }

    /** A mint in this process: "embedded" in a pool, "standalone" for the mint command. */
    public static MintView local(String mode, MintSource source, Clock clock) {
        MintView v = new MintView(mode, source, null, null, clock);
        v.advance(clock.millis());
        return v;
    }

    /** A pool's remote mint, reached over the mint link at {@code address}. */
    public static MintView remote(String address, BooleanSupplier reachable, Clock clock) {
        return new MintView("remote", null, address, reachable, clock);
    }

    /** Ticker: samples the signature counter every few seconds. */
    public synchronized void advance(long nowMs) {
        if (source == null || nowMs < nextSampleMs) return;
        nextSampleMs = nowMs + SAMPLE_MS;
        int i = samples % SAMPLES;
        sampleMs[i] = nowMs;
        sampleCount[i] = source.signaturesIssued();
        samples++;
    }

    public Answer answer() {
        if (source == null) {
            return new Answer(mode, address, reachable.getAsBoolean(),
                    "the mint runs in another process: its own monitor.listen serves /api/v1/mint", null, null, null, null, null);
        }
        MintFacts f = facts();
        return new Answer(mode, null, true, null, f.keysets(), f.quotesByState(), f.redeemed(), f.sinceStart(), signaturesPerSecond());
    }

    private synchronized MintFacts facts() {
        long now = clock.millis();
        if (cached == null || now - cachedAtMs >= CACHE_MS) {
            cached = source.facts();
            cachedAtMs = now;
        }
        return cached;
    }

    /** From the oldest sample of the last minute to a count read now. */
    private synchronized double signaturesPerSecond() {
        long now = clock.millis();
        long count = source.signaturesIssued();
        int n = Math.min(samples, SAMPLES);
        int oldest = samples <= SAMPLES ? 0 : samples % SAMPLES;
        if (n == 0) return 0;
        double seconds = (now - sampleMs[oldest]) / 1000.0;
        return seconds <= 0 ? 0 : (count - sampleCount[oldest]) / seconds;
    }
}
