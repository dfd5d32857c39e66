package org.sharemint.bitcoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Bech32/bech32m (BIP173, BIP350 vectors) and base58check payout addresses, per network. */
class PayoutAddressTest {
    record Vector(String kind, String text, String script) {}

    static List<Vector> vectors() throws Exception {
        List<Vector> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PayoutAddressTest.class.getResourceAsStream("/vectors/bech32/bip173_bip350.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                out.add(new Vector(f[0], f[1], f.length > 2 ? f[2] : null));
            }
        }
        return out;
    }

    @Test
    void bip173AndBip350StringsDecodeWithTheirVariantOrFail() throws Exception {
        int n = 0;
        for (Vector v : vectors()) {
            switch (v.kind()) {
                case "valid-bech32" -> assertEquals(Bech32.Variant.BECH32, Bech32.decode(v.text()).variant(), v.text());
                case "valid-bech32m" -> assertEquals(Bech32.Variant.BECH32M, Bech32.decode(v.text()).variant(), v.text());
                case "invalid" -> assertThrows(IllegalArgumentException.class, () -> Bech32.decode(v.text()), v.text());
                default -> { continue; }
            }
            n++;
        }
        assertEquals(25, n);
    }

    @Test
    void bip350SegwitAddressesGiveTheirScriptsAndInvalidOnesFail() throws Exception {
        int valid = 0, invalid = 0;
        for (Vector v : vectors()) {
            if (v.kind().equals("valid-address")) {
                String hrp = v.text().substring(0, 2).toLowerCase(Locale.ROOT);
                assertEquals(v.script(), HexFormat.of().formatHex(Bech32.segwitScript(hrp, v.text())), v.text());
                Network net = hrp.equals("bc") ? Network.MAINNET : Network.TESTNET4;
                assertEquals(v.script(), HexFormat.of().formatHex(PayoutAddress.script(v.text(), net)), v.text());
                valid++;
            } else if (v.kind().equals("invalid-address")) {
                assertThrows(IllegalArgumentException.class, () -> Bech32.segwitScript("bc", v.text()), v.text());
                assertThrows(IllegalArgumentException.class, () -> Bech32.segwitScript("tb", v.text()), v.text());
                invalid++;
            }
        }
        assertEquals(8, valid);
        assertEquals(15, invalid);
    }

    @Test
    void base58AddressesGiveP2pkhAndP2shScripts() {
        // the genesis block's address, and the P2SH example of the Bitcoin wiki
        assertEquals("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac",
                HexFormat.of().formatHex(PayoutAddress.script("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Network.MAINNET)));
        assertEquals("a914b472a266d0bd89c13706a4132ccfb16f7c3b9fcb87",
                HexFormat.of().formatHex(PayoutAddress.script("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", Network.MAINNET)));
        String testnet = org.sharemint.noise.Base58Check.encode(HexFormat.of().parseHex("6f62e907b15cbf27d5425399ebf6f0fb50ebb88f18"));
        assertEquals("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac", HexFormat.of().formatHex(PayoutAddress.script(testnet, Network.REGTEST)));
    }

    @Test
    void aWrongNetworkOrChecksumIsRefusedWithTheReason() {
        String mainnet = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PayoutAddress.script(mainnet, Network.REGTEST)).getMessage().contains("regtest"));
        assertThrows(IllegalArgumentException.class, () -> PayoutAddress.script("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Network.SIGNET));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PayoutAddress.script("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", Network.MAINNET))
                .getMessage().contains("checksum"));
        assertThrows(IllegalArgumentException.class, () -> PayoutAddress.script("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", Network.MAINNET));
        // regtest's own hrp
        String regtest = Bech32.encode("bcrt", Bitcoin.concat(new byte[] {0}, Bech32.convertBits(new byte[20], 0, 20, 8, 5, true)), Bech32.Variant.BECH32);
        assertEquals("0014" + "00".repeat(20), HexFormat.of().formatHex(PayoutAddress.script(regtest, Network.REGTEST)));
    }
}
