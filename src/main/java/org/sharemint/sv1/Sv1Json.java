package org.sharemint.sv1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Jackson for Stratum V1 lines: one JSON value per line, and the small field checks every message needs. */
final class Sv1Json {
    static final JsonMapper MAPPER;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        MAPPER = JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        // a line is at most 16 KiB, but nesting costs stack: keep it shallow
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private Sv1Json() {}

    static JsonNode parse(byte[] line, int length) throws Sv1Exception {
        try {
            JsonNode n = MAPPER.readTree(line, 0, length);
            if (n == null || n.isMissingNode()) throw new Sv1Exception(20, "empty line");
            return n;
        } catch (IOException e) {
            throw new Sv1Exception(20, "not JSON");
        }
    }

    static byte[] line(JsonNode n) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(n);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of our own always encodes", e);
        }
    }

    static String text(ArrayNode params, int i, String what) throws Sv1Exception {
        JsonNode n = params.get(i);
        if (n == null || !n.isTextual()) throw new Sv1Exception(20, what + " must be a string");
        return n.asText();
    }

    static String optionalText(ArrayNode params, int i, String what) throws Sv1Exception {
        JsonNode n = params.get(i);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new Sv1Exception(20, what + " must be a string");
        return n.asText();
    }

    /** A big-endian 32-bit value written as exactly 8 hex digits, as ntime, nonce and version are. */
    static int hex32(String s, String what) throws Sv1Exception {
        if (s.length() != 8) throw new Sv1Exception(20, what + " must be 8 hex digits");
        try {
            return HexFormat.fromHexDigits(s);
        } catch (IllegalArgumentException e) {
            throw new Sv1Exception(20, what + " must be 8 hex digits");
        }
    }

    static String hex32(int v) {
        return HexFormat.of().toHexDigits(v);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
