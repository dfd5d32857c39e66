package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * mint.input-fee-ppk (NUT-02 input_fee_ppk) against a real mint over HTTP: the keyset shows it,
 * a swap must leave fee = ceil(sum of its inputs' ppk / 1000) unclaimed, and the reference
 * wallet pays it when it sends and receives.
 */
class InputFeeTest extends WalletMintFixture {
    @Override
    Map<String, String> mintSettings() {
        return Map.of("mint.input-fee-ppk", "500");
    }

    @Test
    void theKeysetShowsItsFee() throws Exception {
        for (String path : List.of("/v1/keysets", "/v1/keys")) {
            JsonNode ks = KeysetRotationTest.get(mint.url() + path).get("keysets").get(0);
            assertEquals(mint.mint.activeKeysetId(), ks.get("id").asText());
            assertEquals(500, ks.get("input_fee_ppk").asInt(), path);
        }
    }

    @Test
    void aSwapThatDoesNotLeaveTheFeeIsRefusedWith11005() throws Exception {
        List<Proof> inputs;
        try (Wallet x = open("x")) {
            TestMint.record(x, mint.quotes(x.lockingPubkeyHex(), 4, 1));
            new Redeemer(x, clock).redeemDue();
            inputs = x.store().unspent(); // used here by hand only; x is not opened again
        }
        MintClient client = new MintClient(mint.url(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
        String id = mint.mint.activeKeysetId();
        // two inputs of 500 ppk: fee 1, so 5 in may give 4 out, not 5
        MintException unbalanced = assertThrows(MintException.class,
            () -> client.swap(inputs, List.of(BlindedOutput.create(4, id, random), BlindedOutput.create(1, id, random))));
        assertEquals(11005, unbalanced.code(), unbalanced.getMessage());
        assertEquals(1, client.swap(inputs, List.of(BlindedOutput.create(4, id, random))).size());
    }

    @Test
    void theWalletPaysTheFeeWhenItSendsAndReceives() throws Exception {
        try (Wallet a = open("a"); Wallet b = open("b")) {
            TestMint.record(a, mint.quotes(a.lockingPubkeyHex(), 4, 1));
            new Redeemer(a, clock).redeemDue();
            String token = a.send(3); // no subset makes 3: the 4 swaps into 2 + 1 (sent), fee 1
            assertEquals(1, a.balance(), "5 - 3 sent - 1 fee");
            assertEquals(3, Token.decode(token).amount());
            assertEquals(2, b.receive(token), "receiving swaps two proofs: fee 1");
            assertEquals(2, b.balance());
        }
    }
}
