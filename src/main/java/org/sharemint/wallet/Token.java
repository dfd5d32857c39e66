package org.sharemint.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Cashu token (NUT-00): proofs of one mint, as text to hand to someone else. Written as V4
 * ({@code cashuB} + base64url of CBOR, keyset ids and signatures as byte strings); read as V4 or
 * the older V3 ({@code cashuA} + base64url of JSON). CBOR goes through Jackson's CBOR codec.
 *
 * @param mint the mint URL, no trailing slash
 * @param memo null when none
 */
public record Token(String mint, String unit, String memo, List<Proof> proofs) {
    /** Longest token text {@link #decode} accepts. */
    public static final int MAX_CHARS = 1 << 20;
    static final int MAX_PROOFS = 10_000;
    private static final HexFormat HEX = HexFormat.of();
    private static final CBORMapper CBOR = new CBORMapper(CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 20).build()).build());
    private static final ObjectMapper JSON = new ObjectMapper();

    public Token {
        proofs = List.copyOf(proofs);
    }

    public long amount() {
        long sum = 0;
        for (Proof p : proofs) sum = Math.addExact(sum, p.amount());
        return sum;
    }

    /** {@code cashuB...}: proofs grouped by keyset id, in the order given. */
    public String encode() {
        ObjectNode root = CBOR.createObjectNode();
        Map<String, ArrayNode> byKeyset = new LinkedHashMap<>();
        ArrayNode t = root.putArray("t");
        for (Proof p : proofs) {
            ArrayNode ps = byKeyset.computeIfAbsent(p.keysetId(), id -> {
                ObjectNode entry = t.addObject();
                entry.put("i", HEX.parseHex(id));
                return entry.putArray("p");
            });
            ObjectNode n = ps.addObject();
            n.put("a", p.amount());
            n.put("s", p.secret());
            n.put("c", p.c());
            if (p.dleq() != null) {
                ObjectNode d = n.putObject("d");
                d.put("e", p.dleq().e());
                d.put("s", p.dleq().s());
                if (p.dleq().r() != null) d.put("r", p.dleq().r());
            }
        }
        root.put("m", mint);
        root.put("u", unit);
        if (memo != null) root.put("d", memo);
        try {
            return "cashuB" + Base64.getUrlEncoder().withoutPadding().encodeToString(CBOR.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CBOR of a tree of strings, numbers and bytes cannot fail", e);
        }
    }

    /** Reads a V4 or V3 token (with or without the {@code cashu:} URI prefix and base64 padding). */
    public static Token decode(String text) throws IOException {
        String s = text.strip();
        if (s.length() > MAX_CHARS) throw new IOException("token longer than " + MAX_CHARS + " characters");
        if (s.regionMatches(true, 0, "cashu:", 0, 6)) s = s.substring(6);
        if (!s.startsWith("cashu") || s.length() < 7) throw new IOException("not a Cashu token (expected cashuB... or cashuA...)");
        char version = s.charAt(5);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(s.substring(6).replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new IOException("token: bad base64: " + e.getMessage());
        }
        try {
            return switch (version) {
                case 'B' -> fromV4(CBOR.readTree(bytes));
                case 'A' -> fromV3(JSON.readTree(new String(bytes, StandardCharsets.UTF_8)));
                default -> throw new IOException("token version " + version + " is not supported (B and A are)");
            };
        } catch (JsonProcessingException e) {
            throw new IOException("token: " + e.getOriginalMessage());
        }
    }

    private static Token fromV4(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) throw new IOException("token: not a CBOR map");
        String mint = text(root, "m");
        String unit = text(root, "u");
        String memo = root.path("d").isTextual() ? root.get("d").asText() : null;
        List<Proof> proofs = new ArrayList<>();
        for (JsonNode entry : array(root, "t")) {
            String id = HEX.formatHex(bytes(entry, "i", 1, 33));
            for (JsonNode p : array(entry, "p")) {
                if (proofs.size() >= MAX_PROOFS) throw new IOException("token: more than " + MAX_PROOFS + " proofs");
                Proof.Dleq dleq = null;
                JsonNode d = p.get("d");
                if (d != null && d.isObject()) {
                    dleq = new Proof.Dleq(bytes(d, "e", 32, 32), bytes(d, "s", 32, 32), d.has("r") ? bytes(d, "r", 32, 32) : null);
                }
                proofs.add(new Proof(amount(p.get("a")), id, text(p, "s"), bytes(p, "c", 33, 33), dleq));
            }
        }
        if (proofs.isEmpty()) throw new IOException("token: no proofs");
        return new Token(stripSlash(mint), unit, memo, proofs);
    }

    private static Token fromV3(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) throw new IOException("token: not a JSON object");
        JsonNode entries = array(root, "token");
        if (entries.size() != 1) throw new IOException("token: " + entries.size() + " mints; this wallet takes tokens of one mint");
        JsonNode entry = entries.get(0);
        List<Proof> proofs = new ArrayList<>();
        for (JsonNode p : array(entry, "proofs")) {
            if (proofs.size() >= MAX_PROOFS) throw new IOException("token: more than " + MAX_PROOFS + " proofs");
            byte[] c = hex(text(p, "C"), 33);
            proofs.add(new Proof(amount(p.get("amount")), text(p, "id").toLowerCase(Locale.ROOT), text(p, "secret"), c, null));
        }
        if (proofs.isEmpty()) throw new IOException("token: no proofs");
        String unit = root.path("unit").isTextual() ? root.get("unit").asText() : "sat";
        String memo = root.path("memo").isTextual() ? root.get("memo").asText() : null;
        return new Token(stripSlash(text(entry, "mint")), unit, memo, proofs);
    }

    private static String stripSlash(String url) {
        String u = url;
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u;
    }

    private static long amount(JsonNode n) throws IOException {
        if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() <= 0) {
            throw new IOException("token: amount must be a positive integer below 2^63");
        }
        return n.asLong();
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IOException("token: field " + field + " must be a string");
        return v.asText();
    }

    private static JsonNode array(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) throw new IOException("token: field " + field + " must be an array");
        return v;
    }

    private static byte[] bytes(JsonNode n, String field, int min, int max) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isBinary()) throw new IOException("token: field " + field + " must be a byte string");
        byte[] b = v.binaryValue();
        if (b.length < min || b.length > max) throw new IOException("token: field " + field + " has " + b.length + " bytes");
        return b;
    }

    private static byte[] hex(String s, int length) throws IOException {
        try {
            byte[] b = HEX.parseHex(s);
            if (b.length != length) throw new IOException("token: expected " + length + " bytes of hex");
            return b;
        } catch (IllegalArgumentException e) {
            throw new IOException("token: not hex");
        }
    }
}
