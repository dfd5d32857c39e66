package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.sharemint.mint.QuoteResult;

/**
 * NUT-12 as the reference wallet meets it, against a real embedded mint over loopback HTTP:
 * every proof it mints or swaps for carries a DLEQ proof it checked, the tokens it sends let a
 * receiver check them offline, and a mint answer whose proof is false or missing is refused.
 */
class WalletDleqTest extends WalletMintFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    Wallet open(String name, String url) throws IOException {
        return Wallet.open(tmp.resolve(name), url, random, clock);
    }

    Keysets keysets(String url) {
        return new Keysets(new MintClient(url, HttpClient.newHttpClient(), Duration.ofSeconds(10)));
    }

    @Test
    void mintedAndSwappedProofsCarryDleqProofsAReceiverChecksOffline() throws Exception {
        try (Wallet a = open("a", mint.url()); Wallet b = open("b", mint.url())) {
            TestMint.record(a, mint.quotes(a.lockingPubkeyHex(), 4, 1));
            assertEquals(2, new Redeemer(a, clock).redeemDue());
            Keysets published = keysets(mint.url());
            for (Proof p : a.store().unspent()) {
                assertNotNull(p.dleq(), "minted: " + p);
                assertNotNull(p.dleq().r(), "the wallet keeps its blinding factor with the proof");
                Unblinding.checkProofDleq(p, published); // throws when false
            }
            String token = a.send(3); // no subset of {4, 1} makes 3: a swap
            List<Proof> sent = Token.decode(token).proofs();
            assertEquals(2, sent.size());
            for (Proof p : sent) {
                assertNotNull(p.dleq(), "sent: " + p);
                assertNotNull(p.dleq().r());
                Unblinding.checkProofDleq(p, published);
            }
            assertEquals(3, b.receive(token));
        }
    }

    @Test
    void aTokenWithAFalseDleqIsRefusedBeforeTheMintIsAsked() throws Exception {
        try (Wallet a = open("a", mint.url()); Wallet b = open("b", mint.url())) {
            TestMint.record(a, mint.quotes(a.lockingPubkeyHex(), 2));
            new Redeemer(a, clock).redeemDue();
            String token = a.send(2);
            Token t = Token.decode(token);
            Proof p = t.proofs().get(0);
            byte[] e = p.dleq().e().clone();
            e[0] ^= 1;
            Proof forged = new Proof(p.amount(), p.keysetId(), p.secret(), p.c(), new Proof.Dleq(e, p.dleq().s(), p.dleq().r()));
            String bad = new Token(t.mint(), t.unit(), t.memo(), List.of(forged)).encode();
            IOException refused = assertThrows(IOException.class, () -> b.receive(bad));
            assertTrue(refused.getMessage().contains("DLEQ"), refused.getMessage());
            assertEquals(0, b.balance());
            assertEquals(2, b.receive(token), "the proof was not spent by the refused attempt");
        }
    }

    @Test
    void aMintAnswerWithAChangedDleqProofIsRefused() throws Exception {
        refusedThroughProxy(sig -> {
            ObjectNode dleq = (ObjectNode) sig.get("dleq");
            String s = dleq.get("s").asText();
            dleq.put("s", s.substring(0, 63) + (s.charAt(63) == '0' ? '1' : '0'));
        });
    }

    @Test
    void aMintAnswerWithoutDleqProofIsRefused() throws Exception {
        refusedThroughProxy(sig -> sig.remove("dleq"));
    }

    /** The wallet redeems through a proxy that changes every signature in the mint's answer; the mint itself signed. */
    private void refusedThroughProxy(Consumer<ObjectNode> tamper) throws Exception {
        try (TamperingProxy proxy = new TamperingProxy(mint.url(), tamper); Wallet w = open("w", proxy.url())) {
            List<QuoteResult.Quote> quotes = mint.quotes(w.lockingPubkeyHex(), 8);
            TestMint.record(w, quotes);
            assertEquals(Wallet.Outcome.LOST, w.redeem(quotes.get(0).quoteId()));
            WalletStore.Quote q = w.store().quote(quotes.get(0).quoteId());
            assertTrue(q.detail().contains("DLEQ"), q.detail());
            assertEquals(0, w.balance(), "no proof from a signature that is not proven");
        }
    }

    /** Forwards every request to the mint; in answers to POST /v1/mint/ehash, hands each signature to {@code tamper}. */
    static final class TamperingProxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();

        TamperingProxy(String mintUrl, Consumer<ObjectNode> tamper) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", ex -> {
                try (ex) {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(mintUrl + ex.getRequestURI()))
                        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                    ex.getRequestHeaders().forEach((k, v) -> { if (k.equalsIgnoreCase("Content-Type")) req.header(k, v.get(0)); });
                    HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                    byte[] out = r.body();
                    if (ex.getRequestURI().getPath().equals("/v1/mint/ehash") && r.statusCode() == 200) {
                        JsonNode answer = JSON.readTree(out);
                        for (JsonNode s : answer.get("signatures")) tamper.accept((ObjectNode) s);
                        out = JSON.writeValueAsBytes(answer);
                    }
                    ex.getResponseHeaders().set("Content-Type", r.headers().firstValue("Content-Type").orElse("application/json"));
                    ex.sendResponseHeaders(r.statusCode(), out.length);
                    ex.getResponseBody().write(out);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
