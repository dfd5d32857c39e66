package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sharemint.config.Config;
import org.sharemint.metrics.MonitorServer;

/** A job step that throws is retried at the next tick, and /health names stale jobs until they are fresh again. */
class JobClockTest {
    @Test
    void aFailingStepIsRetriedAndHealthNamesStaleJobs() throws Exception {
        PoolSettings s = PoolSettings.from(Config.of(Map.of("jobs.refresh-ms", "100", "jobs.block-interval-ms", "600000",
                "pool.noise", "false", "data.dir", "target/jobclock-test")));
        SyntheticChain chain = new SyntheticChain(Clock.systemUTC(), new SecureRandom(), s.tag());
        PoolContext ctx = new PoolContext(s, chain, new PoolMetrics(new org.sharemint.metrics.MetricsRegistry("sharemint_"), () -> 0), Clock.systemUTC(), System::nanoTime, 1,
                ChannelOpener.plain(s.maxFrameBytes()));
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        JobClock clock = new JobClock(ctx, chain::newBlock, () -> {
            calls.incrementAndGet();
            if (failing.get()) throw new IllegalStateException("job source down (test)");
            return chain.refresh();
        });
        try (JobClock c = clock.start();
                MonitorServer monitor = MonitorServer.start(new InetSocketAddress("127.0.0.1", 0), ctx.metrics.registry, c::problem);
                HttpClient http = HttpClient.newHttpClient()) {
            URI health = URI.create("http://127.0.0.1:" + monitor.address().getPort() + "/health");
            waiting().until(() -> calls.get() >= 3); // the clock went on after the first failure
            waiting().until(() -> get(http, health).statusCode() == 503);
            HttpResponse<String> r = get(http, health);
            assertTrue(r.body().startsWith("unhealthy: newest job is"), r.body());
            failing.set(false);
            waiting().until(() -> get(http, health).statusCode() == 200);
            assertEquals("ok\n", get(http, health).body());
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
