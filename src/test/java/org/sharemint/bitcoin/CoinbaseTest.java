package org.sharemint.bitcoin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's coinbase, read back by the test's own parser. */
class CoinbaseTest {
    static final byte[] PAYOUT = HexFormat.of().parseHex("0014" + "22".repeat(20));

    static BlockTemplate template(int height, long value, byte[] commitment, byte[] tpPrefix, byte[] tpOutputs, int tpCount) {
        return new BlockTemplate(1, height, 0x20000000, new byte[32], 0x207fffff, 1_700_000_000L, 1_700_000_000L, value, List.of(),
                commitment, tpPrefix, tpOutputs, tpCount, null, 2, 0xFFFFFFFF, 0, 80_000, 4_000_000);
    }

    @Test
    void aLongTagIsCutSoTheScriptSigStaysWithin100Bytes() {
        BlockTemplate t = template(840_000, 312_500_000L, null, new byte[0], new byte[0], 0);
        Coinbase cb = Coinbase.build(t, PAYOUT, "x".repeat(200).getBytes(), 32);
        BlockReader.Tx tx = BlockReader.readTx(cb.bytes(new byte[32]));
        assertEquals(100, tx.scriptSig0().length);
        assertEquals(840_000, BlockReader.bip34Height(tx.scriptSig0()));
        assertEquals(312_500_000L, tx.outputs().get(0).value());
        assertArrayEquals(PAYOUT, tx.outputs().get(0).script());
        assertFalse(cb.witness(), "no commitment, no witness");
        assertArrayEquals(cb.bytes(new byte[32]), Coinbase.blockForm(cb.bytes(new byte[32]), false));
    }

    @Test
    void theWitnessCommitmentIsTheLastOutputAndTheBlockFormCarriesTheReservedValue() {
        byte[] commitment = HexFormat.of().parseHex("6a24aa21a9ed" + "55".repeat(32));
        Coinbase cb = Coinbase.build(template(17, 1000, commitment, new byte[0], new byte[0], 0), PAYOUT, "/t/".getBytes(), 32);
        byte[] plain = cb.bytes(new byte[8], new byte[24]);
        BlockReader.Tx block = BlockReader.readTx(Coinbase.blockForm(plain, true));
        assertTrue(block.segwit());
        assertArrayEquals(new byte[32], block.witnesses().get(0).get(0));
        assertArrayEquals(BlockReader.sha256d(plain), block.txid(), "the txid is of the form without witness");
        assertArrayEquals(commitment, block.outputs().get(1).script());
        assertEquals(0, block.outputs().get(1).value());
        assertEquals(17, BlockReader.bip34Height(block.scriptSig0()), "OP_17 for a small height");
    }

    @Test
    void aTemplateProvidersPrefixStandsForTheHeightAndItsOutputsComeLast() {
        byte[] output = HexFormat.of().parseHex("0000000000000000" + "03" + "6a0101");
        Coinbase cb = Coinbase.build(template(0, 5000, null, Bitcoin.heightPush(123_456), output, 1), PAYOUT, new byte[0], 32);
        BlockReader.Tx tx = BlockReader.readTx(cb.bytes(new byte[32]));
        assertEquals(123_456, BlockReader.bip34Height(tx.scriptSig0()));
        assertEquals(2, tx.outputs().size());
        assertArrayEquals(HexFormat.of().parseHex("6a0101"), tx.outputs().get(1).script());
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Coinbase.build(template(5, -1, null, new byte[0], new byte[0], 0), PAYOUT, new byte[0], 32));
        assertThrows(IllegalArgumentException.class,
                () -> Coinbase.build(template(5, 21_000_000L * 100_000_000L + 1, null, new byte[0], new byte[0], 0), PAYOUT, new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> Coinbase.build(template(5, 1, null, new byte[90], new byte[0], 0), PAYOUT, new byte[0], 32));
    }
}
