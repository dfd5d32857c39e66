package org.sharemint.pool;

import java.io.IOException;
import java.net.Socket;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.PlainFrameChannel;

/** Turns an accepted socket into a frame channel: plaintext, or Noise (handshake included). */
interface ChannelOpener {
    /** Blocks (under the socket's SO_TIMEOUT) until the channel is ready for SetupConnection. */
    FrameChannel open(Socket socket) throws IOException;

    /** pool.noise=false. */
    static ChannelOpener plain(int maxFrameBytes) {
        return s -> new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), maxFrameBytes);
    }
}
