package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * mining.configure (BIP310): {@code [["version-rolling", ...], {"version-rolling.mask": "1fffe000",
 * "version-rolling.min-bit-count": 2}]}. Version rolling and subscribe-extranonce (the miner takes
 * mining.set_extranonce, as after mining.extranonce.subscribe) are understood; other extensions
 * are answered false.
 */
public record Configure(List<String> extensions, int versionMask, int minBitCount) {
    public static final String METHOD = "mining.configure";
    public static final String VERSION_ROLLING = "version-rolling";
    public static final String SUBSCRIBE_EXTRANONCE = "subscribe-extranonce";
    private static final int MAX_EXTENSIONS = 16;

    public static Configure decode(ArrayNode params) throws Sv1Exception {
        JsonNode exts = params.get(0);
        if (exts == null || !exts.isArray() || exts.size() > MAX_EXTENSIONS) throw new Sv1Exception(20, "configure needs a list of extensions");
        List<String> names = new ArrayList<>();
        for (JsonNode e : exts) {
            if (!e.isTextual()) throw new Sv1Exception(20, "extension names are strings");
            names.add(e.asText());
        }
        JsonNode p = params.get(1);
        if (p != null && !p.isObject() && !p.isNull()) throw new Sv1Exception(20, "configure's second param is an object");
        int mask = 0xffffffff;
        int minBits = 0;
        if (p != null && p.isObject()) {
            JsonNode m = p.get(VERSION_ROLLING + ".mask");
            if (m != null) {
                if (!m.isTextual()) throw new Sv1Exception(20, "version-rolling.mask must be hex");
                mask = Sv1Json.hex32(m.asText(), "version-rolling.mask");
            }
            JsonNode b = p.get(VERSION_ROLLING + ".min-bit-count");
            if (b != null) {
                if (!b.canConvertToInt() || b.asInt() < 0 || b.asInt() > 32) throw new Sv1Exception(20, "version-rolling.min-bit-count must be 0..32");
                minBits = b.asInt();
            }
        }
        return new Configure(List.copyOf(names), mask, minBits);
    }

    public Sv1Request encode(JsonNode id) {
        ArrayNode p = Sv1Json.NODES.arrayNode();
        ArrayNode e = p.addArray();
        extensions.forEach(e::add);
        ObjectNode o = p.addObject();
        o.put(VERSION_ROLLING + ".mask", Sv1Json.hex32(versionMask));
        o.put(VERSION_ROLLING + ".min-bit-count", minBitCount);
        return new Sv1Request(id, METHOD, p);
    }

    /** The answer: version rolling with the mask granted (null: not granted), every other extension false. */
    public JsonNode result(Integer grantedMask) {
        ObjectNode r = Sv1Json.NODES.objectNode();
        for (String e : extensions) {
            if (e.equals(VERSION_ROLLING) && grantedMask != null) {
                r.put(VERSION_ROLLING, true);
                r.put(VERSION_ROLLING + ".mask", Sv1Json.hex32(grantedMask));
            } else if (e.equals(SUBSCRIBE_EXTRANONCE)) {
                r.put(e, true);
            } else {
                r.put(e, false);
            }
        }
        return r;
    }
}
