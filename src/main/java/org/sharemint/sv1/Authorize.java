package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** mining.authorize: {@code [username, password?]}; the username names the worker (and carries the locking key). */
public record Authorize(String username, String password) {
    public static final String METHOD = "mining.authorize";
    /** Longer names are refused: a username is kept per authorized worker. */
    public static final int MAX_USERNAME_CHARS = 256;

    public static Authorize decode(ArrayNode params) throws Sv1Exception {
        String user = Sv1Json.text(params, 0, "username");
        if (user.isEmpty() || user.length() > MAX_USERNAME_CHARS) throw new Sv1Exception(20, "username must be 1 to 256 characters");
        String password = params.size() > 1 && params.get(1).isTextual() ? params.get(1).asText() : null;
        return new Authorize(user, password);
    }

    public Sv1Request encode(JsonNode id) {
        ArrayNode p = Sv1Json.NODES.arrayNode().add(username);
        p.add(password == null ? "x" : password);
        return new Sv1Request(id, METHOD, p);
    }
}
