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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sharemint.bitcoin.Bitcoin;

/** The synthetic job source: a well-formed coinbase, blocks and refreshes. */
class SyntheticChainTest {
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
