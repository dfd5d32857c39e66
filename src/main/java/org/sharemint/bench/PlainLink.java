package org.sharemint.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.Message;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.WireException;

/**
 * Plaintext SV2 over a socket, kept cheap for the generator: bytes are read in large chunks
 * into one buffer and frames decoded from it in place; {@link #hasBuffered()} tells the caller
 * another whole frame is already in hand, so replies that arrived together are handled before
 * the next write (one syscall for several submits). A submit is 30 bytes copied from a template
 * into the output buffer with its sequence number and nonce patched in.
 */
final class PlainLink implements Link {
    private static final int SUBMIT_BYTES = Frame.HEADER_BYTES + SubmitSharesStandard.PAYLOAD_BYTES;
    private static final int SEQUENCE_OFFSET = Frame.HEADER_BYTES + 4;
    private static final int NONCE_OFFSET = Frame.HEADER_BYTES + 12;

    private final Socket socket;
    private final InputStream in;
    private byte[] inBuffer = new byte[16 * 1024];
    private int inPos;
    private int inLimit;
    private final OutputStream out;
    private final int maxFrameBytes;
    private final byte[] outBuffer;
    private int outUsed;
    private byte[] submitTemplate;

    PlainLink(Socket socket, int maxFrameBytes, int outBufferBytes) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.maxFrameBytes = maxFrameBytes;
        this.outBuffer = new byte[Math.max(outBufferBytes, 512)];
    }

    @Override
    public Message read() throws IOException {
        if (!fill(Frame.HEADER_BYTES)) {
            if (inLimit == inPos) throw new EOFException("pool closed the connection");
            throw new WireException("stream ended inside a frame header");
        }
        byte[] b = inBuffer;
        int p = inPos;
        int extensionType = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        int msgType = b[p + 2] & 0xFF;
        int length = (b[p + 3] & 0xFF) | (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF) << 16;
        if (length > maxFrameBytes) throw new WireException("frame of " + length + " bytes exceeds " + maxFrameBytes);
        if (!fill(Frame.HEADER_BYTES + length)) throw new WireException("stream ended inside a frame payload");
        Message m = Codec.decode(extensionType, msgType, inBuffer, inPos + Frame.HEADER_BYTES, length);
        inPos += Frame.HEADER_BYTES + length;
        return m;
    }

    /** Whether a whole frame is already buffered (reading it will not block). */
    @Override
    public boolean hasBuffered() {
        int n = inLimit - inPos;
        if (n < Frame.HEADER_BYTES) return false;
        int p = inPos;
        int length = (inBuffer[p + 3] & 0xFF) | (inBuffer[p + 4] & 0xFF) << 8 | (inBuffer[p + 5] & 0xFF) << 16;
        return n >= Frame.HEADER_BYTES + length;
    }

    /** Reads until {@code n} bytes are buffered from inPos; false at end of stream. */
    private boolean fill(int n) throws IOException {
        if (inLimit - inPos >= n) return true;
        if (inBuffer.length < n) {
            inBuffer = java.util.Arrays.copyOfRange(inBuffer, inPos, inPos + Math.max(n, inBuffer.length * 2));
            inLimit -= inPos;
            inPos = 0;
        } else if (inBuffer.length - inPos < n) {
            System.arraycopy(inBuffer, inPos, inBuffer, 0, inLimit - inPos);
            inLimit -= inPos;
            inPos = 0;
        }
        while (inLimit - inPos < n) {
            int r = in.read(inBuffer, inLimit, inBuffer.length - inLimit);
            if (r < 0) return false;
            inLimit += r;
        }
        return true;
    }

    @Override
    public void send(Message m) throws IOException {
        byte[] b = Codec.toBytes(m);
        if (outUsed + b.length > outBuffer.length) flush();
        if (b.length > outBuffer.length) {
            out.write(b);
            return;
        }
        System.arraycopy(b, 0, outBuffer, outUsed, b.length);
        outUsed += b.length;
    }

    @Override
    public void prepareSubmits(int channelId, int jobId, int ntime, int version) {
        submitTemplate = Codec.toBytes(new SubmitSharesStandard(channelId, 0, jobId, 0, ntime, version));
    }

    @Override
    public void submit(int sequenceNumber, int nonce) throws IOException {
        if (outUsed + SUBMIT_BYTES > outBuffer.length) flush();
        System.arraycopy(submitTemplate, 0, outBuffer, outUsed, SUBMIT_BYTES);
        putLe32(outBuffer, outUsed + SEQUENCE_OFFSET, sequenceNumber);
        putLe32(outBuffer, outUsed + NONCE_OFFSET, nonce);
        outUsed += SUBMIT_BYTES;
    }

    @Override
    public void flush() throws IOException {
        if (outUsed == 0) return;
        out.write(outBuffer, 0, outUsed);
        outUsed = 0;
    }

    /** The bytes read but not yet returned as frames, taken out of this link (for the open-loop generator). */
    byte[] takeBuffered() {
        byte[] b = java.util.Arrays.copyOfRange(inBuffer, inPos, inLimit);
        inPos = inLimit;
        return b;
    }

    /** The encoded submit of {@link #prepareSubmits}, sequence number and nonce zero. */
    byte[] submitTemplate() {
        return submitTemplate.clone();
    }

    @Override
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
