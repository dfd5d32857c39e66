package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to one call: {@code {"id": N, "result": R, "error": null}} or
 * {@code {"id": N, "result": null, "error": [code, "message", null]}}.
 */
public record Sv1Response(JsonNode id, JsonNode result, Integer errorCode, String errorMessage) {
    public static Sv1Response ok(JsonNode id, JsonNode result) {
        return new Sv1Response(id, result, null, null);
    }

    public static Sv1Response ok(JsonNode id, boolean result) {
        return ok(id, Sv1Json.NODES.booleanNode(result));
    }

    public static Sv1Response error(JsonNode id, int code, String message) {
        return new Sv1Response(id, null, code, message);
    }

    public byte[] encode() {
        ObjectNode o = Sv1Json.NODES.objectNode();
        o.set("id", id == null ? Sv1Json.NODES.nullNode() : id);
        o.set("result", result == null ? Sv1Json.NODES.nullNode() : result);
        if (errorCode == null) {
            o.putNull("error");
        } else {
            o.putArray("error").add(errorCode).add(errorMessage).addNull();
        }
        return Sv1Json.line(o);
    }

    /** Reads a response (for clients: the bench and the reference miner). */
    public static Sv1Response decode(JsonNode n) throws Sv1Exception {
        if (!n.isObject() || !n.has("id")) throw new Sv1Exception(20, "not a response");
        JsonNode e = n.get("error");
        if (e != null && e.isArray() && e.size() >= 2) {
            return new Sv1Response(n.get("id"), null, e.get(0).asInt(), e.get(1).asText());
        }
        return new Sv1Response(n.get("id"), n.get("result"), null, null);
    }

    public boolean isTrue() {
        return errorCode == null && result != null && result.asBoolean(false);
    }

    /** A notification from the pool: {@code {"id": null, "method": m, "params": p}}. */
    static byte[] notification(String method, ArrayNode params) {
        ObjectNode o = Sv1Json.NODES.objectNode();
        o.putNull("id");
        o.put("method", method);
        o.set("params", params);
        return Sv1Json.line(o);
    }
}
