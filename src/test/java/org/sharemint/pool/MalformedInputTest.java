package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.Codec;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/** Peers sending garbage are closed; an honest miner on the same pool does not notice. */
class MalformedInputTest {
    @TempDir
    Path dir;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void badFramesCloseOnlyTheirConnection() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.max-frame-bytes", "4096")); Sv2TestClient honest = pool.client(true)) {
            Sv2TestClient.Channel ch = honest.openStandard(PoolFixture.IDENTITY);
            int seq = 0;
            byte[][] garbage = {
                hex("00 80 1a ff ff ff"),                                 // declares 16 MB, over pool.max-frame-bytes
                hex("00 80 1a 0c 00 00 01 00 00 00 00 00 00 00 01 00 00 00"), // SubmitSharesStandard cut to 12 bytes
                hex("00 00 1a 18 00 00 01 00 00 00 00 00 00 00 01 00 00 00 78 56 34 12 00 10 5e 5f 00 00 00 20"), // channel bit missing
                hex("00 80 1a 19 00 00 01 00 00 00 00 00 00 00 01 00 00 00 78 56 34 12 00 10 5e 5f 00 00 00 20 ff"), // trailing byte
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(),        // not SV2 at all
            };
            for (byte[] g : garbage) {
                try (Sv2TestClient bad = Sv2TestClient.connect(pool.server.minerAddress())) {
                    if (g[0] != 'G') bad.setup();
                    bad.sendRaw(g);
                    bad.awaitClosedByPool();
                }
                honest.submit(honest.findShare(ch, true), ++seq);
                int s = seq;
                honest.awaitMessage(SubmitSharesSuccess.class, x -> x.lastSequenceNumber() == s);
            }
            // a message only a pool sends, from a miner: closed
            try (Sv2TestClient bad = pool.client(false)) {
                bad.send(new SetTarget(1, new byte[32]));
                bad.awaitClosedByPool();
            }
            // an unknown extension's message is ignored, the connection stays usable
            try (Sv2TestClient odd = pool.client(false)) {
                odd.sendRaw(hex("34 12 07 02 00 00 ab cd"));
                Sv2TestClient.Channel och = odd.openStandard(PoolFixture.IDENTITY);
                odd.submit(odd.findShare(och, true), 1);
                odd.awaitMessage(SubmitSharesSuccess.class, x -> true);
            }
            waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_connections_open") == 1);
            assertEquals(0, honest.all(SubmitSharesError.class, e -> true).size());
            assertTrue(!honest.ended);
            assertEquals(seq, honest.all(SubmitSharesSuccess.class, x -> true).size());
            assertEquals(Codec.toBytes(new SetTarget(1, new byte[32])).length, 6 + 36);
        }
    }
}
