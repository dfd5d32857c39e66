package org.sharemint.bitcoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void difficultyOneIsTheDiff1Target() {
        assertEquals(1.0, Targets.difficulty(Targets.DIFF1), 1e-12);
        assertEquals(Targets.DIFF1, Targets.forDifficulty(1.0));
        assertEquals(Targets.DIFF1.divide(BigInteger.valueOf(1024)), Targets.forDifficulty(1024));
        assertEquals(1024.0, Targets.difficulty(Targets.forDifficulty(1024)), 1e-9);
        // below 1: easier than diff1, capped at 2^256-1
        assertEquals(Targets.MAX, Targets.forDifficulty(1e-15));
        assertTrue(Targets.forDifficulty(1e-9).bitLength() >= 253);
    }

    @Test
    void littleEndianRoundTripAndComparison() {
        BigInteger v = new BigInteger("0123456789abcdef", 16).shiftLeft(96);
        byte[] le = Targets.toLe(v);
        assertEquals(v, Targets.toBig(le));
        assertEquals(0x01, le[(96 + 56) / 8] & 0xFF, "most significant byte sits high");
        byte[] smaller = Targets.toLe(v.subtract(BigInteger.ONE));
        assertTrue(Targets.meets(smaller, le));
        assertTrue(Targets.meets(le, le), "equal meets");
        assertFalse(Targets.meets(le, smaller));
    }

    @Test
    void leadingZeroBitsReadTheReversedHash() {
        byte[] h = new byte[32];
        assertEquals(256, Targets.leadingZeroBits(h));
        h[31] = (byte) 0x80;
        assertEquals(0, Targets.leadingZeroBits(h));
        h[31] = 0;
        h[30] = 0x01;
        assertEquals(15, Targets.leadingZeroBits(h));
        h[0] = (byte) 0xff; // low bytes do not matter
        assertEquals(15, Targets.leadingZeroBits(h));
        assertEquals(15, 255 - Targets.toBig(h).bitLength() + 1);
    }

    @Test
    void targetFromHashRate() {
        // 2^32 H/s, 6 shares a minute: 2^32 * 10 hashes per share
        BigInteger t = Targets.forHashRate(4294967296.0, 6);
        BigInteger expected = BigInteger.ONE.shiftLeft(256).divide(BigInteger.valueOf(4294967296L * 10));
        assertTrue(t.subtract(expected).abs().compareTo(expected.shiftRight(40)) < 0, t + " vs " + expected);
        assertEquals(Targets.MAX, Targets.forHashRate(0, 6), "unknown rate: the caller's ceiling applies");
    }

    @Test
    void compactNbits() {
        assertEquals(BigInteger.valueOf(0x7fffff).shiftLeft(8 * (0x20 - 3)), Targets.fromCompact(0x207fffff));
        assertEquals(BigInteger.valueOf(0xffff).shiftLeft(8 * (0x1d - 3)), Targets.fromCompact(0x1d00ffff));
        assertEquals(Targets.DIFF1, Targets.fromCompact(0x1d00ffff));
    }

    @Test
    void difficultyTextForLogs() {
        assertEquals("1", Targets.difficultyText(Targets.toLe(Targets.DIFF1)));
        assertEquals("1024", Targets.difficultyText(Targets.toLe(Targets.DIFF1.shiftRight(10))));
        assertEquals("0.0000000002328", Targets.difficultyText(Targets.toLe(Targets.MAX)), "0xFFFF / 2^48");
        assertEquals("infinite", Targets.difficultyText(new byte[32]));
    }
}
