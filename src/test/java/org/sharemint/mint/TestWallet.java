package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Dleq;
import org.sharemint.crypto.Secp256k1;

/**
 * The mint's HTTP API at the wire, for the tests that assert on it: raw requests and the raw
 * answers (status, Cashu code, JSON shape), legacy and malformed forms included, which the
 * wallet's client ({@code org.sharemint.wallet.MintClient}, used where a test acts as a wallet)
 * checks and hides. Blinds, signs (NUT-20), unblinds and verifies with the public crypto helpers.
 */
final class TestWallet {
    static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A spendable proof and the key that verifies it. */
    record Proof(long amount, String keysetId, String secret, ECPoint c) {
        ObjectNode json() {
            ObjectNode o = JSON.createObjectNode();
            Views.putAmount(o, "amount", amount);
            o.put("id", keysetId);
            o.put("secret", secret);
            o.put("C", HEX.formatHex(c.getEncoded(true)));
            return o;
        }

        String y() {
            return HEX.formatHex(CashuCrypto.hashToCurve(secret).getEncoded(true));
        }
    }

    /** Outputs a wallet made: the blinded messages and what it needs to unblind them. */
    record Outputs(List<Long> amounts, List<String> secrets, List<BigInteger> rs, List<byte[]> blinded, String keysetId) {
        ArrayNode json() {
            ArrayNode a = JSON.createArrayNode();
            for (int i = 0; i < amounts.size(); i++) {
                ObjectNode o = a.addObject();
                Views.putAmount(o, "amount", amounts.get(i));
                o.put("id", keysetId);
                o.put("B_", HEX.formatHex(blinded.get(i)));
            }
            return a;
        }
    }

    record Response(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt(-1);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final SecureRandom random = new SecureRandom();

    TestWallet(InetSocketAddress mint) {
        this.base = "http://" + mint.getHostString() + ":" + mint.getPort();
    }

    Response get(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
        return response(http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    Response post(String path, JsonNode body) throws Exception {
        return postRaw(path, JSON.writeValueAsBytes(body));
    }

    Response postRaw(String path, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return response(http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    private static Response response(HttpResponse<String> r) throws Exception {
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (!ct.startsWith("application/json")) throw new AssertionError("not JSON (" + ct + "): " + r.body());
        return new Response(r.statusCode(), JSON.readTree(r.body().getBytes(StandardCharsets.UTF_8)));
    }

    /** The active keyset's id and keys from GET /v1/keys. */
    JsonNode activeKeyset() throws Exception {
        Response r = get("/v1/keys");
        if (r.status() != 200) throw new AssertionError(r.body().toString());
        return r.body().get("keysets").get(0);
    }

    ECPoint mintKey(JsonNode keyset, long amount) throws Exception {
        return Secp256k1.decodePoint(HEX.parseHex(keyset.get("keys").get(Long.toUnsignedString(amount)).asText()));
    }

    Outputs outputs(String keysetId, long... amounts) {
        List<Long> a = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<BigInteger> rs = new ArrayList<>();
        List<byte[]> blinded = new ArrayList<>();
        for (long amount : amounts) {
            byte[] s = new byte[32];
            random.nextBytes(s);
            String secret = HEX.formatHex(s);
            BigInteger r = Secp256k1.randomScalar(random);
            a.add(amount);
            secrets.add(secret);
            rs.add(r);
            blinded.add(Secp256k1.compressed(CashuCrypto.blind(secret.getBytes(StandardCharsets.UTF_8), r)));
        }
        return new Outputs(a, secrets, rs, blinded, keysetId);
    }

    /** The amended NUT-20 signature (what cashu-ts 4.x sends first). */
    String signAmended(BigInteger key, String quoteId, Outputs o) {
        long[] amounts = o.amounts().stream().mapToLong(Long::longValue).toArray();
        return HEX.formatHex(CashuCrypto.signMintQuote(key, CashuCrypto.mintQuoteDigest(quoteId, amounts, o.blinded()), aux()));
    }

    /** The original NUT-20 signature over quote id and B_ hex strings. */
    String signLegacy(BigInteger key, String quoteId, Outputs o) {
        return HEX.formatHex(CashuCrypto.signMintQuote(key, CashuCrypto.mintQuoteDigestLegacy(quoteId, o.blinded()), aux()));
    }

    private byte[] aux() {
        byte[] a = new byte[32];
        random.nextBytes(a);
        return a;
    }

    ObjectNode mintRequest(String quoteId, Outputs o, String signature) {
        ObjectNode req = JSON.createObjectNode();
        req.put("quote", quoteId);
        req.set("outputs", o.json());
        if (signature != null) req.put("signature", signature);
        return req;
    }

    ObjectNode swapRequest(List<Proof> inputs, Outputs o) {
        ObjectNode req = JSON.createObjectNode();
        ArrayNode in = req.putArray("inputs");
        for (Proof p : inputs) in.add(p.json());
        req.set("outputs", o.json());
        return req;
    }

    /** Unblinds the signatures of a 200 answer, checking each one's DLEQ proof against the mint's published key. */
    List<Proof> unblind(Response r, Outputs o, JsonNode keyset) throws Exception {
        if (r.status() != 200) throw new AssertionError("mint refused: " + r.body());
        JsonNode sigs = r.body().get("signatures");
        if (sigs.size() != o.amounts().size()) throw new AssertionError("signatures: " + sigs);
        List<Proof> proofs = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            JsonNode s = sigs.get(i);
            long amount = o.amounts().get(i);
            if (!Long.toUnsignedString(amount).equals(s.get("amount").asText())) throw new AssertionError("amount " + s);
            ECPoint k = mintKey(keyset, amount);
            ECPoint cBlind = Secp256k1.decodePoint(HEX.parseHex(s.get("C_").asText()));
            checkDleq(s, k, o.blinded().get(i));
            ECPoint c = CashuCrypto.unblind(cBlind, o.rs().get(i), k);
            proofs.add(new Proof(amount, s.get("id").asText(), o.secrets().get(i), c));
        }
        return proofs;
    }

    /** The signature's NUT-12 proof {e, s} verifies against the published key k and the wallet's B_ (the wallet's check, {@link Dleq#verify}). */
    static void checkDleq(JsonNode sig, ECPoint k, byte[] blinded) throws Exception {
        JsonNode d = sig.get("dleq");
        if (d == null || !d.isObject()) throw new AssertionError("no dleq in " + sig);
        ECPoint cBlind = Secp256k1.decodePoint(HEX.parseHex(sig.get("C_").asText()));
        if (!Dleq.verify(HEX.parseHex(d.get("e").asText()), HEX.parseHex(d.get("s").asText()), k, Secp256k1.decodePoint(blinded), cBlind)) {
            throw new AssertionError("the DLEQ proof does not verify: " + sig);
        }
    }

    /** C == k·hash_to_curve(secret), checked with the mint's private key (tests only). */
    static boolean verifiedBy(Keyset keyset, Proof p) {
        int e = Long.numberOfTrailingZeros(p.amount());
        return CashuCrypto.hashToCurve(p.secret()).multiply(keyset.privateKey(e)).equals(p.c());
    }

    ObjectNode checkstateRequest(List<Proof> proofs) {
        ObjectNode req = JSON.createObjectNode();
        ArrayNode ys = req.putArray("Ys");
        for (Proof p : proofs) ys.add(p.y());
        return req;
    }

    static ObjectMapper json() {
        return JSON;
    }
}
