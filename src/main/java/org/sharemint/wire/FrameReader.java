package org.sharemint.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads SV2 frames from a blocking stream. The declared msg_length is checked against the
 * limit before anything is allocated for the payload, and the payload buffer then grows only as
 * bytes actually arrive (InputStream.readNBytes), so a peer that declares a big frame and
 * stalls holds little memory. Over an {@link ElasticInput} the wait for a frame holds no
 * buffer ({@link ElasticInput#readAwaiting}). Not thread-safe: one reading thread.
 */
public final class FrameReader {
    private final InputStream in;
    private final int maxFrameBytes;
    private final byte[] header = new byte[Frame.HEADER_BYTES];

    /**
     * @param in the stream; wrap a socket stream in an {@link ElasticInput} (or a BufferedInputStream)
     * @param maxFrameBytes the largest payload accepted, at most {@link Frame#MAX_PAYLOAD}
     */
    public FrameReader(InputStream in, int maxFrameBytes) {
        if (maxFrameBytes < 0 || maxFrameBytes > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " not in 0.." + Frame.MAX_PAYLOAD);
        }
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Blocks for the next frame.
     *
     * @throws EOFException the stream ended cleanly, between frames
     * @throws WireException the frame is over the limit, or the stream ended inside it
     */
    public Frame read() throws IOException {
        int got = 0;
        while (got < Frame.HEADER_BYTES) {
            int n = got == 0 && in instanceof ElasticInput e
                    ? e.readAwaiting(header, 0, Frame.HEADER_BYTES)
                    : in.read(header, got, Frame.HEADER_BYTES - got);
            if (n < 0) {
                if (got == 0) {
                    throw new EOFException("end of stream");
                }
                throw new WireException("stream ended after " + got + " of " + Frame.HEADER_BYTES + " header bytes");
            }
            got += n;
        }
        int extensionType = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
        int msgType = header[2] & 0xFF;
        int length = (header[3] & 0xFF) | (header[4] & 0xFF) << 8 | (header[5] & 0xFF) << 16;
        if (length > maxFrameBytes) {
            throw new WireException(String.format("frame of %d bytes exceeds limit %d (extension 0x%04x, type 0x%02x)",
                    length, maxFrameBytes, extensionType, msgType));
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new WireException("stream ended after " + payload.length + " of " + length + " payload bytes");
        }
        return new Frame(extensionType, msgType, payload);
    }
}
