package org.sharemint.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The monitoring endpoint: {@code GET /metrics} (Prometheus text) and {@code GET /health}
 * ("ok", or 503 "unhealthy: REASON" while the health check names a problem). JDK HttpServer, one virtual
 * thread per exchange.
 */
public final class MonitorServer implements AutoCloseable {
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MonitorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} (port 0 = ephemeral) and starts serving; {@code problem} gives null while healthy, else the reason. */
    public static MonitorServer start(InetSocketAddress address, MetricsRegistry registry, Supplier<String> problem)
            throws IOException {
        return start(address, registry, problem, Map.of());
    }

    /**
     * As {@link #start(InetSocketAddress, MetricsRegistry, Supplier)}, also serving each of
     * {@code pagesByPathPrefix} for GETs of paths that begin with its key (the longest key that
     * matches wins; "/" catches every path nothing else takes).
     */
    public static MonitorServer start(InetSocketAddress address, MetricsRegistry registry, Supplier<String> problem,
            Map<String, Page> pagesByPathPrefix) throws IOException {
        HttpServer server = HttpServer.create(resolved(address), 64);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!allowGet(exchange)) return;
                respond(exchange, 200, PROMETHEUS_TYPE, registry.render());
            }
        });
        server.createContext("/health", exchange -> {
            try (exchange) {
                if (!allowGet(exchange)) return;
                String why = problem.get();
                respond(exchange, why == null ? 200 : 503, "text/plain; charset=utf-8", why == null ? "ok\n" : "unhealthy: " + why + "\n");
            }
        });
        pagesByPathPrefix.forEach((prefix, page) -> server.createContext(prefix, exchange -> {
            try (exchange) {
                if (!allowGet(exchange)) return;
                URI uri = exchange.getRequestURI();
                Page.Response r;
                try {
                    r = page.get(uri.getPath(), query(uri.getRawQuery()));
                } catch (RuntimeException e) {
                    Logger.error(e, "monitor: GET {} failed", uri.getPath());
                    r = Page.Response.text(500, "internal error\n");
                }
                respond(exchange, r.status(), r.contentType(), r.body());
            }
        }));
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("monitor-", 0).factory());
        server.setExecutor(executor);
        server.start();
        return new MonitorServer(server, executor);
    }

    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    private static boolean allowGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) return true;
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return false;
    }

    /** The query's parameters, decoded; the first value of a name wins; at most 32 of them. */
    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String part : raw.split("&", 33)) {
            if (q.size() == 32) break;
            int eq = part.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: that parameter is left out, the page sees it missing
            }
        }
        return q;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        respond(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.stop(0);
        executor.shutdown();
        Logger.debug("monitor server on {} stopped", server.getAddress());
    }
}
