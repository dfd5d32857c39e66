package org.sharemint.wire;

/**
 * One SV2 frame as it travels: the raw header fields and the payload.
 *
 * @param extensionType the header's U16, channel bit (0x8000) included
 * @param msgType the header's U8
 * @param payload exactly msg_length bytes
 */
public record Frame(int extensionType, int msgType, byte[] payload) {
    public static final int HEADER_BYTES = 6;
    public static final int CHANNEL_BIT = 0x8000;
    public static final int MAX_PAYLOAD = 0xFF_FFFF;

    /** The extension without the channel bit, as message lookup uses it. */
    public int extension() {
        return extensionType & ~CHANNEL_BIT;
    }

    public boolean channelMsg() {
        return (extensionType & CHANNEL_BIT) != 0;
    }
}
