package org.sharemint.monitor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.sharemint.metrics.Page;

/**
 * The dashboard and the monitoring API of one process, with the ticker that moves their figures
 * on: {@link #pages()} goes to the monitor server, {@link #close()} stops the ticker.
 */
public final class Monitor implements AutoCloseable {
    private final Map<String, Page> pages;
    private final Ticker ticker;

    private Monitor(Map<String, Page> pages, Ticker ticker) {
        this.pages = pages;
        this.ticker = ticker;
    }

    /** A pool's: the API, the dashboard at /, its share figures and its mint's (embedded or remote). */
    public static Monitor forPool(ShareStats shares, Supplier<PoolFacts> pool, MintView mint, Clock clock) {
        Map<String, Page> pages = new LinkedHashMap<>();
        pages.put(ApiPages.PREFIX, new ApiPages(shares, pool, mint, clock));
        pages.put("/", new DashboardPage());
        List<LongConsumer> steps = new ArrayList<>();
        steps.add(shares::advance);
        steps.add(mint::advance);
        return new Monitor(Map.copyOf(pages), Ticker.start(clock, steps));
    }

    /** A mint alone: /api/v1/mint. */
    public static Monitor forMint(MintView mint, Clock clock) {
        return new Monitor(Map.of(ApiPages.PREFIX, new ApiPages(null, null, mint, clock)), Ticker.start(clock, List.of(mint::advance)));
    }

    public Map<String, Page> pages() {
        return pages;
    }

    @Override
    public void close() {
        try {
            ticker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
