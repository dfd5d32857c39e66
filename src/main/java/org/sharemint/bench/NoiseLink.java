package org.sharemint.bench;

import java.io.IOException;
import java.net.Socket;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;

/**
 * SV2 over a Noise channel. The channel encrypts a frame when it is written, so one payload
 * array per connection is patched and written again for every submit.
 */
final class NoiseLink implements Link {
    private final Socket socket;
    private final FrameChannel channel;
    private Frame submitFrame;

    NoiseLink(Socket socket, FrameChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    @Override
    public Message read() throws IOException {
        return Codec.decode(channel.read());
    }

    @Override
    public void send(Message m) throws IOException {
        channel.write(Codec.encode(m));
    }

    @Override
    public void prepareSubmits(int channelId, int jobId, int ntime, int version) {
        submitFrame = Codec.encode(new org.sharemint.wire.SubmitSharesStandard(channelId, 0, jobId, 0, ntime, version));
    }

    @Override
    public void submit(int sequenceNumber, int nonce) throws IOException {
        byte[] p = submitFrame.payload();
        PlainLink.putLe32(p, 4, sequenceNumber);
        PlainLink.putLe32(p, 12, nonce);
        channel.write(submitFrame);
    }

    @Override
    public void flush() throws IOException {
        channel.flush();
    }

    @Override
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        socket.close();
    }
}
