package org.sharemint.wire;

import static org.sharemint.wire.Extensions.CORE;
import static org.sharemint.wire.Extensions.EHASH;
import static org.sharemint.wire.Extensions.NEGOTIATION;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns {@link Message}s into SV2 frames and back. Decoding looks the (extension, msg_type)
 * pair up in a flat table, checks the frame's channel bit against the message's, and lets the
 * message decode its payload (which rejects short, overlong and trailing input). Anything the
 * peer got wrong is a {@link WireException}; stateless and thread-safe.
 */
public final class Codec {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** A message's static decode method. */
    @FunctionalInterface
    private interface Decoder {
        Message decode(WireReader r) throws WireException;
    }

    private record Entry(String name, boolean channelMsg, Decoder decoder) {
    }

    /** Slot = extension index (0 core, 1 negotiation, 2 ehash) * 256 + msg_type. */
    private static final Entry[] TABLE = new Entry[3 * 256];
    /** Initial encode buffer per slot: exact for fixed-size messages, so encoding them allocates one array. */
    private static final int[] SIZE_HINT = new int[3 * 256];
    private static final int DEFAULT_SIZE_HINT = 64;

    static {
        add(CORE, SetupConnection.MSG_TYPE, false, "SetupConnection", SetupConnection::decode);
        add(CORE, SetupConnectionSuccess.MSG_TYPE, false,
                "SetupConnectionSuccess", SetupConnectionSuccess::decode);
        add(CORE, SetupConnectionError.MSG_TYPE, false, "SetupConnectionError", SetupConnectionError::decode);
        add(CORE, ChannelEndpointChanged.MSG_TYPE, true,
                "ChannelEndpointChanged", ChannelEndpointChanged::decode);
        add(CORE, Reconnect.MSG_TYPE, false, "Reconnect", Reconnect::decode);
        add(NEGOTIATION, RequestExtensions.MSG_TYPE, false, "RequestExtensions", RequestExtensions::decode);
        add(NEGOTIATION, RequestExtensionsSuccess.MSG_TYPE, false,
                "RequestExtensionsSuccess", RequestExtensionsSuccess::decode);
        add(NEGOTIATION, RequestExtensionsError.MSG_TYPE, false,
                "RequestExtensionsError", RequestExtensionsError::decode);
        add(CORE, OpenStandardMiningChannel.MSG_TYPE, false,
                "OpenStandardMiningChannel", OpenStandardMiningChannel::decode);
        add(CORE, OpenStandardMiningChannelSuccess.MSG_TYPE, false,
                "OpenStandardMiningChannelSuccess", OpenStandardMiningChannelSuccess::decode);
        add(CORE, OpenMiningChannelError.MSG_TYPE, false,
                "OpenMiningChannelError", OpenMiningChannelError::decode);
        add(CORE, OpenExtendedMiningChannel.MSG_TYPE, false,
                "OpenExtendedMiningChannel", OpenExtendedMiningChannel::decode);
        add(CORE, OpenExtendedMiningChannelSuccess.MSG_TYPE, false,
                "OpenExtendedMiningChannelSuccess", OpenExtendedMiningChannelSuccess::decode);
        add(CORE, NewMiningJob.MSG_TYPE, true, "NewMiningJob", NewMiningJob::decode);
        add(CORE, UpdateChannel.MSG_TYPE, true, "UpdateChannel", UpdateChannel::decode);
        add(CORE, UpdateChannelError.MSG_TYPE, true, "UpdateChannelError", UpdateChannelError::decode);
        add(CORE, CloseChannel.MSG_TYPE, true, "CloseChannel", CloseChannel::decode);
        add(CORE, SetExtranoncePrefix.MSG_TYPE, true, "SetExtranoncePrefix", SetExtranoncePrefix::decode);
        add(CORE, SubmitSharesStandard.MSG_TYPE, true, "SubmitSharesStandard", SubmitSharesStandard::decode);
        add(CORE, SubmitSharesExtended.MSG_TYPE, true, "SubmitSharesExtended", SubmitSharesExtended::decode);
        add(CORE, SubmitSharesSuccess.MSG_TYPE, true, "SubmitSharesSuccess", SubmitSharesSuccess::decode);
        add(CORE, SubmitSharesError.MSG_TYPE, true, "SubmitSharesError", SubmitSharesError::decode);
        add(CORE, NewExtendedMiningJob.MSG_TYPE, true, "NewExtendedMiningJob", NewExtendedMiningJob::decode);
        add(CORE, SetNewPrevHash.MSG_TYPE, true, "SetNewPrevHash", SetNewPrevHash::decode);
        add(CORE, SetTarget.MSG_TYPE, true, "SetTarget", SetTarget::decode);
        add(CORE, SetGroupChannel.MSG_TYPE, false, "SetGroupChannel", SetGroupChannel::decode);
        add(EHASH, ShareQuote.MSG_TYPE, true, "ShareQuote", ShareQuote::decode);
        add(EHASH, SetLockingKey.MSG_TYPE, true, "SetLockingKey", SetLockingKey::decode);
        add(EHASH, SetLockingKeyError.MSG_TYPE, true, "SetLockingKeyError", SetLockingKeyError::decode);
        add(EHASH, MintQuoteRequest.MSG_TYPE, false, "MintQuoteRequest", MintQuoteRequest::decode);
        add(EHASH, MintQuoteResponse.MSG_TYPE, false, "MintQuoteResponse", MintQuoteResponse::decode);
        add(EHASH, MintQuoteError.MSG_TYPE, false, "MintQuoteError", MintQuoteError::decode);
        // Template Distribution Protocol (sv2-spec chapter 7): the pool as a Template Provider's client
        add(CORE, CoinbaseOutputConstraints.MSG_TYPE, false, "CoinbaseOutputConstraints", CoinbaseOutputConstraints::decode);
        add(CORE, NewTemplate.MSG_TYPE, false, "NewTemplate", NewTemplate::decode);
        add(CORE, TemplateSetNewPrevHash.MSG_TYPE, false, "TemplateSetNewPrevHash", TemplateSetNewPrevHash::decode);
        add(CORE, RequestTransactionData.MSG_TYPE, false, "RequestTransactionData", RequestTransactionData::decode);
        add(CORE, RequestTransactionDataSuccess.MSG_TYPE, false, "RequestTransactionDataSuccess", RequestTransactionDataSuccess::decode);
        add(CORE, RequestTransactionDataError.MSG_TYPE, false, "RequestTransactionDataError", RequestTransactionDataError::decode);
        add(CORE, SubmitSolution.MSG_TYPE, false, "SubmitSolution", SubmitSolution::decode);

        Arrays.fill(SIZE_HINT, DEFAULT_SIZE_HINT);
        exact(CORE, SetupConnectionSuccess.MSG_TYPE, SetupConnectionSuccess.PAYLOAD_BYTES);
        exact(CORE, ChannelEndpointChanged.MSG_TYPE, ChannelEndpointChanged.PAYLOAD_BYTES);
        exact(CORE, UpdateChannel.MSG_TYPE, UpdateChannel.PAYLOAD_BYTES);
        exact(CORE, SubmitSharesStandard.MSG_TYPE, SubmitSharesStandard.PAYLOAD_BYTES);
        exact(CORE, SubmitSharesSuccess.MSG_TYPE, SubmitSharesSuccess.PAYLOAD_BYTES);
        exact(CORE, SetNewPrevHash.MSG_TYPE, SetNewPrevHash.PAYLOAD_BYTES);
        exact(CORE, SetTarget.MSG_TYPE, SetTarget.PAYLOAD_BYTES);
    }

    private Codec() {
    }

    /** The frame for {@code m}: channel bit from channelMsg(), payload from encode(). */
    public static Frame encode(Message m) {
        WireWriter w = new WireWriter(sizeHint(m));
        m.encode(w);
        checkSize(m, w.size());
        return new Frame(extensionType(m), m.msgType(), w.toExactArray());
    }

    /** The frame for {@code m} as bytes on the wire: 6-byte header, then the payload. */
    public static byte[] toBytes(Message m) {
        WireWriter w = new WireWriter(Frame.HEADER_BYTES + sizeHint(m));
        w.u32(0).u16(0); // header placeholder, filled in once the payload length is known
        m.encode(w);
        int payload = w.size() - Frame.HEADER_BYTES;
        checkSize(m, payload);
        byte[] b = w.buffer();
        U16.set(b, 0, (short) extensionType(m));
        b[2] = (byte) m.msgType();
        WireWriter.putU24(b, 3, payload);
        return w.toExactArray();
    }

    /** Decodes a frame's payload into its message. */
    public static Message decode(Frame f) throws WireException {
        byte[] p = f.payload();
        return decode(f.extensionType(), f.msgType(), p, 0, p.length);
    }

    /** Decodes one whole frame held in {@code bytes} (header + payload, nothing else). */
    public static Message fromBytes(byte[] bytes) throws WireException {
        if (bytes.length < Frame.HEADER_BYTES) {
            throw new WireException("frame has " + bytes.length + " bytes, header needs " + Frame.HEADER_BYTES);
        }
        int length = (bytes[3] & 0xFF) | (bytes[4] & 0xFF) << 8 | (bytes[5] & 0xFF) << 16;
        if (length != bytes.length - Frame.HEADER_BYTES) {
            throw new WireException("frame header declares " + length + " payload bytes, "
                    + (bytes.length - Frame.HEADER_BYTES) + " follow");
        }
        int extensionType = (short) U16.get(bytes, 0) & 0xFFFF;
        return decode(extensionType, bytes[2] & 0xFF, bytes, Frame.HEADER_BYTES, length);
    }

    /**
     * Decodes the payload {@code buf[off, off+len)} of a frame with these header fields.
     *
     * @param extensionType the header's U16, channel bit included
     */
    public static Message decode(int extensionType, int msgType, byte[] buf, int off, int len)
            throws WireException {
        int extension = extensionType & ~Frame.CHANNEL_BIT;
        int slot = slot(extension, msgType);
        Entry e = slot < 0 ? null : TABLE[slot];
        if (e == null) {
            throw new WireException(String.format("unknown message: extension 0x%04x, type 0x%02x", extension, msgType));
        }
        boolean channelBit = (extensionType & Frame.CHANNEL_BIT) != 0;
        if (channelBit != e.channelMsg) {
            throw new WireException(e.name + ": channel bit is " + (channelBit ? "set" : "clear")
                    + ", must be " + (e.channelMsg ? "set" : "clear"));
        }
        return e.decoder.decode(new WireReader(buf, off, len, e.name));
    }

    /** Whether (extension without channel bit, msg_type) names a message this codec knows. */
    public static boolean isKnown(int extension, int msgType) {
        int slot = slot(extension, msgType);
        return slot >= 0 && TABLE[slot] != null;
    }

    private static int slot(int extension, int msgType) {
        if (msgType < 0 || msgType > 0xFF) {
            return -1;
        }
        return switch (extension) {
            case Extensions.CORE -> msgType;
            case Extensions.NEGOTIATION -> 0x100 | msgType;
            case Extensions.EHASH -> 0x200 | msgType;
            default -> -1;
        };
    }

    private static void add(int extension, int msgType, boolean channelMsg, String name, Decoder decoder) {
        int slot = slot(extension, msgType);
        if (TABLE[slot] != null) {
            throw new IllegalStateException("two messages at extension " + extension + " type " + msgType);
        }
        TABLE[slot] = new Entry(name, channelMsg, decoder);
    }

    private static void exact(int extension, int msgType, int payloadBytes) {
        SIZE_HINT[slot(extension, msgType)] = payloadBytes;
    }

    private static int sizeHint(Message m) {
        int slot = slot(m.extension(), m.msgType());
        return slot < 0 ? DEFAULT_SIZE_HINT : SIZE_HINT[slot];
    }

    private static int extensionType(Message m) {
        return m.extension() | (m.channelMsg() ? Frame.CHANNEL_BIT : 0);
    }

    private static void checkSize(Message m, int payload) {
        if (payload > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException(m.getClass().getSimpleName() + " payload of " + payload
                    + " bytes exceeds " + Frame.MAX_PAYLOAD);
        }
    }
}
