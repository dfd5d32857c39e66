package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint: an HTTP method and a path pattern whose {@code {}} segments are parameters.
 *
 * @param hasBody whether the endpoint reads a JSON object body
 */
record Route(String method, String pattern, boolean hasBody, Handler handler) {

    /** Answers one request with the JSON to send (status 200), or throws a Cashu error. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(List<String> params, JsonNode body) throws CashuException, SQLException;
    }

    static Route get(String pattern, Handler h) {
        return new Route("GET", pattern, false, h);
    }

    static Route post(String pattern, Handler h) {
        return new Route("POST", pattern, true, h);
    }

    /** The method and pattern, as the request counter shows them ({@code GET /v1/keys/{}}). */
    String endpoint() {
        return method + " " + pattern;
    }

    /** The path parameters when {@code path} matches the pattern, else null. */
    List<String> match(String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) return null;
        List<String> params = new ArrayList<>(1);
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("{}")) {
                if (got[i].isEmpty()) return null;
                params.add(got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
