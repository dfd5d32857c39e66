package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.CommandRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun.Result;
import org.sharemint.mint.QuoteResult;

/**
 * {@code sharemint mint rotate-keyset} in the middle of mining (NUT-02): the mint is stopped,
 * rotated and started again on its data.dir while a wallet stays open; ecash and quotes from
 * before the rotation still redeem and swap, quotes after it carry the new keyset.
 */
class KeysetRotationTest {
    private static final HexFormat HEX = HexFormat.of();
    @TempDir
    Path tmp;
    final SecureRandom random = new SecureRandom();
    final Clock clock = Clock.systemUTC();

    @Test
    void quotesAndProofsFromBeforeARotationStillRedeemAndSwapIntoTheNewKeyset() throws Exception {
        Path dir = tmp.resolve("mint");
        String oldId, port;
        List<QuoteResult.Quote> before;
        TestMint mint = new TestMint(dir);
        try (Wallet w = Wallet.open(tmp.resolve("w"), mint.url(), random, clock)) {
            oldId = mint.mint.activeKeysetId();
            port = String.valueOf(mint.mint.httpAddress().getPort());
            TestMint.record(w, mint.quotes(w.lockingPubkeyHex(), 16));
            assertEquals(1, new Redeemer(w, clock).redeemDue());
            before = mint.quotes(w.lockingPubkeyHex(), 2); // quoted, not yet redeemed
            TestMint.record(w, before);
            assertEquals(oldId, HEX.formatHex(before.get(0).keysetId()));

            Result locked = run("mint", "rotate-keyset", "--data.dir=" + dir);
            assertEquals(2, locked.code(), "a running mint holds data.dir: " + locked.out());
            assertTrue(locked.err().contains("lock"), locked.err());
            mint.close();

            Result r = run("mint", "rotate-keyset", "--data.dir=" + dir);
            assertEquals(0, r.code(), r.err());
            mint = new TestMint(dir, Map.of("mint.http.listen", "127.0.0.1:" + port));
            String newId = mint.mint.activeKeysetId();
            assertNotEquals(oldId, newId);
            assertTrue(r.out().contains("active keyset " + newId) && r.out().contains(oldId + " is inactive"), r.out());

            JsonNode keysets = get(mint.url() + "/v1/keysets").get("keysets");
            Map<String, Boolean> active = java.util.stream.StreamSupport.stream(keysets.spliterator(), false)
                .collect(Collectors.toMap(k -> k.get("id").asText(), k -> k.get("active").asBoolean()));
            assertEquals(Map.of(oldId, false, newId, true), active);

            List<QuoteResult.Quote> after = mint.quotes(w.lockingPubkeyHex(), 4);
            assertEquals(newId, HEX.formatHex(after.get(0).keysetId()), "new quotes (and so the pool's ShareQuote) carry the new keyset at once");
            TestMint.record(w, after);
            // the open wallet still takes the old keyset for active: the mint says 12002 once, the wallet asks again
            Wallet.Outcome first = w.redeem(before.get(0).quoteId());
            if (first == Wallet.Outcome.RETRY) first = w.redeem(before.get(0).quoteId());
            assertEquals(Wallet.Outcome.ISSUED, first, "a quote from before the rotation redeems");
            assertEquals(Wallet.Outcome.ISSUED, w.redeem(after.get(0).quoteId()));
            assertEquals(16 + 2 + 4, w.balance());

            Set<String> oldKeysetProofs = w.store().unspent().stream().filter(p -> p.keysetId().equals(oldId)).map(Proof::secret).collect(Collectors.toSet());
            assertEquals(1, oldKeysetProofs.size(), "the 16 from before");
            String token = w.send(11); // no subset of {16, 4, 2} makes 11: the old 16 swaps into 8 + 2 + 1 (sent) and 4 + 1 (kept) of the new keyset
            assertTrue(Token.decode(token).proofs().stream().allMatch(p -> newId.startsWith(p.keysetId())), "V4 tokens carry the short id");
            assertTrue(w.store().unspent().stream().noneMatch(p -> oldKeysetProofs.contains(p.secret())));
            assertTrue(w.store().unspent().stream().allMatch(p -> p.keysetId().equals(newId)));
            assertEquals(16 + 2 + 4 - 11, w.balance());
        } finally {
            mint.close();
        }
    }

    @Test
    void aDataDirWithoutAMintIsNotRotated() {
        Result r = run("mint", "rotate-keyset", "--data.dir=" + tmp.resolve("empty"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no mint"), r.err());
        assertFalse(tmp.resolve("empty").resolve("mint.seed").toFile().exists());
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }
}
