package org.sharemint.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
    @Test
    void rendersThePrometheusTextFormat() {
        MetricsRegistry r = new MetricsRegistry("x_");
        Counter c = r.counter("events_total", "events");
        AtomicLong depth = new AtomicLong(7);
        r.gauge("depth", "queue depth", depth::get);
        LabeledCounter l = r.labeledCounter("results_total", "by result", "result", List.of("ok", "bad"));
        Histogram h = r.histogram("latency_seconds", "latency", new long[] {1_000_000, 10_000_000}, 1e-9);
        c.inc();
        c.add(2);
        l.inc("ok");
        l.inc("ok");
        l.inc("surprise");
        h.observe(500_000);
        h.observe(5_000_000);
        h.observe(50_000_000);
        String text = r.render();
        assertTrue(text.contains("# HELP x_events_total events\n# TYPE x_events_total counter\nx_events_total 3\n"), text);
        assertTrue(text.contains("# TYPE x_depth gauge\nx_depth 7\n"), text);
        assertTrue(text.contains("x_results_total{result=\"ok\"} 2\n"), text);
        assertTrue(text.contains("x_results_total{result=\"bad\"} 0\n"), text);
        assertTrue(text.contains("x_results_total{result=\"other\"} 1\n"), text);
        assertTrue(text.contains("x_latency_seconds_bucket{le=\"0.001\"} 1\n"), text);
        assertTrue(text.contains("x_latency_seconds_bucket{le=\"0.01\"} 2\n"), text);
        assertTrue(text.contains("x_latency_seconds_bucket{le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("x_latency_seconds_count 3\n"), text);
        assertTrue(text.contains("x_latency_seconds_sum 0.0555\n"), text);
        assertEquals(3, l.total());
    }

    @Test
    void namesAreUniqueAndBucketsIncrease() {
        MetricsRegistry r = new MetricsRegistry("x_");
        r.counter("a", "a");
        assertThrows(IllegalArgumentException.class, () -> r.counter("a", "again"));
        assertThrows(IllegalArgumentException.class, () -> r.histogram("h", "h", new long[] {5, 5}, 1));
    }
}
