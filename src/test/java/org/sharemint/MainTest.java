package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.CommandRun.run;

import org.junit.jupiter.api.Test;
import org.sharemint.CommandRun.Result;

class MainTest {
    @Test
    void helpListsCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"pool", "mint", "miner", "wallet", "keygen", "bench"}) assertTrue(r.out().contains("  " + c), r.out());
    }

    @Test
    void unknownCommandPrintsUsageAndExits2() {
        Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown command") && r.err().contains("usage:"), r.err());
    }

    @Test
    void badConfigValueIsOneLineAndExit2() {
        Result r = run("pool", "--pool.listen=abc");
        assertEquals(2, r.code());
        assertEquals("pool.listen: expected HOST:PORT, got \"abc\"\n", r.err());
    }
}
