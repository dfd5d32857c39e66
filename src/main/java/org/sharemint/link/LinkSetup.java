package org.sharemint.link;

import java.io.IOException;
import java.util.Arrays;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Extensions;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.RequestExtensions;
import org.sharemint.wire.RequestExtensionsError;
import org.sharemint.wire.RequestExtensionsSuccess;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SetupConnectionSuccess;

/**
 * The opening of a mint link (wire.md, "Mint link"): the pool sends SetupConnection (protocol 0,
 * version 2) and RequestExtensions([0x4E55]); the mint answers each. Both sides as plain
 * sequential code on an open frame channel; any deviation is a {@link LinkException}.
 */
final class LinkSetup {
    static final int PROTOCOL_MINING = 0;
    static final int VERSION = 2;
    /** Largest frame either side reads on the link: requests and answers are a few hundred bytes. */
    static final int MAX_FRAME_BYTES = 4096;
    private static final int EXTENSIONS_REQUEST = 1;

    private LinkSetup() {}

    /** Pool side: asks for the link; returns once the mint agreed to both. */
    static void asPool(FrameChannel channel) throws IOException {
        send(channel, new SetupConnection(PROTOCOL_MINING, VERSION, VERSION, 0, "", 0, "sharemint", "", "", "pool"));
        send(channel, new RequestExtensions(EXTENSIONS_REQUEST, new int[] {Extensions.EHASH}));
        Message m = read(channel);
        if (m instanceof SetupConnectionError e) throw new LinkException("the mint refused SetupConnection: " + e.errorCode());
        if (!(m instanceof SetupConnectionSuccess)) throw unexpected("SetupConnection.Success", m);
        m = read(channel);
        if (m instanceof RequestExtensionsError) throw new LinkException("the mint refused the ehash extension (0x4E55): not a sharemint mint?");
        if (!(m instanceof RequestExtensionsSuccess s) || !contains(s.supportedExtensions(), Extensions.EHASH)) {
            throw unexpected("RequestExtensions.Success with 0x4E55", m);
        }
    }

    /** Mint side: agrees to a pool's SetupConnection and RequestExtensions, or refuses and throws. */
    static void asMint(FrameChannel channel) throws IOException {
        Message m = read(channel);
        if (!(m instanceof SetupConnection s)) throw unexpected("SetupConnection", m);
        if (s.protocol() != PROTOCOL_MINING || s.minVersion() > VERSION || s.maxVersion() < VERSION) {
            String code = s.protocol() != PROTOCOL_MINING ? "unsupported-protocol" : "protocol-version-mismatch";
            send(channel, new SetupConnectionError(0, code));
            throw new LinkException("SetupConnection refused: " + code);
        }
        send(channel, new SetupConnectionSuccess(VERSION, 0));
        m = read(channel);
        if (!(m instanceof RequestExtensions r)) throw unexpected("RequestExtensions", m);
        if (!contains(r.requestedExtensions(), Extensions.EHASH)) {
            send(channel, new RequestExtensionsError(r.requestId(), r.requestedExtensions(), new int[] {Extensions.EHASH}));
            throw new LinkException("RequestExtensions without 0x4E55: " + Arrays.toString(r.requestedExtensions()));
        }
        send(channel, new RequestExtensionsSuccess(r.requestId(), new int[] {Extensions.EHASH}));
    }

    private static Message read(FrameChannel channel) throws IOException {
        return Codec.decode(channel.read());
    }

    private static void send(FrameChannel channel, Message m) throws IOException {
        channel.write(Codec.encode(m));
        channel.flush();
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }

    private static LinkException unexpected(String expected, Message got) {
        return new LinkException("expected " + expected + ", got " + got.getClass().getSimpleName());
    }
}
