package org.sharemint.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
                default -> respond(response, callback, 404, TEXT, "not found\n");
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

    /** Jetty sends the headers of a HEAD answer (Content-Length included) and drops its body. */
    private static void respond(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
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
