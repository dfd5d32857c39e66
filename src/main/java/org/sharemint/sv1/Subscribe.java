package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** mining.subscribe: {@code [user_agent?, session_id?]}; the answer is {@link #result}. */
public record Subscribe(String userAgent) {
    public static final String METHOD = "mining.subscribe";

    public static Subscribe decode(ArrayNode params) throws Sv1Exception {
        return new Subscribe(Sv1Json.optionalText(params, 0, "user agent"));
    }

    public Sv1Request encode(JsonNode id) {
        ArrayNode p = Sv1Json.NODES.arrayNode();
        if (userAgent != null) p.add(userAgent);
        return new Sv1Request(id, METHOD, p);
    }

    /** {@code [[["mining.set_difficulty", sub], ["mining.notify", sub]], extranonce1, extranonce2_size]}. */
    public static JsonNode result(String subscriptionId, String extranonce1Hex, int extranonce2Size) {
        ArrayNode subs = Sv1Json.NODES.arrayNode();
        subs.addArray().add(SetDifficulty.METHOD).add(subscriptionId);
        subs.addArray().add(Notify.METHOD).add(subscriptionId);
        ArrayNode r = Sv1Json.NODES.arrayNode();
        r.add(subs).add(extranonce1Hex).add(extranonce2Size);
        return r;
    }
}
