package org.sharemint.sv1;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** mining.set_difficulty (pool to miner): the difficulty of shares on the jobs that follow. */
public record SetDifficulty(double difficulty) {
    public static final String METHOD = "mining.set_difficulty";

    public byte[] encode() {
        return Sv1Response.notification(METHOD, Sv1Json.NODES.arrayNode().add(difficulty));
    }

    public static SetDifficulty decode(ArrayNode params) throws Sv1Exception {
        if (params.size() != 1 || !params.get(0).isNumber()) throw new Sv1Exception(20, "set_difficulty takes one number");
        return new SetDifficulty(params.get(0).asDouble());
    }
}
