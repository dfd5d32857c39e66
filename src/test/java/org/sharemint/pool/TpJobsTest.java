package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.BlockReader;
import org.sharemint.crypto.Hashes;
import org.sharemint.jobs.FakeTemplateProvider;
import org.sharemint.wire.CoinbaseOutputConstraints;
import org.sharemint.wire.RequestTransactionData;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SubmitSharesSuccess;
import org.sharemint.wire.SubmitSolution;

/** jobs.source=template-provider against a fake TP over real sockets and Noise NX. */
class TpJobsTest {
    @TempDir
    Path dir;

    static Map<String, String> keys(FakeTemplateProvider tp) {
        Map<String, String> m = new HashMap<>();
        m.put("jobs.source", "template-provider");
        m.put("jobs.network", "regtest");
        m.put("pool.payout-address", BitcoindJobsTest.PAYOUT);
        m.put("jobs.tp.address", tp.address());
        m.put("jobs.tp.authority-key", tp.key.publicKeyBase58());
        return m;
    }

    @Test
    void templatesBecomeJobsAndABlockBecomesSubmitSolution() throws Exception {
        try (FakeTemplateProvider tp = new FakeTemplateProvider();
                PoolFixture pool = new PoolFixture(dir, keys(tp));
                Sv2TestClient c = pool.client(true)) {
            BitcoindJobsTest.awaitTemplate(pool);
            SetupConnection setup = (SetupConnection) tp.received.get(0);
            assertEquals(2, setup.protocol(), "SetupConnection for the Template Distribution Protocol");
            CoinbaseOutputConstraints constraints = (CoinbaseOutputConstraints) tp.received.get(1);
            assertEquals(8 + 1 + 25, constraints.maxAdditionalSize(), "one P2PKH payout output");
            Sv2TestClient.waiting().until(() -> tp.received.stream().anyMatch(m -> m instanceof RequestTransactionData));

            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            assertArrayEquals(tp.prevHash(), ch.prevHash);
            assertEquals(FakeTemplateProvider.NBITS, ch.nbits);
            Sv2TestClient.Share s = c.findShare(ch, true);
            c.submit(s, 4);
            SubmitSolution sol = (SubmitSolution) Sv2TestClient.waiting()
                    .until(() -> tp.received.stream().filter(m -> m instanceof SubmitSolution).findFirst().orElse(null), x -> x != null);
            assertEquals(tp.templateId(), sol.templateId());
            assertEquals(s.version(), sol.version());
            assertEquals(s.ntime(), sol.headerTimestamp());
            assertEquals(s.nonce(), sol.headerNonce());

            BlockReader.Tx cb = BlockReader.readTx(sol.coinbaseTx());
            assertEquals(tp.height(), BlockReader.bip34Height(cb.scriptSig0()), "the TP's coinbase_prefix starts the scriptSig");
            assertEquals(BitcoindJobsTest.PAYOUT_SCRIPT, HexFormat.of().formatHex(cb.outputs().get(0).script()));
            assertEquals(tp.value(), cb.outputs().get(0).value(), "coinbase_tx_value_remaining to the payout");
            assertEquals(2, cb.outputs().size());
            assertArrayEquals(java.util.Arrays.copyOfRange(tp.outputs, 9, tp.outputs.length), cb.outputs().get(1).script(), "the TP's outputs last");
            assertTrue(cb.segwit(), "a coinbase with the witness reserved value");
            // the share's header is the block's: coinbase txid up the TP's merkle path
            byte[] root = cb.txid();
            for (byte[] node : tp.merklePath) root = BlockReader.sha256d(Bitcoin.concat(root, node));
            byte[] header = Bitcoin.header(sol.version(), tp.prevHash(), root, sol.headerTimestamp(), FakeTemplateProvider.NBITS, sol.headerNonce());
            assertArrayEquals(s.hash(), Hashes.sha256d(header));
            assertTrue(BlockReader.meetsTarget(s.hash(), FakeTemplateProvider.NBITS));
            c.awaitMessage(SubmitSharesSuccess.class, x -> x.lastSequenceNumber() == 4);
            Sv2TestClient.waiting().until(() -> pool.scrape("/metrics").contains("sharemint_blocks_submitted_total{result=\"sent\"} 1"));
        }
    }

    @Test
    void aNewBlockAndAReconnectAfterTheTpDropsTheConnection() throws Exception {
        try (FakeTemplateProvider tp = new FakeTemplateProvider();
                PoolFixture pool = new PoolFixture(dir, keys(tp));
                Sv2TestClient c = pool.client(true)) {
            BitcoindJobsTest.awaitTemplate(pool);
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            tp.newBlock();
            byte[] tip = tp.prevHash();
            c.awaitMessage(SetNewPrevHash.class, x -> x.channelId() == ch.id && java.util.Arrays.equals(x.prevHash(), tip));
            tp.dropConnections();
            Sv2TestClient.waiting().until(() -> tp.accepted.size() == 2);
            Sv2TestClient.waiting().until(() -> BitcoindJobsTest.health(pool).equals("ok\n"));
            tp.newBlock();
            byte[] tip2 = tp.prevHash();
            c.awaitMessage(SetNewPrevHash.class, x -> x.channelId() == ch.id && java.util.Arrays.equals(x.prevHash(), tip2));
        }
    }
}
