package org.sharemint.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes SV2 frames (6-byte header, then the payload) to a stream. Does not flush and is not
 * thread-safe; {@link PlainFrameChannel} adds both.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final byte[] header = new byte[Frame.HEADER_BYTES];

    /** @param out the stream; wrap a socket stream in a BufferedOutputStream */
    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one frame; a header field out of range is a programming error (IllegalArgumentException). */
    public void write(Frame f) throws IOException {
        int ext = f.extensionType();
        int type = f.msgType();
        int length = f.payload().length;
        if (ext < 0 || ext > 0xFFFF || type < 0 || type > 0xFF || length > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("bad frame header: extension " + ext + ", type " + type
                    + ", payload " + length + " bytes");
        }
        header[0] = (byte) ext;
        header[1] = (byte) (ext >>> 8);
        header[2] = (byte) type;
        WireWriter.putU24(header, 3, length);
        out.write(header);
        out.write(f.payload());
    }
}
