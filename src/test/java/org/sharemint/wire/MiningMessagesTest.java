package org.sharemint.wire;

import static org.sharemint.wire.Fixtures.assertFrame;
import static org.sharemint.wire.Fixtures.counting32;
import static org.sharemint.wire.Fixtures.fill;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mining protocol messages (extension 0x0000, types 0x10..0x25). */
class MiningMessagesTest {
    private static final String COUNTING = "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"
            + " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f";
    private static final String FF32 = "ff ".repeat(31) + "ff";

    @Test
    void submitSharesStandardDerivedFrame() throws Exception {
        assertFrame(new SubmitSharesStandard(1, 0, 1, 0x12345678, 0x5f5e1000, 0x20000000),
                "00 80 1a 18 00 00 | 01 00 00 00 00 00 00 00 01 00 00 00 78 56 34 12 00 10 5e 5f 00 00 00 20");
    }

    @Test
    void submitSharesSuccessDerivedFrame() throws Exception {
        assertFrame(new SubmitSharesSuccess(1, 9, 10, 10),
                "00 80 1c 14 00 00 | 01 00 00 00 09 00 00 00 0a 00 00 00 0a 00 00 00 00 00 00 00");
    }

    @Test
    void submitSharesErrorDerivedFrame() throws Exception {
        assertFrame(new SubmitSharesError(1, 5, "stale-share"),
                "00 80 1d 14 00 00 | 01 00 00 00 05 00 00 00 0b 73 74 61 6c 65 2d 73 68 61 72 65");
    }

    @Test
    void submitSharesExtended() throws Exception {
        assertFrame(new SubmitSharesExtended(1, 0, 1, 0x12345678, 0x5f5e1000, 0x20000000,
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                "00 80 1b 21 00 00 | 01 00 00 00 00 00 00 00 01 00 00 00 78 56 34 12 00 10 5e 5f 00 00 00 20"
                        + " 08 01 02 03 04 05 06 07 08");
    }

    @Test
    void openStandardMiningChannel() throws Exception {
        assertFrame(new OpenStandardMiningChannel(1, "alice", 1.0e12f, fill(0xff, 32)),
                "00 00 10 2e 00 00 | 01 00 00 00 05 61 6c 69 63 65 a5 d4 68 53 " + FF32);
        assertFrame(new OpenStandardMiningChannelSuccess(1, 42, counting32(),
                        new byte[] {(byte) 0xa1, (byte) 0xa2, (byte) 0xa3, (byte) 0xa4}, 0),
                "00 00 11 31 00 00 | 01 00 00 00 2a 00 00 00 " + COUNTING + " 04 a1 a2 a3 a4 00 00 00 00");
        assertFrame(new OpenMiningChannelError(1, "unknown-user"),
                "00 00 12 11 00 00 | 01 00 00 00 0c 75 6e 6b 6e 6f 77 6e 2d 75 73 65 72");
    }

    @Test
    void openExtendedMiningChannel() throws Exception {
        assertFrame(new OpenExtendedMiningChannel(2, "bob.w1", 5.0e9f, fill(0xff, 32), 8),
                "00 00 13 31 00 00 | 02 00 00 00 06 62 6f 62 2e 77 31 f9 02 95 4f " + FF32 + " 08 00");
        assertFrame(new OpenExtendedMiningChannelSuccess(2, 43, counting32(), 8, new byte[] {1, 2, 3, 4}, 0),
                "00 00 14 33 00 00 | 02 00 00 00 2b 00 00 00 " + COUNTING + " 08 00 04 01 02 03 04 00 00 00 00");
    }

    @Test
    void newMiningJobFutureAndActive() throws Exception {
        assertFrame(new NewMiningJob(1, 2, null, 0x20000000, counting32()),
                "00 80 15 2d 00 00 | 01 00 00 00 02 00 00 00 00 00 00 00 20 " + COUNTING);
        assertFrame(new NewMiningJob(1, 3, 0x5f5e1000, 0x20000000, counting32()),
                "00 80 15 31 00 00 | 01 00 00 00 03 00 00 00 01 00 10 5e 5f 00 00 00 20 " + COUNTING);
    }

    @Test
    void newExtendedMiningJob() throws Exception {
        assertFrame(new NewExtendedMiningJob(1, 3, null, 0x20000000, true, List.of(fill(0xaa, 32)),
                        new byte[] {1, 2}, new byte[] {3}),
                "00 80 1f 36 00 00 | 01 00 00 00 03 00 00 00 00 00 00 00 20 01 01 " + "aa ".repeat(32)
                        + "02 00 01 02 01 00 03");
    }

    @Test
    void channelUpdates() throws Exception {
        assertFrame(new UpdateChannel(1, 2.5e12f, fill(0xff, 32)), "00 80 16 28 00 00 | 01 00 00 00 e7 84 11 54 " + FF32);
        assertFrame(new UpdateChannelError(1, "max-target-out-of-range"),
                "00 80 17 1c 00 00 | 01 00 00 00 17 6d 61 78 2d 74 61 72 67 65 74 2d 6f 75 74 2d 6f 66 2d 72 61"
                        + " 6e 67 65");
        assertFrame(new CloseChannel(1, "pool-shutdown"),
                "00 80 18 12 00 00 | 01 00 00 00 0d 70 6f 6f 6c 2d 73 68 75 74 64 6f 77 6e");
        assertFrame(new SetExtranoncePrefix(1, new byte[] {9, 8, 7}), "00 80 19 08 00 00 | 01 00 00 00 03 09 08 07");
        assertFrame(new SetTarget(1, fill(0xff, 32)), "00 80 21 24 00 00 | 01 00 00 00 " + FF32);
        assertFrame(new SetGroupChannel(5, new int[] {1, 2}),
                "00 00 25 0e 00 00 | 05 00 00 00 02 00 01 00 00 00 02 00 00 00");
    }

    @Test
    void setNewPrevHash() throws Exception {
        assertFrame(new SetNewPrevHash(1, 2, counting32(), 0x5f5e1000, 0x1d00ffff),
                "00 80 20 30 00 00 | 01 00 00 00 02 00 00 00 " + COUNTING + " 00 10 5e 5f ff ff 00 1d");
    }
}
