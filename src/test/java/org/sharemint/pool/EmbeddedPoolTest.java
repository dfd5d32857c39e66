package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesSuccess;

/** The pool as the command runs it: Noise on the listener, the embedded mint with its ledger and HTTP API. */
class EmbeddedPoolTest {
    @TempDir
    Path dir;

    @Test
    void shareOverNoiseBecomesAPaidQuoteInTheEmbeddedMint() throws Exception {
        Config config = Config.of(Map.of(
                "data.dir", dir.toString(),
                "pool.listen", "127.0.0.1:0",
                "monitor.listen", "127.0.0.1:0",
                "mint.http.listen", "127.0.0.1:0",
                "channel.min-difficulty", "0.000000001"));
        try (PoolServer pool = PoolServer.start(config)) {
            assertNotNull(pool.mintHttpAddress());
            byte[] authority = AuthorityKey.parsePublicKey(pool.noiseAuthorityKey());
            try (Sv2TestClient c = Sv2TestClient.connectNoise(pool.minerAddress(), authority)) {
                c.setup();
                c.requestEhash();
                Sv2TestClient.Channel ch = c.openExtended(PoolFixture.IDENTITY, 8);
                Sv2TestClient.Share share = c.findShare(ch, true);
                c.submit(share, 1);
                c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 1);
                ShareQuote q = c.find(ShareQuote.class, x -> x.sequenceNumber() == 1);
                try (HttpClient http = HttpClient.newHttpClient()) {
                    URI uri = URI.create("http://127.0.0.1:" + pool.mintHttpAddress().getPort() + "/v1/mint/quote/ehash/" + q.quoteId());
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode quote = new ObjectMapper().readTree(r.body());
                    assertEquals("PAID", quote.get("state").asText());
                    assertEquals(q.amount(), quote.get("amount").asLong());
                    assertEquals("hash", quote.get("unit").asText());
                    assertEquals(PoolFixture.KEY_HEX, quote.get("pubkey").asText(), "locked to the channel's key");
                    byte[] reversed = share.hash().clone();
                    for (int i = 0; i < 16; i++) {
                        byte t = reversed[i];
                        reversed[i] = reversed[31 - i];
                        reversed[31 - i] = t;
                    }
                    assertEquals(HexFormat.of().formatHex(reversed), quote.get("request").asText());
                }
            }
        }
        assertTrue(dir.resolve(AuthorityKey.FILE_NAME).toFile().exists());
    }
}
