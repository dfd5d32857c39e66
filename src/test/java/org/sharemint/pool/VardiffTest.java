package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.sharemint.bitcoin.Targets;

class VardiffTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void nothingChangesBeforeTheWindowEnds() {
        Vardiff v = new Vardiff(6, MINUTE, 0);
        for (int i = 0; i < 100; i++) v.countShare();
        assertTrue(Double.isNaN(v.propose(MINUTE - 1, 1.0)));
    }

    @Test
    void onTargetRateKeepsTheDifficulty() {
        Vardiff v = new Vardiff(6, MINUTE, 0);
        for (int i = 0; i < 8; i++) v.countShare();
        assertTrue(Double.isNaN(v.propose(MINUTE, 5.0)), "8 a minute is within a factor of two of 6");
    }

    @Test
    void tooManySharesRaiseTheDifficultyAtMostFourfold() {
        Vardiff v = new Vardiff(6, MINUTE, 0);
        for (int i = 0; i < 18; i++) v.countShare();
        assertEquals(3.0, v.propose(MINUTE, 1.0), 1e-9);
        for (int i = 0; i < 6000; i++) v.countShare();
        assertEquals(4.0, v.propose(2 * MINUTE, 1.0), 1e-9, "one step is at most x4");
    }

    @Test
    void silenceLowersTheDifficulty() {
        Vardiff v = new Vardiff(6, MINUTE, 0);
        assertEquals(0.25, v.propose(MINUTE, 1.0), 1e-9);
        v.countShare();
        assertEquals(0.25, v.propose(3 * MINUTE, 1.0), 1e-9, "one share in two minutes: a twelfth of the aim, clamped to /4");
        v.countShare();
        v.countShare();
        assertEquals(1.0 / 3, v.propose(4 * MINUTE, 1.0), 1e-9, "two a minute: a third of the aim");
    }

    @Test
    void channelTargetKeepsTheCeilingAndTheMinersMaxTarget() {
        assertEquals(Targets.DIFF1, MiningChannel.targetFor(0, 6, Targets.MAX, Targets.DIFF1));
        assertEquals(BigInteger.TEN, MiningChannel.targetFor(0, 6, BigInteger.TEN, Targets.DIFF1), "max_target caps");
    }
}
