package org.sharemint.wire;

import static org.sharemint.wire.Fixtures.assertFrame;

import org.junit.jupiter.api.Test;

/** SetupConnection and its answers, ChannelEndpointChanged, Reconnect, extension negotiation. */
class CommonMessagesTest {
    @Test
    void setupConnectionDerivedFrame() throws Exception {
        assertFrame(new SetupConnection(0, 2, 2, 1, "", 0, "", "", "", ""),
                "00 00 00 10 00 00 | 00 02 00 02 00 01 00 00 00 00 00 00 00 00 00 00");
    }

    @Test
    void setupConnectionWithStrings() throws Exception {
        assertFrame(new SetupConnection(0, 2, 2, 5, "127.0.0.1", 34255, "sharemint", "", "0.1", "rig-1"),
                "00 00 00 2a 00 00 | 00 02 00 02 00 05 00 00 00 09 31 32 37 2e 30 2e 30 2e 31 cf 85 09 73 68 61"
                        + " 72 65 6d 69 6e 74 00 03 30 2e 31 05 72 69 67 2d 31");
    }

    @Test
    void setupConnectionSuccess() throws Exception {
        assertFrame(new SetupConnectionSuccess(2, 2), "00 00 01 06 00 00 | 02 00 02 00 00 00");
    }

    @Test
    void setupConnectionError() throws Exception {
        assertFrame(new SetupConnectionError(6, "unsupported-feature-flags"),
                "00 00 02 1e 00 00 | 06 00 00 00 19 75 6e 73 75 70 70 6f 72 74 65 64 2d 66 65 61 74 75 72 65"
                        + " 2d 66 6c 61 67 73");
    }

    @Test
    void channelEndpointChanged() throws Exception {
        assertFrame(new ChannelEndpointChanged(7), "00 80 03 04 00 00 | 07 00 00 00");
    }

    @Test
    void reconnect() throws Exception {
        assertFrame(new Reconnect("pool.example", 3333),
                "00 00 04 0f 00 00 | 0c 70 6f 6f 6c 2e 65 78 61 6d 70 6c 65 05 0d");
    }

    @Test
    void requestExtensions() throws Exception {
        assertFrame(new RequestExtensions(1, new int[] {Extensions.EHASH}), "01 00 00 06 00 00 | 01 00 01 00 55 4e");
        assertFrame(new RequestExtensionsSuccess(1, new int[] {Extensions.EHASH}),
                "01 00 01 06 00 00 | 01 00 01 00 55 4e");
        assertFrame(new RequestExtensionsError(2, new int[] {0x1234}, new int[0]),
                "01 00 02 08 00 00 | 02 00 01 00 34 12 00 00");
    }
}
