package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.downstream.RefusedException;
import org.sharemint.downstream.Sv2Client;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.wire.Extensions;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.NewMiningJob;

/** The downstream client's set-up steps against a real pool on loopback: what it accepts and what it refuses. */
class Sv2SetupTest {
    @TempDir
    Path dir;

    @Test
    void setsUpNegotiatesEhashAndOpensBothKindsOfChannel() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of());
             Sv2Client c = Sv2Client.connect(pool.server.minerAddress(), null, Clock.systemUTC(), 10_000)) {
            assertEquals(Sv2Setup.VERSION, Sv2Setup.setUp(c, 0, "127.0.0.1", 0, "sharemint-test", "", "", "").usedVersion());
            Sv2Setup.requestExtensions(c, 1, Extensions.EHASH);
            Sv2Setup.Opened standard = Sv2Setup.openStandard(c, 2, PoolFixture.IDENTITY, 0f);
            assertFalse(standard.extended());
            assertEquals(32, standard.target().length);
            Sv2Setup.Opened extended = Sv2Setup.openExtended(c, 3, PoolFixture.IDENTITY, 0f, 4);
            assertTrue(extended.extended());
            assertTrue(extended.extranonceSize() >= 4, "granted " + extended.extranonceSize());
            // the standard channel's first job came before the extended channel's answer: kept, not lost
            assertTrue(extended.early().stream().anyMatch(m -> m instanceof NewMiningJob j && j.channelId() == standard.channelId()),
                    extended.early().toString());
            assertTrue(extended.early().stream().noneMatch(m -> m instanceof NewExtendedMiningJob), "the extended channel's jobs follow its answer");
        }
    }

    @Test
    void refusalsSayWhat() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of());
             Sv2Client c = Sv2Client.connect(pool.server.minerAddress(), null, Clock.systemUTC(), 10_000)) {
            Sv2Setup.setUp(c, 0, "127.0.0.1", 0, "sharemint-test", "", "", "");
            RefusedException ext = assertThrows(RefusedException.class, () -> Sv2Setup.requestExtensions(c, 1, 0x0003));
            assertTrue(ext.getMessage().contains("[3]"), ext.getMessage());
            RefusedException open = assertThrows(RefusedException.class, () -> Sv2Setup.openStandard(c, 2, "worker1", 0f));
            assertTrue(open.getMessage().endsWith("missing-locking-key"), open.getMessage());
        }
    }
}
