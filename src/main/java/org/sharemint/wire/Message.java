package org.sharemint.wire;

/**
 * One SV2 message. Every implementation is a record with its fields in the spec's order and a
 * {@code static X decode(WireReader r) throws WireException} that mirrors {@link #encode} field
 * for field. {@link Codec} turns messages into frames and back.
 */
public interface Message {
    /** The extension_type without the channel bit (see {@link Extensions}). */
    int extension();

    /** The header's msg_type. */
    int msgType();

    /** Whether the frame carries the channel bit (the payload then starts with channel_id). */
    boolean channelMsg();

    /** Writes the payload (the header is the codec's job). */
    void encode(WireWriter w);
}
