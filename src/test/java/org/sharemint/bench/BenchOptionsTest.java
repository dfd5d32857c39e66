package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharemint.CommandLine;
import org.sharemint.config.ConfigException;

class BenchOptionsTest {
    static BenchOptions parse(String... args) throws ConfigException {
        CommandLine line = CommandLine.parse(List.of(args));
        return BenchOptions.parse(line.words(), line.options());
    }

    @Test
    void defaultsAreTheIssuesFigures() throws ConfigException {
        BenchOptions o = parse();
        assertEquals("all", o.what());
        assertEquals(1000, o.connections());
        assertEquals(8, o.window());
        assertEquals(Duration.ofSeconds(20), o.duration());
        assertEquals(Duration.ofSeconds(5), o.warmup());
        assertEquals(10_000, o.idleConnections());
        assertEquals(List.of("a", "a-pg", "b", "c", "d", "dn", "e"), o.modes(),
                "(a-pg) (a) on PostgreSQL, beside (a); (d) is the mint link in plaintext, then over Noise; (e) SV1 miners");
        assertEquals(List.of("a", "d", "dn"), parse("--modes=d,a").modes());
        assertEquals(List.of("a", "a-pg"), parse("--modes=a-pg,a").modes());
        assertEquals(20, o.batchWindow());
        assertFalse(o.noise());
        assertTrue(o.quotes());
        assertEquals(List.of(BenchOptions.RECOMMENDED_POOL_JVM.split(" ")), o.poolJvm());
        assertEquals(List.of(), parse("--pool-jvm=none").poolJvm());
        assertEquals(List.of(), parse("--pool-jvm=").poolJvm());
        assertEquals(0.5, o.pacedFraction());
        assertEquals(0.02, o.lightFraction());
        assertEquals(Duration.ofSeconds(5), o.settle());
        assertEquals(0.0, parse("--light-fraction=0").lightFraction()); // no light phase
        assertThrows(ConfigException.class, () -> parse("--light-fraction=-0.1"));
    }

    @Test
    void aQuickRunWritesNoFilesUnlessTold() throws ConfigException {
        assertTrue(parse().write());
        assertFalse(parse("--quick").write(), "make bench-quick must not replace the figures of make bench");
        assertTrue(parse("--quick", "--write=true").write());
        assertEquals(400_000, parse().prepareRate()); // above mode (b)'s rate on 2 cores, so no phase grinds while timed
        assertEquals(400_000, parse("--quick").prepareRate());
    }

    /** make run and the bench's pool run with the same JVM options. */
    @Test
    void theMakefileRunsThePoolWithTheRecommendedOptions() throws Exception {
        String makefile = java.nio.file.Files.readString(java.nio.file.Path.of("Makefile"));
        assertTrue(makefile.contains("\nPOOL_JVM ?= " + BenchOptions.RECOMMENDED_POOL_JVM + "\n"), "Makefile's POOL_JVM differs from BenchOptions.RECOMMENDED_POOL_JVM");
        assertTrue(makefile.contains("$(JAVA) $(POOL_JVM) "), "make run does not use POOL_JVM");
    }

    @Test
    void scaleTakesItsCountFromConnectionsAndPoolKeysPassThrough() throws ConfigException {
        BenchOptions o = parse("scale", "--connections=100000", "--share.mint-timeout-ms=2000", "--pool-jvm=-Xmx2g -XX:+UseZGC");
        assertTrue(o.runsScale() && !o.runsLoad());
        assertEquals(100_000, o.idleConnections());
        assertEquals(Map.of("share.mint-timeout-ms", "2000"), o.poolSettings());
        assertEquals(List.of("-Xmx2g", "-XX:+UseZGC"), o.poolJvm());
    }

    @Test
    void theSwapLoadRunsInAllAndAloneButNotWithATarget() throws ConfigException {
        assertTrue(parse().runsSwap());
        BenchOptions swap = parse("swap");
        assertTrue(swap.runsSwap());
        assertFalse(swap.runsLoad());
        assertFalse(swap.runsScale());
        assertFalse(parse("load").runsSwap());
        assertFalse(parse("--target=127.0.0.1:1").runsSwap());
        assertEquals(16, parse().swapClients());
        assertEquals(4, parse("--swap-clients=4").swapClients());
        assertEquals(8, parse().swapOutputs());
        assertEquals(64, parse("--swap-outputs=64").swapOutputs());
        assertThrows(ConfigException.class, () -> parse("--swap-outputs=12"));
        assertThrows(ConfigException.class, () -> parse("--swap-outputs=128"));
    }

    @Test
    void badValuesNameTheOption() {
        assertTrue(assertThrows(ConfigException.class, () -> parse("--window=0")).getMessage().startsWith("--window:"));
        assertEquals(List.of("a", "b"), assertDoesNotThrow(() -> parse("--modes=b,a")).modes());
        assertTrue(assertThrows(ConfigException.class, () -> parse("--modes=a,f")).getMessage().startsWith("--modes:"));
        assertTrue(assertThrows(ConfigException.class, () -> parse("--share.batch-size=x")).getMessage().startsWith("share.batch-size:"));
        assertTrue(assertThrows(ConfigException.class, () -> parse("--no.such-key=1")).getMessage().contains("unknown key"));
        assertTrue(assertThrows(ConfigException.class, () -> parse("sideways")).getMessage().contains("all, load, scale or swap"));
        assertTrue(assertThrows(ConfigException.class, () -> parse("--target=nowhere")).getMessage().startsWith("--target:"));
    }

    @Test
    void sourceAddressesSpreadPastTwentyThousand() throws Exception {
        assertEquals("127.0.0.1", Connector.sourceAddress(0).getHostAddress());
        assertEquals("127.0.0.1", Connector.sourceAddress(Connector.PER_SOURCE - 1).getHostAddress());
        assertEquals("127.0.0.2", Connector.sourceAddress(Connector.PER_SOURCE).getHostAddress());
        assertEquals("127.0.1.0", Connector.sourceAddress(255 * Connector.PER_SOURCE).getHostAddress());
    }
}
