package org.sharemint.sv1;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** mining.set_version_mask (pool to miner, BIP310): the version bits the miner may roll from now on. */
public record SetVersionMask(int mask) {
    public static final String METHOD = "mining.set_version_mask";

    public byte[] encode() {
        return Sv1Response.notification(METHOD, Sv1Json.NODES.arrayNode().add(Sv1Json.hex32(mask)));
    }

    public static SetVersionMask decode(ArrayNode p) throws Sv1Exception {
        if (p.size() != 1 || !p.get(0).isTextual()) throw new Sv1Exception(20, "set_version_mask takes one hex string");
        return new SetVersionMask(Sv1Json.hex32(p.get(0).asText(), "mask"));
    }
}
