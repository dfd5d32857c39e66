package org.sharemint.pool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sharemint.monitor.PoolFacts;

/** The pool's facts for /api/v1/pool, read from its metrics, its job clock and its mint at each request. */
final class MonitorFacts implements Supplier<PoolFacts> {
    private final PoolMetrics metrics;
    private final String jobSource;
    private final Supplier<String> jobProblem;
    private final PoolFacts.MintLink mintLink;
    private final java.util.function.BooleanSupplier mintReachable;

    MonitorFacts(PoolMetrics metrics, String jobSource, Supplier<String> jobProblem, String mintMode, String mintAddress,
            java.util.function.BooleanSupplier mintReachable) {
        this.metrics = metrics;
        this.jobSource = jobSource;
        this.jobProblem = jobProblem;
        this.mintLink = new PoolFacts.MintLink(mintMode, true, mintAddress);
        this.mintReachable = mintReachable;
    }

    @Override
    public PoolFacts get() {
        Map<String, Long> byResult = new LinkedHashMap<>();
        for (String r : PoolMetrics.RESULTS) byResult.put(r, metrics.sharesReceived.get(r));
        byResult.put("other", metrics.sharesReceived.total() - byResult.values().stream().mapToLong(Long::longValue).sum());
        String problem = jobProblem.get();
        return new PoolFacts(metrics.connectionsOpen.get(), metrics.channelsOpen.get(), metrics.sharesPending.get(), byResult,
                new PoolFacts.Blocks(metrics.blocksFound.get(), metrics.blockLog.count(), metrics.blockLog.last()),
                new PoolFacts.JobSource(jobSource, problem == null, problem),
                new PoolFacts.MintLink(mintLink.mode(), mintReachable.getAsBoolean(), mintLink.address()));
    }
}
