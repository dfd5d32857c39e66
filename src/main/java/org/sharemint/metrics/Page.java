package org.sharemint.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Something the monitor server serves besides /metrics and /health (the dashboard, the JSON
 * API): a GET of a path under the prefix it was registered with. It knows nothing of the HTTP
 * server, so the server under it can change without touching it.
 */
@FunctionalInterface
public interface Page {
    /**
     * Answers a GET (or HEAD) of {@code path} (the whole path, prefix included, not decoded
     * beyond what the URI does) with {@code query} its decoded parameters (first value of each).
     */
    Response get(String path, Map<String, String> query);

    /** A whole answer: status, Content-Type and body. */
    record Response(int status, String contentType, byte[] body) {
        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
