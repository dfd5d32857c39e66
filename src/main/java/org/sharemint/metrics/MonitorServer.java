package org.sharemint.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sharemint.http.HttpLimits;
import org.sharemint.http.HttpListener;
import org.tinylog.Logger;

/**
 * The monitoring endpoint: {@code GET /metrics} (Prometheus text) and {@code GET /health}
 * ("ok", or 503 "unhealthy: REASON" while the health check names a problem), HEAD too. An
 * {@link HttpListener} with {@link HttpLimits#MONITOR}: one virtual thread per request.
 */
public final class MonitorServer implements AutoCloseable {
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MonitorServer(HttpListener listener) {
        this.listener = listener;
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
        List<Map.Entry<String, Page>> pages = pagesByPathPrefix.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Page> e) -> e.getKey().length()).reversed())
                .toList();
        Request.Handler handler = (request, response, callback) -> {
            String path = request.getHttpURI().getPath();
            switch (path == null ? "" : path) {
                case "/metrics" -> {
                    if (allowGet(request, response, callback)) respond(response, callback, 200, PROMETHEUS_TYPE, registry.render());
                }
                case "/health" -> {
                    if (!allowGet(request, response, callback)) break;
                    String why = problem.get();
                    respond(response, callback, why == null ? 200 : 503, TEXT, why == null ? "ok\n" : "unhealthy: " + why + "\n");
                }
                default -> {
                    Page page = path == null ? null : pages.stream().filter(e -> path.startsWith(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    if (page == null) {
                        respond(response, callback, 404, TEXT, "not found\n");
                    } else if (allowGet(request, response, callback)) {
                        Page.Response r;
                        try {
                            r = page.get(path, query(request.getHttpURI().getQuery()));
                        } catch (RuntimeException e) {
                            Logger.error(e, "monitor: GET {} failed", path);
                            r = Page.Response.text(500, "internal error\n");
                        }
                        respond(response, callback, r.status(), r.contentType(), r.body());
                    }
                }
            }
            return true;
        };
        return new MonitorServer(HttpListener.start("monitor", address, HttpLimits.MONITOR, handler));
    }

    private static boolean allowGet(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) return true;
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        respond(response, callback, 405, TEXT, "method not allowed\n");
        return false;
    }

    private static void respond(Response response, Callback callback, int status, String type, String body) {
        respond(response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Jetty sends the headers of a HEAD answer (Content-Length included) and drops its body. */
    private static void respond(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body), callback);
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

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        listener.close();
        Logger.debug("monitor server on {} stopped", listener.address());
    }
}
