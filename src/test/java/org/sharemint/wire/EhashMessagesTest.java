package org.sharemint.wire;

import static org.sharemint.wire.Fixtures.assertFrame;
import static org.sharemint.wire.Fixtures.fill;
import static org.sharemint.wire.Fixtures.hex;

import org.junit.jupiter.api.Test;

/** sharemint's ehash extension on mining channels (0x4E55 with the channel bit: 0xCE55). */
class EhashMessagesTest {
    static final byte[] KEYSET = hex("009a1f293253e41e");
    static final byte[] LOCKING_KEY = lockingKey();

    private static byte[] lockingKey() {
        byte[] k = fill(0x22, 33);
        k[0] = 2;
        return k;
    }

    @Test
    void shareQuoteWithNonAsciiQuoteId() throws Exception {
        assertFrame(new ShareQuote(1, 5, fill(0x11, 32), "q-\u00e9t\u00e9", KEYSET, 1000),
                "55 ce 01 41 00 00 | 01 00 00 00 05 00 00 00 " + "11 ".repeat(32)
                        + "07 71 2d c3 a9 74 c3 a9 08 00 9a 1f 29 32 53 e4 1e e8 03 00 00 00 00 00 00");
    }

    @Test
    void setLockingKey() throws Exception {
        assertFrame(new SetLockingKey(1, LOCKING_KEY), "55 ce 02 26 00 00 | 01 00 00 00 21 02 " + "22 ".repeat(32));
        assertFrame(new SetLockingKeyError(1, "invalid-locking-key"),
                "55 ce 03 18 00 00 | 01 00 00 00 13 69 6e 76 61 6c 69 64 2d 6c 6f 63 6b 69 6e 67 2d 6b 65 79");
    }
}
