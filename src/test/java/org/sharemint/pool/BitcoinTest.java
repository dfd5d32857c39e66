package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.crypto.Hashes;

class BitcoinTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bip34HeightPushIsMinimal() {
        assertEquals("00", HEX.formatHex(Bitcoin.heightPush(0)));
        assertEquals("51", HEX.formatHex(Bitcoin.heightPush(1)));
        assertEquals("60", HEX.formatHex(Bitcoin.heightPush(16)));
        assertEquals("0111", HEX.formatHex(Bitcoin.heightPush(17)));
        assertEquals("0164", HEX.formatHex(Bitcoin.heightPush(100)));
        assertEquals("028000", HEX.formatHex(Bitcoin.heightPush(128)), "sign bit needs a zero byte");
        assertEquals("03a08601", HEX.formatHex(Bitcoin.heightPush(100_000)));
        assertEquals("03b0d20c", HEX.formatHex(Bitcoin.heightPush(840_368)));
    }

    /** The path folded from the coinbase gives the root of the whole tree, odd levels duplicated. */
    @Test
    void merklePathMatchesTheFullTree() {
        Random r = new Random(1);
        for (int n = 0; n <= 9; n++) {
            List<byte[]> txids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] t = new byte[32];
                r.nextBytes(t);
                txids.add(t);
            }
            byte[] cb = new byte[32];
            r.nextBytes(cb);
            List<byte[]> all = new ArrayList<>();
            all.add(cb);
            all.addAll(txids);
            assertArrayEquals(fullRoot(all), Bitcoin.merkleRoot(cb, Bitcoin.merklePathOfFirst(txids)), "n=" + n);
        }
    }

    private static byte[] fullRoot(List<byte[]> level) {
        while (level.size() > 1) {
            if (level.size() % 2 == 1) level.add(level.get(level.size() - 1));
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) next.add(Hashes.sha256d(Bitcoin.concat(level.get(i), level.get(i + 1))));
            level = next;
        }
        return level.get(0);
    }

    @Test
    void syntheticCoinbaseIsAWellFormedTransaction() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
        SyntheticChain chain = new SyntheticChain(clock, new Random(7), "/sharemint-test/");
        Template t = chain.current();
        assertTrue(t.newBlock());
        assertEquals(1_700_000_000, t.ntime());
        byte[] extranonce = new byte[Extranonce.TOTAL_BYTES];
        ByteBuffer tx = ByteBuffer.wrap(Bitcoin.concat(t.coinbasePrefix(), extranonce, t.coinbaseSuffix())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, tx.getInt(), "version");
        assertEquals(1, tx.get(), "one input");
        byte[] prevout = new byte[32];
        tx.get(prevout);
        assertArrayEquals(new byte[32], prevout);
        assertEquals(-1, tx.getInt(), "prevout index 0xffffffff");
        int scriptLength = tx.get() & 0xFF;
        assertTrue(scriptLength >= 2 && scriptLength <= 100, "coinbase scriptSig is 2..100 bytes");
        byte[] script = new byte[scriptLength];
        tx.get(script);
        byte[] height = Bitcoin.heightPush(t.height());
        assertArrayEquals(height, java.util.Arrays.copyOf(script, height.length), "BIP34: the script starts with the height");
        assertEquals(Extranonce.TOTAL_BYTES, script[height.length], "a push of the extranonce");
        assertTrue(new String(script, StandardCharsets.ISO_8859_1).contains("/sharemint-test/"));
        assertEquals(-1, tx.getInt(), "sequence");
        assertEquals(1, tx.get(), "one output");
        assertEquals(SyntheticChain.subsidy(t.height()), tx.getLong());
        int spk = tx.get();
        tx.position(tx.position() + spk);
        assertEquals(0, tx.getInt(), "locktime");
        assertEquals(0, tx.remaining());
        assertEquals(2, t.merklePath().size(), "coinbase + three transactions: a tree of two levels");
    }

    @Test
    void blocksAndRefreshes() {
        Clock clock = Clock.systemUTC();
        SyntheticChain chain = new SyntheticChain(clock, new Random(7), "x");
        Template a = chain.current();
        Template b = chain.refresh();
        Template c = chain.newBlock();
        assertEquals(a.epoch(), b.epoch());
        assertArrayEquals(a.prevHash(), b.prevHash());
        assertTrue(!b.newBlock() && c.newBlock());
        assertEquals(a.epoch() + 1, c.epoch());
        assertEquals(a.height() + 1, c.height());
        assertTrue(a.jobId() < b.jobId() && b.jobId() < c.jobId());
        assertEquals(SyntheticChain.NBITS, c.nbits());
    }
}
