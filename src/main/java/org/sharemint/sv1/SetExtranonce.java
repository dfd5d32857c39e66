package org.sharemint.sv1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HexFormat;

/** mining.set_extranonce (pool to miner, after mining.extranonce.subscribe): a new extranonce1 and extranonce2 size for the next jobs. */
public record SetExtranonce(byte[] extranonce1, int extranonce2Size) {
    public static final String METHOD = "mining.set_extranonce";
    public static final String SUBSCRIBE_METHOD = "mining.extranonce.subscribe";

    public byte[] encode() {
        return Sv1Response.notification(METHOD, Sv1Json.NODES.arrayNode().add(HexFormat.of().formatHex(extranonce1)).add(extranonce2Size));
    }

    public static SetExtranonce decode(ArrayNode p) throws Sv1Exception {
        if (p.size() != 2 || !p.get(0).isTextual() || !p.get(1).canConvertToInt()) throw new Sv1Exception(20, "set_extranonce takes [hex, size]");
        try {
            return new SetExtranonce(HexFormat.of().parseHex(p.get(0).asText()), p.get(1).asInt());
        } catch (IllegalArgumentException e) {
            throw new Sv1Exception(20, "set_extranonce: extranonce1 must be hex");
        }
    }
}
