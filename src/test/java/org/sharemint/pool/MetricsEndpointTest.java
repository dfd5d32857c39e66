package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;

/** /metrics and /health over real HTTP after real traffic. */
class MetricsEndpointTest {
    @TempDir
    Path dir;

    @Test
    void countersFollowTheTraffic() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("share.batch-size", "2")); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            for (int seq = 1; seq <= 4; seq++) c.submit(c.findShare(ch, true), seq);
            c.send(new SubmitSharesStandard(ch.id, 5, 999_999, 0, 0, 0));
            c.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == 5);
            waiting().until(() -> c.all(SubmitSharesSuccess.class, s -> true).size() == 2);

            String m = pool.scrape("/metrics");
            assertEquals(1, PoolFixture.sample(m, "sharemint_connections_open"));
            assertEquals(1, PoolFixture.sample(m, "sharemint_channels_open"));
            assertEquals(4, PoolFixture.sample(m, "sharemint_shares_received_total{result=\"accepted\"}"));
            assertEquals(1, PoolFixture.sample(m, "sharemint_shares_received_total{result=\"invalid-job-id\"}"));
            assertEquals(0, PoolFixture.sample(m, "sharemint_shares_pending"));
            assertEquals(4, PoolFixture.sample(m, "sharemint_quotes_created_total"));
            assertEquals(0, PoolFixture.sample(m, "sharemint_quotes_failed_total"));
            assertEquals(0, PoolFixture.sample(m, "sharemint_quotes_timed_out_total"));
            assertEquals(4, PoolFixture.sample(m, "sharemint_delayed_responses_total"));
            assertEquals(2, PoolFixture.sample(m, "sharemint_batch_responses_total"));
            assertEquals(4, PoolFixture.sample(m, "sharemint_share_quotes_total"));
            assertEquals(0, PoolFixture.sample(m, "sharemint_timeout_errors_total"));
            assertEquals(0, PoolFixture.sample(m, "sharemint_mint_queue_depth"));
            // nbits 0x207fffff is easier than any channel target: every accepted share is a block
            assertEquals(4, PoolFixture.sample(m, "sharemint_blocks_found_total"));
            assertEquals(5, PoolFixture.sample(m, "sharemint_reply_latency_seconds_count"));
            assertEquals(5, PoolFixture.sample(m, "sharemint_reply_latency_seconds_bucket{le=\"+Inf\"}"));
            assertEquals(4, pool.issuer.batchSizes.stream().mapToInt(Integer::intValue).sum());
            assertEquals(pool.issuer.batchSizes.size(), PoolFixture.sample(m, "sharemint_mint_batch_size_count"));
            assertEquals(pool.issuer.batchSizes.size(), PoolFixture.sample(m, "sharemint_mint_batch_seconds_count"));
            assertTrue(m.contains("# TYPE sharemint_reply_latency_seconds histogram"), m);

            try (HttpClient http = HttpClient.newHttpClient()) {
                URI base = URI.create("http://127.0.0.1:" + pool.server.monitorAddress().getPort());
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertEquals("ok\n", health.body());
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
                HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, post.statusCode());
            }
        }
    }
}
