package org.sharemint.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;

/**
 * The Cashu HTTP API of one mint, as a wallet calls it (NUT-01, 02, 03, 04 with method
 * {@code ehash}, 07, 09, 20). Every answer is untrusted: the body is read up to
 * {@value #MAX_BODY_BYTES} bytes, fields are checked for presence and form, points for being on
 * the curve, and anything else is a {@link MintException} naming what was wrong.
 *
 * <p>Thread-safe (the HttpClient is); blocking calls, each bounded by the request timeout.
 */
public final class MintClient {
    static final int MAX_BODY_BYTES = 4 << 20;
    private static final int MAX_KEYS = 64;
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(40).build());
    }

    /** The mint's answer to GET /v1/mint/quote/ehash/{id}. */
    public record QuoteInfo(String quote, long amount, String unit, String state, String pubkey) {}

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;

    /** @param baseUrl the mint URL without a trailing slash, e.g. http://127.0.0.1:3338 */
    public MintClient(String baseUrl, HttpClient http, Duration timeout) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.timeout = timeout;
    }

    public String url() {
        return baseUrl;
    }

    /** GET /v1/keys: the active keysets, each checked against its id. */
    public List<Keyset> activeKeysets() throws IOException {
        return keysets(get("/v1/keys"));
    }

    /** GET /v1/keys/{id}: one keyset (active or not), checked against its id. */
    public Keyset keyset(String id) throws IOException {
        List<Keyset> list = keysets(get("/v1/keys/" + pathPart(id)));
        for (Keyset k : list) if (k.id().equals(id)) return k;
        throw malformed("/v1/keys/" + id + " does not contain keyset " + id);
    }

    /** GET /v1/keysets: the ids of every keyset the mint has (for resolving short ids in tokens). */
    public List<String> keysetIds() throws IOException {
        JsonNode body = get("/v1/keysets");
        List<String> ids = new ArrayList<>();
        for (JsonNode k : array(body, "keysets")) ids.add(hexText(k, "id"));
        return ids;
    }

    /** GET /v1/mint/quote/ehash/{id}. */
    public QuoteInfo quote(String quoteId) throws IOException {
        JsonNode b = get("/v1/mint/quote/ehash/" + pathPart(quoteId));
        String pubkey = b.path("pubkey").isTextual() ? b.get("pubkey").asText() : null;
        return new QuoteInfo(text(b, "quote"), amount(b, "amount"), text(b, "unit"), text(b, "state"), pubkey);
    }

    /** POST /v1/mint/ehash with the NUT-20 signature (hex); one signature per output, in order. */
    public List<BlindSignature> mint(String quoteId, List<BlindedOutput> outputs, String signatureHex) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.put("quote", quoteId);
        req.set("outputs", outputsJson(outputs));
        req.put("signature", signatureHex);
        return signatures(post("/v1/mint/ehash", req), outputs.size());
    }

    /** GET /v1/info (NUT-06): the mint's public key, which lookups by locking key are bound to. */
    public String infoPubkey() throws IOException {
        String k = hexText(get("/v1/info"), "pubkey");
        if (k.length() != 66) throw malformed("/v1/info: pubkey is not a compressed key");
        return k;
    }

    /** One page of {@link #quotesByPubkey}: the quotes, and the cursor of the next page (null on the last). */
    public record QuotePage(List<QuoteInfo> quotes, String next) {}

    /**
     * POST /v1/mint/quote/ehash/pubkey (draft lookup by locking key): the quotes locked to
     * {@code pubkeyHex}, proving the key with {@code signatureHex}; {@code after} is the cursor of
     * the previous page or null.
     */
    public QuotePage quotesByPubkey(String pubkeyHex, String signatureHex, String after) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.putArray("pubkeys").add(pubkeyHex);
        req.putArray("pubkey_signatures").add(signatureHex);
        if (after != null) req.put("after", after);
        JsonNode b = post("/v1/mint/quote/ehash/pubkey", req);
        List<QuoteInfo> out = new ArrayList<>();
        for (JsonNode q : array(b, "quotes")) {
            String pubkey = q.path("pubkey").isTextual() ? q.get("pubkey").asText() : null;
            out.add(new QuoteInfo(text(q, "quote"), amount(q, "amount"), text(q, "unit"), text(q, "state"), pubkey));
        }
        JsonNode next = b.get("next");
        return new QuotePage(out, next != null && next.isTextual() ? next.asText() : null);
    }

    /**
     * POST /v1/mint/ehash/batch (NUT-29): several quotes for one set of outputs, one NUT-20
     * signature per quote (each over all the outputs); one blind signature per output, in order.
     */
    public List<BlindSignature> mintBatch(List<String> quoteIds, List<Long> amounts, List<BlindedOutput> outputs, List<String> signaturesHex)
            throws IOException {
        ObjectNode req = JSON.createObjectNode();
        ArrayNode q = req.putArray("quotes");
        quoteIds.forEach(q::add);
        ArrayNode a = req.putArray("quote_amounts");
        for (long amount : amounts) a.add(amountNode(amount));
        req.set("outputs", outputsJson(outputs));
        ArrayNode s = req.putArray("signatures");
        signaturesHex.forEach(s::add);
        return signatures(post("/v1/mint/ehash/batch", req), outputs.size());
    }

    /** POST /v1/swap (NUT-03): inputs for outputs of their amount minus fees; one signature per output, in order. */
    public List<BlindSignature> swap(List<Proof> inputs, List<BlindedOutput> outputs) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        ArrayNode in = req.putArray("inputs");
        for (Proof p : inputs) {
            ObjectNode n = in.addObject();
            n.set("amount", amountNode(p.amount()));
            n.put("id", p.keysetId());
            n.put("secret", p.secret());
            n.put("C", p.cHex());
        }
        req.set("outputs", outputsJson(outputs));
        return signatures(post("/v1/swap", req), outputs.size());
    }

    /** POST /v1/checkstate (NUT-07): the state of each Y (UNSPENT, PENDING or SPENT), in order. */
    public List<String> checkState(List<byte[]> ys) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        ArrayNode a = req.putArray("Ys");
        for (byte[] y : ys) a.add(HEX.formatHex(y));
        JsonNode states = array(post("/v1/checkstate", req), "states");
        if (states.size() != ys.size()) throw malformed("checkstate: " + states.size() + " states for " + ys.size() + " Ys");
        List<String> out = new ArrayList<>();
        for (JsonNode s : states) out.add(text(s, "state"));
        return out;
    }

    /**
     * POST /v1/restore (NUT-09): the signatures the mint already gave for some of these outputs,
     * by position in {@code outputs} (null where it gave none).
     */
    public List<BlindSignature> restore(List<BlindedOutput> outputs) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.set("outputs", outputsJson(outputs));
        JsonNode b = post("/v1/restore", req);
        JsonNode outs = array(b, "outputs");
        // "promises" was the key's name in the NUT's first version; some mints still answer with it only
        JsonNode sigs = array(b, b.has("signatures") ? "signatures" : "promises");
        if (outs.size() != sigs.size() || sigs.size() > outputs.size()) throw malformed("restore: outputs and signatures differ in number");
        List<BlindSignature> byPosition = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) byPosition.add(null);
        for (int i = 0; i < outs.size(); i++) {
            String b_ = text(outs.get(i), "B_");
            for (int j = 0; j < outputs.size(); j++) {
                if (outputs.get(j).blindedHex().equalsIgnoreCase(b_)) byPosition.set(j, signature(sigs.get(i)));
            }
        }
        return byPosition;
    }

    // --- JSON shapes ---

    private static ArrayNode outputsJson(List<BlindedOutput> outputs) {
        ArrayNode a = JSON.createArrayNode();
        for (BlindedOutput o : outputs) {
            ObjectNode n = a.addObject();
            n.set("amount", amountNode(o.amount()));
            n.put("id", o.keysetId());
            n.put("B_", o.blindedHex());
        }
        return a;
    }

    private static JsonNode amountNode(long amount) {
        return JSON.getNodeFactory().numberNode(new BigInteger(Long.toUnsignedString(amount)));
    }

    private List<Keyset> keysets(JsonNode body) throws MintException {
        List<Keyset> out = new ArrayList<>();
        for (JsonNode k : array(body, "keysets")) {
            String id = hexText(k, "id");
            JsonNode keys = k.get("keys");
            if (keys == null || !keys.isObject() || keys.size() == 0 || keys.size() > MAX_KEYS) {
                throw malformed("keyset " + id + ": keys must be an object of 1 to " + MAX_KEYS + " entries");
            }
            TreeMap<Long, ECPoint> map = new TreeMap<>(Long::compareUnsigned);
            for (var e : keys.properties()) {
                long amount;
                try {
                    amount = Long.parseUnsignedLong(e.getKey());
                } catch (NumberFormatException ex) {
                    throw malformed("keyset " + id + ": amount \"" + e.getKey() + "\" is not a number");
                }
                map.put(amount, point(e.getValue(), "keyset " + id + " key " + e.getKey()));
            }
            long fee = k.path("input_fee_ppk").asLong(0);
            if (fee < 0) throw malformed("keyset " + id + ": negative input_fee_ppk");
            Long expiry = k.path("final_expiry").isIntegralNumber() ? k.get("final_expiry").asLong() : null;
            Keyset keyset = new Keyset(id, text(k, "unit"), k.path("active").asBoolean(true), fee, expiry, map);
            if (!keyset.idMatchesKeys()) throw malformed("keyset " + id + ": the id does not match its keys");
            out.add(keyset);
        }
        return out;
    }

    private static List<BlindSignature> signatures(JsonNode body, int expected) throws MintException {
        JsonNode sigs = array(body, "signatures");
        if (sigs.size() != expected) throw malformed(sigs.size() + " signatures for " + expected + " outputs");
        List<BlindSignature> out = new ArrayList<>(expected);
        for (JsonNode s : sigs) out.add(signature(s));
        return out;
    }

    private static BlindSignature signature(JsonNode s) throws MintException {
        byte[] c = Secp256k1.compressed(point(s.get("C_"), "C_"));
        byte[] e = null, sig = null;
        JsonNode dleq = s.get("dleq");
        if (dleq != null && dleq.isObject()) {
            e = scalarBytes(dleq.get("e"), "dleq.e");
            sig = scalarBytes(dleq.get("s"), "dleq.s");
        }
        return new BlindSignature(amount(s, "amount"), hexText(s, "id"), c, e, sig);
    }

    private static ECPoint point(JsonNode n, String what) throws MintException {
        if (n == null || !n.isTextual() || n.asText().length() != 66) throw malformed(what + ": expected a 33-byte compressed point in hex");
        try {
            return Secp256k1.decodePoint(HEX.parseHex(n.asText()));
        } catch (IllegalArgumentException | CryptoException e) {
            throw malformed(what + ": " + e.getMessage());
        }
    }

    private static byte[] scalarBytes(JsonNode n, String what) throws MintException {
        if (n == null || !n.isTextual() || n.asText().length() != 64) throw malformed(what + ": expected 32 bytes in hex");
        try {
            return HEX.parseHex(n.asText());
        } catch (IllegalArgumentException e) {
            throw malformed(what + ": not hex");
        }
    }

    private static long amount(JsonNode b, String field) throws MintException {
        JsonNode n = b.get(field);
        if (n == null || !n.isIntegralNumber() || n.bigIntegerValue().signum() <= 0 || n.bigIntegerValue().bitLength() > 64) {
            throw malformed(field + ": expected a positive integer below 2^64");
        }
        return n.bigIntegerValue().longValue();
    }

    private static String text(JsonNode b, String field) throws MintException {
        JsonNode n = b.get(field);
        if (n == null || !n.isTextual()) throw malformed(field + ": expected a string");
        return n.asText();
    }

    private static String hexText(JsonNode b, String field) throws MintException {
        String s = text(b, field);
        if (s.isEmpty() || s.length() > 132 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) throw malformed(field + ": expected hex");
        return s;
    }

    private static JsonNode array(JsonNode b, String field) throws MintException {
        JsonNode n = b.get(field);
        if (n == null || !n.isArray()) throw malformed(field + ": expected an array");
        return n;
    }

    private static MintException malformed(String what) {
        return new MintException(0, 0, "malformed answer: " + what);
    }

    private static String pathPart(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- HTTP ---

    private JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build(), path);
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return send(req, path);
    }

    private JsonNode send(HttpRequest req, String path) throws IOException {
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            // the JDK's ConnectException and timeouts often carry no message of their own
            throw new IOException(baseUrl + path + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the mint");
        }
        byte[] body;
        try (InputStream in = resp.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) throw new MintException(resp.statusCode(), 0, path + ": answer larger than " + MAX_BODY_BYTES + " bytes");
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        int status = resp.statusCode();
        if (status == 200 && json != null && json.isObject()) return json;
        if (json != null && json.isObject() && json.path("code").isIntegralNumber() && json.get("code").asInt() != 0) {
            throw new MintException(status, json.get("code").asInt(), json.path("detail").asText(""));
        }
        String snippet = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        throw new MintException(status, 0, path + ": " + (status == 200 ? "not a JSON object: " : "") + snippet);
    }
}
