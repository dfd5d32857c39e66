package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sharemint.wire.Fixtures.assertFrame;
import static org.sharemint.wire.Fixtures.fill;
import static org.sharemint.wire.Fixtures.hex;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Template Distribution Protocol (sv2-spec chapter 7; message types 0x70..0x76 from chapter
 * 8, channel_msg bit unset): frames derived by hand from the field tables.
 */
class TemplateDistributionMessagesTest {
    @Test
    void coinbaseOutputConstraints() throws Exception {
        assertFrame(new CoinbaseOutputConstraints(100, 4), "00 00 70 06 00 00 | 64 00 00 00 04 00");
    }

    @Test
    void newTemplate() throws Exception {
        String s = "cc ".repeat(32);
        assertFrame(new NewTemplate(5, true, 0x20000000, 2, new byte[0], 0xFFFFFFFF, 5_000_000_000L, 1, hex("aa bb"), 0, List.of(fill(0xcc, 32))),
                "00 00 71 4b 00 00 | 05 00 00 00 00 00 00 00 01 00 00 00 20 02 00 00 00 00 ff ff ff ff"
                        + " 00 f2 05 2a 01 00 00 00 01 00 00 00 02 00 aa bb 00 00 00 00 01 " + s);
    }

    @Test
    void setNewPrevHashOfTheTemplateDistributionProtocol() throws Exception {
        assertFrame(new TemplateSetNewPrevHash(1, fill(0xaa, 32), 0x5f5e1000, 0x1d00ffff, fill(0xff, 32)),
                "00 00 72 50 00 00 | 01 00 00 00 00 00 00 00 " + "aa ".repeat(32) + "00 10 5e 5f ff ff 00 1d " + "ff ".repeat(32));
    }

    @Test
    void requestTransactionDataAndItsAnswers() throws Exception {
        assertFrame(new RequestTransactionData(0x0102030405060708L), "00 00 73 08 00 00 | 08 07 06 05 04 03 02 01");
        assertFrame(new RequestTransactionDataSuccess(9, hex("ee"), List.of(hex("01 02"), new byte[0])),
                "00 00 74 15 00 00 | 09 00 00 00 00 00 00 00 01 00 ee 02 00 02 00 00 01 02 00 00 00");
        assertFrame(new RequestTransactionDataError(7, "stale-template-id"),
                "00 00 75 1a 00 00 | 07 00 00 00 00 00 00 00 11 73 74 61 6c 65 2d 74 65 6d 70 6c 61 74 65 2d 69 64");
    }

    @Test
    void submitSolution() throws Exception {
        assertFrame(new SubmitSolution(2, 0x20000000, 0x5f5e1000, 0x01020304, hex("01 02 03")),
                "00 00 76 19 00 00 | 02 00 00 00 00 00 00 00 00 00 00 20 00 10 5e 5f 04 03 02 01 03 00 01 02 03");
    }

    @Test
    void aTransactionCountBeyondThePayloadIsRefusedBeforeAllocating() {
        // 65,535 entries announced in 13 bytes
        byte[] payload = hex("09 00 00 00 00 00 00 00 00 00 ff ff 00 00 00");
        assertThrows(WireException.class, () -> Codec.decode(new Frame(0, RequestTransactionDataSuccess.MSG_TYPE, payload)));
    }
}
