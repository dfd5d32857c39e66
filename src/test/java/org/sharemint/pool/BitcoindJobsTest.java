package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.BlockReader;
import org.sharemint.bitcoin.Targets;
import org.sharemint.config.ConfigException;
import org.sharemint.crypto.Hashes;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.jobs.FakeBitcoind;
import org.sharemint.noise.Base58Check;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * jobs.source=bitcoind against a fake Bitcoin Core on a real HTTP socket: jobs from its
 * templates, blocks submitted and checked by a parser that shares no code with the pool's
 * builder, a new block noticed, and the node's faults.
 */
class BitcoindJobsTest {
    /** A regtest P2PKH address (version 0x6f) of twenty 0x11 bytes, and the script it stands for. */
    static final String PAYOUT = Base58Check.encode(HexFormat.of().parseHex("6f" + "11".repeat(20)));
    static final String PAYOUT_SCRIPT = "76a914" + "11".repeat(20) + "88ac";

    @TempDir
    Path dir;

    static Map<String, String> keys(FakeBitcoind node) {
        Map<String, String> m = new HashMap<>();
        m.put("jobs.source", "bitcoind");
        m.put("jobs.network", "regtest");
        m.put("pool.payout-address", PAYOUT);
        m.put("pool.tag", "/sharemint-test/");
        m.put("jobs.bitcoind.url", node.url());
        m.put("jobs.bitcoind.user", FakeBitcoind.USER);
        m.put("jobs.bitcoind.password", FakeBitcoind.PASSWORD);
        m.put("jobs.refresh-ms", "600000");
        return m;
    }

    @Test
    void aBlockMeetingShareIsSubmittedWholeAndStillPaid() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs());
                PoolFixture pool = new PoolFixture(dir, keys(node));
                Sv2TestClient c = pool.client(true)) {
            awaitTemplate(pool);
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            assertArrayEquals(node.prevHash(), ch.prevHash, "the job builds on the node's tip");
            assertEquals(0x207fffff, ch.nbits, "the template's bits");
            Sv2TestClient.Share s = c.findShare(ch, true);
            assertTrue(Targets.meets(s.hash(), Targets.toLe(Targets.fromCompact(ch.nbits))), "on regtest bits a share is a block");
            c.submit(s, 1);
            Sv2TestClient.waiting().until(() -> node.submitted.size() == 1);
            checkBlock(node, node.submitted.get(0), s.hash());
            c.awaitMessage(SubmitSharesSuccess.class, x -> x.channelId() == ch.id);
            Sv2TestClient.waiting().until(() -> pool.scrape("/metrics").contains("sharemint_blocks_submitted_total{result=\"accepted\"} 1"));
            assertTrue(node.authHeaders.stream().noneMatch(h -> h.contains(FakeBitcoind.PASSWORD)), "the password travels only base64-encoded");
        }
    }

    @Test
    void anExtendedChannelsBlockCarriesThePrefixAndTheMinersExtranonce() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs());
                PoolFixture pool = new PoolFixture(dir, keys(node));
                Sv2TestClient c = pool.client(true)) {
            awaitTemplate(pool);
            Sv2TestClient.Channel ch = c.openExtended(PoolFixture.IDENTITY, 24);
            Sv2TestClient.Job job = ch.active;
            byte[] extranonce = new byte[ch.extranonceSize];
            for (int i = 0; i < extranonce.length; i++) extranonce[i] = (byte) (0xA0 + i);
            byte[] root = Bitcoin.coinbaseMerkleRoot(job.path(), job.cbPrefix(), ch.prefix, extranonce, job.cbSuffix());
            int ntime = ch.prevMinNtime;
            byte[] hash = null;
            int nonce = 0;
            for (; nonce < 1_000_000; nonce++) {
                hash = Hashes.sha256d(Bitcoin.header(job.version(), ch.prevHash, root, ntime, ch.nbits, nonce));
                if (Targets.meets(hash, ch.target)) break;
            }
            c.send(new org.sharemint.wire.SubmitSharesExtended(ch.id, 5, job.id(), nonce, ntime, job.version(), extranonce));
            Sv2TestClient.waiting().until(() -> node.submitted.size() == 1);
            BlockReader.Block b = checkBlock(node, node.submitted.get(0), hash);
            byte[] scriptSig = b.txs().get(0).scriptSig0();
            String sig = HexFormat.of().formatHex(scriptSig);
            assertTrue(sig.contains(HexFormat.of().formatHex(Bitcoin.concat(ch.prefix, extranonce))), "prefix then the miner's extranonce in the scriptSig");
            assertTrue(new String(scriptSig, java.nio.charset.StandardCharsets.ISO_8859_1).contains("/sharemint-test/"), "pool.tag in the scriptSig");
            c.awaitMessage(SubmitSharesSuccess.class, x -> x.channelId() == ch.id);
        }
    }

    @Test
    void aNewBlockOnTheNodeBecomesSetNewPrevHashAndOldJobsGoStale() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs());
                PoolFixture pool = new PoolFixture(dir, keys(node));
                Sv2TestClient c = pool.client(true)) {
            awaitTemplate(pool);
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            Sv2TestClient.Share old = c.findShare(ch, true);
            node.newBlock();
            byte[] tip = node.prevHash();
            SetNewPrevHash p = c.awaitMessage(SetNewPrevHash.class, x -> x.channelId() == ch.id && java.util.Arrays.equals(x.prevHash(), tip));
            NewMiningJob future = c.find(NewMiningJob.class, j -> j.jobId() == p.jobId());
            assertNull(future.minNtime(), "the new block's job is sent as a future job, then activated");
            c.submit(old, 9);
            SubmitSharesError e = c.awaitMessage(SubmitSharesError.class, x -> x.sequenceNumber() == 9);
            assertEquals(ShareError.STALE_SHARE, e.errorCode());
        }
    }

    @Test
    void unreachableAtStartThePoolStartsRefusesChannelsAndKeepsTrying() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs())) {
            node.goAway();
            try (PoolFixture pool = new PoolFixture(dir, keys(node)); Sv2TestClient c = pool.client(true)) {
                int req = c.nextRequestId();
                assertEquals(ChannelRequests.NO_JOB_TEMPLATE,
                        c.openError(new OpenStandardMiningChannel(req, PoolFixture.IDENTITY, 0f, Sv2Setup.maxTarget()), req));
                Sv2TestClient.waiting().until(() -> health(pool).contains("unreachable"));
                node.comeBack();
                Sv2TestClient.waiting().until(() -> health(pool).equals("ok\n"));
                Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
                assertArrayEquals(node.prevHash(), ch.prevHash);
            }
        }
    }

    @Test
    void whenTheNodeGoesAwayTheLastJobsStayValidUntilItIsBack() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs());
                PoolFixture pool = new PoolFixture(dir, keys(node));
                Sv2TestClient c = pool.client(true)) {
            awaitTemplate(pool);
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            node.goAway();
            Sv2TestClient.waiting().until(() -> health(pool).contains("unreachable"));
            c.submit(c.findShare(ch, true), 3);
            c.awaitMessage(SubmitSharesSuccess.class, x -> x.lastSequenceNumber() == 3);
            node.comeBack();
            Sv2TestClient.waiting().until(() -> health(pool).equals("ok\n"));
            node.newBlock();
            byte[] tip = node.prevHash();
            c.awaitMessage(SetNewPrevHash.class, x -> java.util.Arrays.equals(x.prevHash(), tip));
        }
    }

    @Test
    void badAnswersAreSkippedWithTheirReasonAndThePoolKeepsRunning() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs())) {
            node.mode(FakeBitcoind.Mode.BAD_HEX);
            try (PoolFixture pool = new PoolFixture(dir, keys(node)); Sv2TestClient c = pool.client(true)) {
                Sv2TestClient.waiting().until(() -> health(pool).contains("transactions[0].data is not hex"));
                node.mode(FakeBitcoind.Mode.IMPOSSIBLE_VALUES);
                Sv2TestClient.waiting().until(() -> health(pool).contains("coinbasevalue -5 is out of range"));
                node.mode(FakeBitcoind.Mode.MALFORMED_JSON);
                Sv2TestClient.waiting().until(() -> health(pool).contains("malformed JSON"));
                node.mode(FakeBitcoind.Mode.RPC_ERROR);
                Sv2TestClient.waiting().until(() -> health(pool).contains("initial sync"));
                int req = c.nextRequestId();
                assertEquals(ChannelRequests.NO_JOB_TEMPLATE,
                        c.openError(new OpenStandardMiningChannel(req, PoolFixture.IDENTITY, 0f, Sv2Setup.maxTarget()), req));
                node.mode(FakeBitcoind.Mode.GOOD);
                Sv2TestClient.waiting().until(() -> health(pool).equals("ok\n"));
                c.openStandard(PoolFixture.IDENTITY);
            }
        }
    }

    @Test
    void theCookieFileAuthenticates() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs())) {
            Path cookie = dir.resolve(".cookie");
            Files.writeString(cookie, FakeBitcoind.USER + ":" + FakeBitcoind.PASSWORD + "\n");
            Map<String, String> m = keys(node);
            m.remove("jobs.bitcoind.user");
            m.remove("jobs.bitcoind.password");
            m.put("jobs.bitcoind.cookie-file", cookie.toString());
            try (PoolFixture pool = new PoolFixture(dir, m); Sv2TestClient c = pool.client(true)) {
                awaitTemplate(pool);
                c.openStandard(PoolFixture.IDENTITY);
            }
        }
    }

    @Test
    void aPayoutAddressOfAnotherNetworkStopsStartUpNamingTheKey() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs())) {
            Map<String, String> m = keys(node);
            m.put("pool.payout-address", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
            ConfigException e = assertThrows(ConfigException.class, () -> new PoolFixture(dir, m));
            assertTrue(e.getMessage().startsWith("pool.payout-address: "), e.getMessage());
            m.put("pool.payout-address", PAYOUT.substring(0, PAYOUT.length() - 1) + (PAYOUT.endsWith("x") ? "y" : "x"));
            e = assertThrows(ConfigException.class, () -> new PoolFixture(dir, m));
            assertTrue(e.getMessage().startsWith("pool.payout-address: ") && e.getMessage().contains("checksum"), e.getMessage());
            List<String> args = new ArrayList<>(List.of("pool"));
            m.put("data.dir", dir.toString());
            m.forEach((k, v) -> args.add("--" + k + "=" + v));
            assertEquals(2, org.sharemint.Main.run(args.toArray(String[]::new)));
        }
    }

    /** Checks a submitted block as a node would, with the test's own parser. */
    static BlockReader.Block checkBlock(FakeBitcoind node, byte[] raw, byte[] shareHash) {
        BlockReader.Block b = BlockReader.read(raw);
        assertArrayEquals(shareHash, b.hash(), "the block is the share's header");
        assertTrue(BlockReader.meetsTarget(b.hash(), b.bits()), "proof of work");
        assertArrayEquals(node.prevHash(), b.prevHash());
        List<FakeBitcoind.Tx> txs = node.txs();
        assertEquals(1 + txs.size(), b.txs().size());
        List<byte[]> txids = new ArrayList<>();
        List<byte[]> wtxids = new ArrayList<>();
        for (BlockReader.Tx t : b.txs()) txids.add(t.txid());
        wtxids.add(new byte[32]);
        for (int i = 0; i < txs.size(); i++) {
            assertArrayEquals(txs.get(i).txid(), b.txs().get(i + 1).txid(), "template transactions in order");
            assertArrayEquals(txs.get(i).wtxid(), b.txs().get(i + 1).wtxid(), "with their witness data");
            wtxids.add(b.txs().get(i + 1).wtxid());
        }
        assertArrayEquals(BlockReader.merkleRoot(txids), b.merkleRoot(), "merkle root");
        BlockReader.Tx cb = b.txs().get(0);
        assertEquals(node.height(), BlockReader.bip34Height(cb.scriptSig0()), "BIP34 height");
        assertTrue(cb.scriptSig0().length <= 100);
        assertEquals(PAYOUT_SCRIPT, HexFormat.of().formatHex(cb.outputs().get(0).script()), "pays pool.payout-address");
        assertEquals(node.coinbaseValue(), cb.outputs().get(0).value(), "the template's coinbasevalue");
        // BIP141: the commitment output holds SHA256d(witness root || reserved value from the coinbase witness)
        assertTrue(cb.segwit(), "the coinbase carries the witness reserved value");
        byte[] reserved = cb.witnesses().get(0).get(0);
        byte[] expected = BlockReader.sha256d(Bitcoin.concat(BlockReader.merkleRoot(wtxids), reserved));
        byte[] commitmentScript = cb.outputs().stream().map(BlockReader.Output::script)
                .filter(s -> HexFormat.of().formatHex(s).startsWith("6a24aa21a9ed")).reduce((a, x) -> x).orElseThrow();
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(commitmentScript, 6, 38), "witness commitment");
        return b;
    }

    /** Channels open once the pool has its first template from the node. */
    static void awaitTemplate(PoolFixture pool) {
        Sv2TestClient.waiting().until(() -> health(pool).equals("ok\n"));
    }

    static String health(PoolFixture pool) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            var a = pool.server.monitorAddress();
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
