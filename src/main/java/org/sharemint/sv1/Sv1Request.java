package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC call from a miner: {@code {"id": ..., "method": "...", "params": [...]}}. The id
 * is echoed as it came (a number or a string; null for notifications). What the params mean is
 * each method's record's business ({@link Subscribe}, {@link Authorize}, {@link Submit}...).
 */
public record Sv1Request(JsonNode id, String method, ArrayNode params) {
    /** Longest id echoed back: an id is the miner's, but it costs us memory while a share waits. */
    static final int MAX_ID_CHARS = 64;

    /** Parses one line (without its newline). */
    public static Sv1Request decode(byte[] line, int length) throws Sv1Exception {
        JsonNode n = Sv1Json.parse(line, length);
        if (!n.isObject()) throw new Sv1Exception(20, "a request is a JSON object");
        JsonNode id = n.get("id");
        if (id == null) id = Sv1Json.NODES.nullNode();
        if (!(id.isNull() || id.isIntegralNumber() || id.isTextual() && id.asText().length() <= MAX_ID_CHARS)) {
            throw new Sv1Exception(20, "id must be a number or a short string");
        }
        JsonNode method = n.get("method");
        if (method == null || !method.isTextual()) throw new BadRequest(id, "method must be a string");
        JsonNode params = n.get("params");
        if (params == null || params.isNull()) params = Sv1Json.NODES.arrayNode();
        if (!params.isArray()) throw new BadRequest(id, "params must be an array");
        return new Sv1Request(id, method.asText(), (ArrayNode) params);
    }

    public byte[] encode() {
        ObjectNode o = Sv1Json.NODES.objectNode();
        o.set("id", id);
        o.put("method", method);
        o.set("params", params);
        return Sv1Json.line(o);
    }

    /** A request whose id is known but whose shape is wrong: answered with an error to that id. */
    public static final class BadRequest extends Sv1Exception {
        private final transient JsonNode id;

        BadRequest(JsonNode id, String message) {
            super(20, message);
            this.id = id;
        }

        public JsonNode id() {
            return id;
        }
    }
}
