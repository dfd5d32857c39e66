package org.sharemint.link;

import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.NoiseChannels;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.PlainFrameChannel;

/** Turns a link socket into a frame channel: plaintext (mint.link.noise=false) or Noise NX, the mint as responder. */
final class LinkChannels {
    /** Validity of the certificate the mint signs for its link (a link lives long; the pool checks it at the handshake only). */
    static final long CERT_VALIDITY_SECONDS = 3600;

    private LinkChannels() {}

    /** Pool side; {@code mintAuthority} is the mint's x-only authority key, null for plaintext. */
    static FrameChannel pool(Socket s, byte[] mintAuthority, Clock clock) throws IOException {
        if (mintAuthority == null) return new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), LinkSetup.MAX_FRAME_BYTES);
        return NoiseChannels.initiator(s, mintAuthority, clock, LinkSetup.MAX_FRAME_BYTES);
    }

    /** Mint side; {@code authority} signs the certificate, null for plaintext. */
    static FrameChannel mint(Socket s, AuthorityKey authority, Clock clock) throws IOException {
        if (authority == null) return new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), LinkSetup.MAX_FRAME_BYTES);
        return NoiseChannels.responder(s, authority, CERT_VALIDITY_SECONDS, clock, LinkSetup.MAX_FRAME_BYTES);
    }
}
