package org.sharemint.wire;

import static org.sharemint.wire.EhashMessagesTest.KEYSET;
import static org.sharemint.wire.EhashMessagesTest.LOCKING_KEY;
import static org.sharemint.wire.Fixtures.assertFrame;
import static org.sharemint.wire.Fixtures.fill;

import org.junit.jupiter.api.Test;

/** Pool <-> mint link (extension 0x4E55, no channel bit, types 0x10..0x12). */
class MintLinkMessagesTest {
    @Test
    void mintQuoteRequest() throws Exception {
        assertFrame(new MintQuoteRequest(7, fill(0x11, 32), 1, "sat", LOCKING_KEY, 1_700_000_000_000L),
                "55 4e 10 5a 00 00 | 07 00 00 00 " + "11 ".repeat(32) + "01 00 00 00 00 00 00 00 03 73 61 74 21 02 "
                        + "22 ".repeat(32) + "00 68 e5 cf 8b 01 00 00");
    }

    @Test
    void mintQuoteResponse() throws Exception {
        assertFrame(new MintQuoteResponse(7, "quote-id", KEYSET, 1),
                "55 4e 11 1e 00 00 | 07 00 00 00 08 71 75 6f 74 65 2d 69 64 08 00 9a 1f 29 32 53 e4 1e"
                        + " 01 00 00 00 00 00 00 00");
    }

    @Test
    void mintQuoteError() throws Exception {
        assertFrame(new MintQuoteError(7, "deadline-passed"),
                "55 4e 12 14 00 00 | 07 00 00 00 0f 64 65 61 64 6c 69 6e 65 2d 70 61 73 73 65 64");
    }
}
