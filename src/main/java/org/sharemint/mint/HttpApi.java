package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sharemint.http.HttpLimits;
import org.sharemint.http.HttpListener;
import org.sharemint.metrics.CounterTable;
import org.tinylog.Logger;

/**
 * The Cashu HTTP API: an {@link HttpListener} (Jetty, one virtual thread per request, bounded
 * connections and read times), a fixed route table. Each request is read with a bound (1 MiB)
 * before parsing, dispatched, and answered with JSON: 200 with the result, 400
 * {@code {"detail","code"}} for anything the request got wrong, 404/405 for unknown paths and
 * methods. A ledger failure is a 503; a bug is a 500 with no details sent (the stack trace goes to
 * the log only). Errors of the HTTP layer itself (broken chunks, bad URIs, headers too large, a
 * stalled body) are JSON too.
 */
final class HttpApi implements AutoCloseable {
    private final List<Route> routes;
    private final CounterTable requests;
    private HttpListener listener;

    private HttpApi(List<Route> routes, CounterTable requests) {
        this.routes = routes;
        this.requests = requests;
    }

    /** {@code requests} counts every answer by {@link Route#endpoint()} ("other" for none) and status. */
    static HttpApi start(InetSocketAddress listen, HttpLimits limits, List<Route> routes, CounterTable requests) throws IOException {
        HttpApi api = new HttpApi(List.copyOf(routes), requests);
        api.listener = HttpListener.start("mint-http", listen, limits, api::handle);
        return api;
    }

    InetSocketAddress address() {
        return listener.address();
    }

    private boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        Route route = null;
        try {
            route = route(method, path);
            JsonNode body = route.hasBody() ? Json.parse(readBody(request)) : null;
            respond(response, callback, route, 200, route.handler().handle(route.match(path), body), null);
        } catch (CashuException e) {
            Logger.debug("{} {} -> {} {}", method, path, e.code(), e.detail());
            respond(response, callback, route, 400, error(e.detail(), e.code()), null);
        } catch (NotFound e) {
            respond(response, callback, null, e.status, error(e.getMessage(), CashuException.BAD_REQUEST), e.allow);
        } catch (SQLException e) {
            Logger.error("{} {}: ledger failed: {}", method, path, e.toString());
            respond(response, callback, route, 503, error("ledger unavailable, try again later", CashuException.BAD_REQUEST), null);
        } catch (IOException e) {
            // a broken or stalled body (bad chunk, idle, too slow): answered, and the connection closes
            Logger.debug("{} {} from {}: body unreadable: {}", method, path, Request.getRemoteAddr(request), e.toString());
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            respond(response, callback, route, unreadableStatus(e), error("request body unreadable: " + reason(e), CashuException.BAD_REQUEST), null);
        } catch (RuntimeException e) {
            Logger.error(e, "{} {}: internal error", method, path);
            respond(response, callback, route, 500, error("internal error", CashuException.BAD_REQUEST), null);
        }
        return true;
    }

    /** The endpoint of a request, or 404 / 405 (HEAD goes where GET goes). */
    private Route route(String method, String path) throws NotFound {
        String wanted = method.equals("HEAD") ? "GET" : method; // HEAD is GET without the body (Jetty drops it)
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.match(path) == null) continue;
            if (!r.method().equals(wanted)) {
                allowed.add(r.method());
                continue;
            }
            return r;
        }
        if (!allowed.isEmpty()) throw new NotFound(405, method + " not allowed on " + path, String.join(", ", allowed));
        throw new NotFound(404, "not found: " + path, null);
    }

    /** The body, at most {@link Json#MAX_BODY_BYTES}; longer ones are refused before they are read whole. */
    private static byte[] readBody(Request request) throws IOException, CashuException {
        if (request.getLength() > Json.MAX_BODY_BYTES) throw tooLarge();
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(Json.MAX_BODY_BYTES + 1);
            if (body.length > Json.MAX_BODY_BYTES) throw tooLarge();
            return body;
        }
    }

    /** 408 for a body that stalled or trickled, Jetty's own 4xx for a broken one (a bad chunk is 400). */
    private static int unreadableStatus(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) return h.getCode();
            if (t instanceof TimeoutException) return 408;
        }
        return 400;
    }

    /** The innermost message, short (Jetty's reasons are a few words). */
    private static String reason(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 120 ? m.substring(0, 120) + "…" : m;
    }

    private static CashuException tooLarge() {
        return Requests.bad("request body larger than " + Json.MAX_BODY_BYTES + " bytes");
    }

    private static ObjectNode error(String detail, int code) {
        ObjectNode o = Views.F.objectNode();
        o.put("detail", detail);
        o.put("code", code);
        return o;
    }

    /** {@code route} is null for a path or method no endpoint has (counted as endpoint "other"). */
    private void respond(Response response, Callback callback, Route route, int status, JsonNode body, String allow) {
        requests.inc(route == null ? "other" : route.endpoint(), Integer.toString(status));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (allow != null) response.getHeaders().put(HttpHeader.ALLOW, allow);
        response.write(true, ByteBuffer.wrap(Json.write(body)), callback);
    }

    /** Stops accepting, lets requests under way finish for up to a second, then closes every connection. */
    @Override
    public void close() {
        listener.close();
    }

    /** 404 or 405 (not a Cashu error: the request named nothing this mint has). */
    private static final class NotFound extends Exception {
        final int status;
        final String allow;

        NotFound(int status, String message, String allow) {
            super(message, null, false, false);
            this.status = status;
            this.allow = allow;
        }
    }

    static List<Route> concat(List<List<Route>> groups) {
        List<Route> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return all;
    }
}
