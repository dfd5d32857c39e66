package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * The invalid-submit budget (pool.max-invalid-shares-per-s, pool.invalid-shares-burst) on both
 * ports: SV1 miners pay for invalid submits as SV2 miners do, and on neither does a share that
 * went stale only because a new block arrived while it was in flight count against it.
 */
class InvalidSubmitBudgetTest {
    /** A burst of 10 and the slowest refill: 20 charged submits in a row are well past it. */
    private static final Map<String, String> TIGHT = Map.of("pool.sv1.listen", "127.0.0.1:0", "pool.invalid-shares-burst", "10",
            "pool.max-invalid-shares-per-s", "1");

    @TempDir
    Path dir;

    private static long misbehaviour(PoolFixture pool, String reason) throws Exception {
        return PoolFixture.sample(pool.scrape("/metrics"), "sharemint_peer_misbehaviour_total{reason=\"" + reason + "\"}");
    }

    private static Sv1TestClient sv1(PoolFixture pool) throws Exception {
        Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address());
        c.subscribe();
        assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
        return c;
    }

    /** A submit naming a job the pool never sent: charged. */
    private static Object[] unknownJob(Sv1TestClient.Share s) {
        return new Sv1TestClient.Share("7fffffff", s.extranonce2(), s.ntime(), s.nonce(), null, s.hash(), null).params(PoolFixture.IDENTITY);
    }

    @Test
    void sv1InvalidSubmitsPastTheBudgetCloseTheConnection() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, TIGHT); Sv1TestClient c = sv1(pool)) {
            Sv1TestClient.Share s = c.find();
            for (int i = 0; i < 8; i++) assertEquals(21, Sv1TestClient.errorCode(c.call("mining.submit", unknownJob(s))));
            assertTrue(c.call("mining.submit", s.params(PoolFixture.IDENTITY)).get("result").asBoolean(), "within the budget");
            assertFalse(c.eof);
            try {
                for (int i = 0; i < 20 && !c.eof; i++) c.send("mining.submit", unknownJob(s));
            } catch (IOException e) {
                // the pool closed the socket while the submits were still going out
            }
            waiting().until(() -> c.eof);
            assertEquals(1, misbehaviour(pool, PeerReasons.INVALID_SUBMITS));
            // the other answers than the budget's are charged too: a flood of bad requests
            try (Sv1TestClient d = sv1(pool)) {
                try {
                    for (int i = 0; i < 30 && !d.eof; i++) d.send("mining.fly");
                } catch (IOException e) {
                    // closed mid-flood
                }
                waiting().until(() -> d.eof);
            }
            assertEquals(2, misbehaviour(pool, PeerReasons.INVALID_SUBMITS));
        }
    }

    @Test
    void sv1SharesStaleOnlyByANewBlockAreNotCharged() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, TIGHT); Sv1TestClient c = sv1(pool)) {
            List<Sv1TestClient.Share> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) inFlight.add(c.find());
            int notifies = c.notifications("mining.notify");
            pool.server.advanceChain(true);
            waiting().until(() -> c.notifications("mining.notify") > notifies);
            assertTrue(c.lastNotification("mining.notify").get("params").get(8).asBoolean(), "clean_jobs");
            List<Integer> ids = new ArrayList<>();
            for (Sv1TestClient.Share s : inFlight) ids.add(c.send("mining.submit", s.params(PoolFixture.IDENTITY)));
            for (int id : ids) assertEquals(21, Sv1TestClient.errorCode(c.awaitResponse(id)), "stale");
            JsonNode fresh = c.call("mining.submit", c.find().params(PoolFixture.IDENTITY));
            assertTrue(fresh.get("result").asBoolean(), "twice the burst of stale shares, and the connection is still served: " + fresh);
            assertFalse(c.eof);
            assertEquals(0, misbehaviour(pool, PeerReasons.INVALID_SUBMITS));
        }
    }

    @Test
    void sv2SharesStaleOnlyByANewBlockAreNotCharged() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, TIGHT); Sv2TestClient miner = pool.client(true)) {
            Sv2TestClient.Channel ch = miner.openStandard(PoolFixture.IDENTITY);
            List<Sv2TestClient.Share> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) inFlight.add(miner.findShare(ch, true));
            int prevHashes = miner.all(SetNewPrevHash.class, p -> true).size();
            pool.server.advanceChain(true);
            waiting().until(() -> miner.all(SetNewPrevHash.class, p -> true).size() > prevHashes);
            int seq = 0;
            for (Sv2TestClient.Share s : inFlight) miner.submit(s, ++seq);
            int last = seq;
            miner.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == last);
            assertEquals(20, miner.all(SubmitSharesError.class, e -> e.errorCode().equals(ShareError.STALE_SHARE)).size());
            int fresh = ++seq;
            miner.submit(miner.findShare(ch, true), fresh);
            miner.awaitMessage(SubmitSharesSuccess.class, x -> x.lastSequenceNumber() == fresh);
            assertFalse(miner.ended);
            assertEquals(0, misbehaviour(pool, PeerReasons.INVALID_SUBMITS));
            // shares on jobs never sent are still charged: past the burst, closed
            try {
                for (int i = 0; i < 20; i++) {
                    Sv2TestClient.Share s = miner.findShare(ch, true);
                    miner.submit(new Sv2TestClient.Share(s.channelId(), 0x7fffffff, s.nonce(), s.ntime(), s.version(), s.extranonce(), s.hash()),
                            ++seq);
                }
            } catch (IOException e) {
                // closed mid-flood
            }
            miner.awaitClosedByPool();
            assertEquals(1, misbehaviour(pool, PeerReasons.INVALID_SUBMITS));
        }
    }
}
