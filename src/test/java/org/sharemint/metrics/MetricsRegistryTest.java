package org.sharemint.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

    @Test
    void bucketBoundsArePlainDecimalNumbers() {
        MetricsRegistry r = new MetricsRegistry("x_");
        long ms = 1_000_000L;
        // 30_000 ms * 1e-9 in binary floating point is 30.000000000000004
        Histogram h = r.histogram("wait_seconds", "wait", new long[] {100_000L, 2500 * ms, 30_000 * ms, 7_000_000_000_000L}, 1e-9);
        h.observe(100_000L);
        h.observe(200_000L);
        String text = r.render();
        assertTrue(text.contains("x_wait_seconds_bucket{le=\"0.0001\"} 1\n"), text);
        assertTrue(text.contains("x_wait_seconds_bucket{le=\"2.5\"} 2\n"), text);
        assertTrue(text.contains("x_wait_seconds_bucket{le=\"30\"} 2\n"), text);
        assertTrue(text.contains("x_wait_seconds_bucket{le=\"7000\"} 2\n"), text);
        assertTrue(text.contains("x_wait_seconds_sum 0.0003\n"), text);
        Histogram sizes = r.histogram("batch_size", "sizes", new long[] {1, 64}, 1);
        sizes.observe(3);
        assertTrue(r.render().contains("x_batch_size_bucket{le=\"64\"} 1\nx_batch_size_bucket{le=\"+Inf\"} 1\nx_batch_size_sum 3\n"), r.render());
    }

    @Test
    void aCounterTableShowsTheCountedPairsAndCountsUndeclaredValuesAsOther() {
        MetricsRegistry r = new MetricsRegistry("x_");
        CounterTable t = r.counterTable("requests_total", "requests", "endpoint", List.of("GET /a", "POST /b"), "status", List.of("200", "400"));
        t.inc("GET /a", "200");
        t.inc("GET /a", "200");
        t.inc("POST /b", "418");
        t.inc("/nowhere", "404");
        String text = r.render();
        assertEquals("# HELP x_requests_total requests\n# TYPE x_requests_total counter\n"
            + "x_requests_total{endpoint=\"GET /a\",status=\"200\"} 2\n"
            + "x_requests_total{endpoint=\"POST /b\",status=\"other\"} 1\n"
            + "x_requests_total{endpoint=\"other\",status=\"other\"} 1\n", text);
        assertEquals(2, t.get("GET /a", "200"));
        assertEquals(1, t.get("anything", "else"));
    }

    @Test
    void infoLabelsAreSortedAndEscaped() {
        MetricsRegistry r = new MetricsRegistry("x_");
        r.info("build_info", "build", Map.of("version", "1.0 \"q\" \\ \n", "java", "25"));
        assertTrue(r.render().endsWith("x_build_info{java=\"25\",version=\"1.0 \\\"q\\\" \\\\ \\n\"} 1\n"), r.render());
    }

    @Test
    void aProcessRegistryHasTheBuildTheProcessAndTheJvm() {
        String text = MetricsRegistry.forProcess("x_", MetricsRegistryTest.class).render();
        assertTrue(text.contains("x_build_info{java=\"" + Runtime.version() + "\",version=\"dev\"} 1\n"), text);
        for (String family : List.of("process_cpu_seconds_total counter", "process_start_time_seconds gauge", "process_open_fds gauge",
                "process_max_fds gauge", "process_resident_memory_bytes gauge", "process_virtual_memory_bytes gauge",
                "jvm_memory_used_bytes gauge", "jvm_threads_current gauge", "jvm_threads_started_total counter",
                "jvm_gc_collection_seconds summary", "jvm_info gauge", "jvm_classes_loaded_total counter")) {
            assertTrue(text.contains("# TYPE " + family + "\n"), family + " in\n" + text);
        }
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"} "), text);
    }
}
