package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

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
