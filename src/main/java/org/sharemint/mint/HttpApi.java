package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sharemint.metrics.CounterTable;
import org.tinylog.Logger;

/**
 * The Cashu HTTP API: the JDK's HttpServer, one virtual thread per exchange, a fixed route table.
 * Each exchange is read with a bound (1 MiB) before parsing, dispatched, and answered with JSON:
 * 200 with the result, 400 {@code {"detail","code"}} for anything the request got wrong, 404/405
 * for unknown paths and methods. A ledger failure is a 503; a bug is a 500 with no details sent
 * (the stack trace goes to the log only).
 */
final class HttpApi implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes;
    private final CounterTable requests;

    private HttpApi(HttpServer server, ExecutorService executor, List<Route> routes, CounterTable requests) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.requests = requests;
    }

    /** {@code requests} counts every answer by {@link Route#endpoint()} ("other" for none) and status. */
    static HttpApi start(InetSocketAddress listen, List<Route> routes, CounterTable requests) throws IOException {
        InetSocketAddress bind = listen.isUnresolved() ? new InetSocketAddress(listen.getHostString(), listen.getPort()) : listen;
        HttpServer server = HttpServer.create(bind, 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpApi api = new HttpApi(server, executor, List.copyOf(routes), requests);
        server.setExecutor(executor);
        server.createContext("/", api::exchange);
        server.start();
        return api;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private void exchange(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Route route = null;
            try {
                route = route(method, path);
                JsonNode body = route.hasBody() ? Json.parse(readBody(ex)) : null;
                respond(ex, route, 200, route.handler().handle(route.match(path), body), null);
            } catch (CashuException e) {
                Logger.debug("{} {} -> {} {}", method, path, e.code(), e.detail());
                respond(ex, route, 400, error(e.detail(), e.code()), null);
            } catch (NotFound e) {
                respond(ex, null, e.status, error(e.getMessage(), CashuException.BAD_REQUEST), e.allow);
            } catch (SQLException e) {
                Logger.error("{} {}: ledger failed: {}", method, path, e.toString());
                respond(ex, route, 503, error("ledger unavailable, try again later", CashuException.BAD_REQUEST), null);
            } catch (RuntimeException e) {
                Logger.error(e, "{} {}: internal error", method, path);
                respond(ex, route, 500, error("internal error", CashuException.BAD_REQUEST), null);
            }
        } catch (IOException e) {
            // the client went away or sent a broken stream: nothing to answer
            Logger.debug("HTTP exchange from {} failed: {}", ex.getRemoteAddress(), e.toString());
        }
    }

    /** The endpoint of a request, or 404 / 405. */
    private Route route(String method, String path) throws NotFound {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.match(path) == null) continue;
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            return r;
        }
        if (!allowed.isEmpty()) throw new NotFound(405, method + " not allowed on " + path, String.join(", ", allowed));
        throw new NotFound(404, "not found: " + path, null);
    }

    /** The body, at most {@link Json#MAX_BODY_BYTES}; longer ones are refused before they are read whole. */
    private static byte[] readBody(HttpExchange ex) throws IOException, CashuException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > Json.MAX_BODY_BYTES) throw tooLarge();
            } catch (NumberFormatException e) {
                throw Requests.bad("bad Content-Length");
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(Json.MAX_BODY_BYTES + 1);
            if (body.length > Json.MAX_BODY_BYTES) throw tooLarge();
            return body;
        }
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
    private void respond(HttpExchange ex, Route route, int status, JsonNode body, String allow) throws IOException {
        requests.inc(route == null ? "other" : route.endpoint(), Integer.toString(status));
        byte[] bytes = Json.write(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (allow != null) ex.getResponseHeaders().set("Allow", allow);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Stops accepting, lets exchanges under way finish for up to a second, then stops their threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
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
