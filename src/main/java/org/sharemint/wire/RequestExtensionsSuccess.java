package org.sharemint.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * RequestExtensions.Success (NEGOTIATION 0x01): The extensions the server agrees to use on this
 * connection.
 *
 * @param requestId request_id U16
 * @param supportedExtensions supported_extensions SEQ0_64K[U16]
 */
public record RequestExtensionsSuccess(int requestId, int[] supportedExtensions) implements Message {
    public static final int MSG_TYPE = 0x01;

    @Override
    public int extension() {
        return Extensions.NEGOTIATION;
    }

    @Override
    public int msgType() {
        return MSG_TYPE;
    }

    @Override
    public boolean channelMsg() {
        return false;
    }

    @Override
    public void encode(WireWriter w) {
        w.u16(requestId);
        w.seq0_64kU16(supportedExtensions);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestExtensionsSuccess decode(WireReader r) throws WireException {
        int requestId = r.u16();
        int[] supportedExtensions = r.seq0_64kU16();
        r.expectEnd();
        return new RequestExtensionsSuccess(requestId, supportedExtensions);
    }

    /** Field by field, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RequestExtensionsSuccess m
                && requestId == m.requestId
                && Arrays.equals(supportedExtensions, m.supportedExtensions);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + requestId;
        h = 31 * h + Arrays.hashCode(supportedExtensions);
        return h;
    }

    /** Like the record default, with byte arrays in hex. */
    @Override
    public String toString() {
        return "RequestExtensionsSuccess[" + "requestId=" + requestId + ", "
                + "supportedExtensions=" + Arrays.toString(supportedExtensions) + "]";
    }
}
