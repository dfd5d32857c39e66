package org.sharemint.bench;

import java.io.BufferedInputStream;
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
 * Plaintext SV2 over a socket, kept cheap for the generator: frames are read into one reusable
 * buffer and decoded from it; a submit is 30 bytes copied from a template into the output
 * buffer with its sequence number and nonce patched in.
 */
final class PlainLink implements Link {
    private static final int SUBMIT_BYTES = Frame.HEADER_BYTES + SubmitSharesStandard.PAYLOAD_BYTES;
    private static final int SEQUENCE_OFFSET = Frame.HEADER_BYTES + 4;
    private static final int NONCE_OFFSET = Frame.HEADER_BYTES + 12;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int maxFrameBytes;
    private final byte[] header = new byte[Frame.HEADER_BYTES];
    private byte[] payload = new byte[256];
    private final byte[] outBuffer;
    private int outUsed;
    private byte[] submitTemplate;

    PlainLink(Socket socket, int maxFrameBytes, int outBufferBytes) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
        this.maxFrameBytes = maxFrameBytes;
        this.outBuffer = new byte[Math.max(outBufferBytes, 512)];
    }

    @Override
    public Message read() throws IOException {
        int got = in.readNBytes(header, 0, Frame.HEADER_BYTES);
        if (got == 0) throw new EOFException("pool closed the connection");
        if (got < Frame.HEADER_BYTES) throw new WireException("stream ended inside a frame header");
        int extensionType = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
        int length = (header[3] & 0xFF) | (header[4] & 0xFF) << 8 | (header[5] & 0xFF) << 16;
        if (length > maxFrameBytes) throw new WireException("frame of " + length + " bytes exceeds " + maxFrameBytes);
        if (payload.length < length) payload = new byte[Math.max(length, payload.length * 2)];
        if (in.readNBytes(payload, 0, length) < length) throw new WireException("stream ended inside a frame payload");
        return Codec.decode(extensionType, header[2] & 0xFF, payload, 0, length);
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
