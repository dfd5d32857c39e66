package org.sharemint.bench;

import java.util.Map;

/**
 * What one timed phase of the load measured.
 *
 * @param mode the pool configuration under test (full, immediate ack, batch)
 * @param offeredPerSecond the paced submit rate, or 0 for a closed loop (as fast as replies come)
 * @param seconds the measured interval (warm-up excluded)
 * @param accepted shares acknowledged by SubmitShares.Success in the interval (batched ones counted by new_submits_accepted_count)
 * @param errors SubmitShares.Error received in the interval, by error code
 * @param latency submit-to-reply latency of every share answered in the interval
 * @param poolCpuSeconds CPU time (user + system) the pool process used in the interval
 * @param generatorCpuSeconds CPU time this generator process used in the interval
 * @param poolRssBytes the pool's VmRSS at the end of the interval
 * @param poolHeapBytes the pool's used heap at the end of the interval, -1 when unknown
 * @param targetChanges SetTarget messages received (a vardiff change invalidates prepared shares)
 * @param pool the pool's own metrics over the interval
 * @param otherCpuSeconds CPU time the rest of the machine used in the interval (neither pool nor
 *     generator): other work competing for the cores, NaN when unknown
 */
public record PhaseResult(
        Mode mode,
        int connections,
        int window,
        double offeredPerSecond,
        double seconds,
        long accepted,
        Map<String, Long> errors,
        LatencyHistogram latency,
        double poolCpuSeconds,
        double generatorCpuSeconds,
        long poolRssBytes,
        long poolHeapBytes,
        long targetChanges,
        PoolView pool,
        double otherCpuSeconds) {

    public double acceptedPerSecond() {
        return seconds > 0 ? accepted / seconds : 0;
    }

    public long errorCount() {
        long n = 0;
        for (long v : errors.values()) n += v;
        return n;
    }

    /** Pool CPU per accepted share in microseconds; what 2 cores allow when the generator is elsewhere. */
    public double poolCpuMicrosPerShare() {
        return accepted > 0 ? poolCpuSeconds * 1e6 / accepted : 0;
    }

    public boolean paced() {
        return offeredPerSecond > 0;
    }

    /** "max" for the closed loop, else the offered rate. */
    public String load() {
        return paced() ? String.format("%,.0f/s paced", offeredPerSecond) : "max";
    }
}
