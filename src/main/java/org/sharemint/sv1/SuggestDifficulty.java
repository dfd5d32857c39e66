package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** mining.suggest_difficulty: {@code [difficulty]}, a hint for the starting difficulty. */
public record SuggestDifficulty(double difficulty) {
    public static final String METHOD = "mining.suggest_difficulty";

    public static SuggestDifficulty decode(ArrayNode params) throws Sv1Exception {
        JsonNode d = params.get(0);
        if (d == null || !d.isNumber() || !(d.asDouble() > 0) || Double.isInfinite(d.asDouble())) {
            throw new Sv1Exception(20, "difficulty must be a positive number");
        }
        return new SuggestDifficulty(d.asDouble());
    }

    public Sv1Request encode(JsonNode id) {
        return new Sv1Request(id, METHOD, Sv1Json.NODES.arrayNode().add(difficulty));
    }
}
