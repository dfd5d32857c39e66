package org.sharemint.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * The connection-scale phase: N Noise connections that each finish the handshake,
 * SetupConnection and a channel open, then sit idle; the pool's resident memory and live heap
 * before and after (each after a full GC, RSS once it settled) give its cost per idle connection.
 */
final class IdleScale {
    private IdleScale() {}

    static IdleResult run(PoolProcess pool, Connector connector, int count, int concurrency, List<String> warnings)
            throws IOException, InterruptedException {
        long heap0 = pool.heapHistogram(0).liveBytes(); // after a full GC
        long rss0 = pool.settledRssBytes();
        Link[] links = new Link[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger established = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        double cpu0 = pool.cpuSeconds();
        long t0 = System.nanoTime();
        try {
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < Math.min(concurrency, count); w++) {
                    ex.submit(() -> {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            Link link = null;
                            try {
                                link = connector.connect(i);
                                // no key in the identity: the pool's ehash.default-locking-key locks these channels
                                ChannelOpener.open(link, "bench.idle" + i, false, "idle-" + i);
                                links[i] = link;
                                established.incrementAndGet();
                            } catch (IOException | RuntimeException e) {
                                if (firstFailure.compareAndSet(null, e.toString())) Logger.warn("idle connection {} failed: {}", i, e.toString());
                                LoadRunner.closeQuietly(link);
                            }
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = pool.cpuSeconds() - cpu0;
            PoolProcess.HeapHistogram after = pool.heapHistogram(15); // after a full GC
            long rss1 = pool.settledRssBytes(); // once G1 has given back what the full GC freed
            if (established.get() < count) warnings.add((count - established.get()) + " of " + count + " idle connections failed; first: " + firstFailure.get());
            return new IdleResult(count, established.get(), seconds, cpu, rss0, rss1, heap0, after.liveBytes(), firstFailure.get(), after.top());
        } finally {
            for (Link l : links) LoadRunner.closeQuietly(l);
        }
    }
}
