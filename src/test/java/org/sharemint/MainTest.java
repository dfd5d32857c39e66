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
    void versionPrintsTheProjectVersion() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("sharemint \\d+\\.\\d+\\.\\d+\\S*\n"), r.out());
    }

    @Test
    void everyHelpStartsWithAUsageLineThatNamesItsOptions() {
        for (String c : new String[] {"pool", "mint", "miner", "wallet", "keygen", "bench"}) {
            Result r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().startsWith("usage: java -jar sharemint.jar " + c + " "), c + " --help:\n" + r.out());
        }
        // the miner's usage lines (up to the first blank line) name every option its list explains
        String help = run("miner", "--help").out();
        String usage = help.substring(0, help.indexOf("\n\n"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ +(--[a-z-]+)").matcher(help.substring(usage.length()));
        int options = 0;
        while (m.find()) {
            options++;
            assertTrue(usage.contains(m.group(1)), m.group(1) + " missing from the usage line:\n" + usage);
        }
        assertTrue(options >= 11, help);
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
        assertEquals("pool.listen: expected HOST:PORT, got \"abc\"\n", r.said());
    }
}
