package org.sharemint.downstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sharemint.wire.Message;
import org.sharemint.wire.OpenExtendedMiningChannel;
import org.sharemint.wire.OpenExtendedMiningChannelSuccess;
import org.sharemint.wire.OpenMiningChannelError;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.OpenStandardMiningChannelSuccess;
import org.sharemint.wire.RequestExtensions;
import org.sharemint.wire.RequestExtensionsError;
import org.sharemint.wire.RequestExtensionsSuccess;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SetupConnectionSuccess;

/**
 * What a downstream says before it mines, as plain sequential steps over a {@link MessageLink}:
 * SetupConnection, RequestExtensions, and the open of one channel. The miner, the bench and the
 * tests set up their connections with these; each step writes its request, flushes, and blocks
 * for the answer.
 */
public final class Sv2Setup {
    /** SetupConnection's protocol: mining. */
    public static final int PROTOCOL_MINING = 0;
    /** The SV2 protocol version spoken. */
    public static final int VERSION = 2;
    /** SetupConnection flag: this downstream wants standard jobs only (no group or extended jobs). */
    public static final int REQUIRES_STANDARD_JOBS = 1;
    /** Frames a channel open may be preceded by before its answer (the pool's jobs for other channels). */
    private static final int MAX_FRAMES_BEFORE_ANSWER = 64;

    private Sv2Setup() {}

    /**
     * The answer to a channel open and what came before it: the pool may send the channel's first
     * jobs right behind the success, in the same read, so they are kept for the caller.
     *
     * @param extranonceSize 0 on a standard channel
     */
    public record Opened(int channelId, boolean extended, byte[] target, byte[] extranoncePrefix, int extranonceSize, List<Message> early) {}

    /** The easiest target there is (2^256 - 1): the pool then applies its own ceilings. */
    public static byte[] maxTarget() {
        byte[] t = new byte[32];
        Arrays.fill(t, (byte) 0xFF);
        return t;
    }

    /** SetupConnection for mining at {@link #VERSION}; the pool's success, or {@link RefusedException}. */
    public static SetupConnectionSuccess setUp(MessageLink link, int flags, String host, int port, String vendor, String hardwareVersion,
                                               String firmware, String deviceId) throws IOException {
        link.send(new SetupConnection(PROTOCOL_MINING, VERSION, VERSION, flags, host, port, vendor, hardwareVersion, firmware, deviceId));
        link.flush();
        return switch (link.read()) {
            case SetupConnectionSuccess s -> s;
            case SetupConnectionError e -> throw new RefusedException("the pool refused SetupConnection: " + e.errorCode());
            case Message m -> throw new IOException("expected SetupConnection.Success, got " + m.getClass().getSimpleName());
        };
    }

    /** RequestExtensions; returns normally only when the pool supports every one of {@code extensions}. */
    public static void requestExtensions(MessageLink link, int requestId, int... extensions) throws IOException {
        link.send(new RequestExtensions(requestId, extensions.clone()));
        link.flush();
        switch (link.read()) {
            case RequestExtensionsSuccess s -> {
                for (int x : extensions) {
                    if (Arrays.stream(s.supportedExtensions()).noneMatch(y -> y == x)) {
                        throw new RefusedException("the pool does not offer extension 0x" + Integer.toHexString(x));
                    }
                }
            }
            case RequestExtensionsError e -> throw new RefusedException("the pool refused extensions " + Arrays.toString(e.unsupportedExtensions()));
            case Message m -> throw new IOException("expected RequestExtensions.Success, got " + m.getClass().getSimpleName());
        }
    }

    /** Opens a standard channel; see {@link #open}. */
    public static Opened openStandard(MessageLink link, int requestId, String userIdentity, float nominalHashRate) throws IOException {
        return open(link, new OpenStandardMiningChannel(requestId, userIdentity, nominalHashRate, maxTarget()), false);
    }

    /** Opens an extended channel rolling at least {@code minExtranonceSize} bytes; see {@link #open}. */
    public static Opened openExtended(MessageLink link, int requestId, String userIdentity, float nominalHashRate, int minExtranonceSize)
            throws IOException {
        return open(link, new OpenExtendedMiningChannel(requestId, userIdentity, nominalHashRate, maxTarget(), minExtranonceSize), true);
    }

    /** Sends the open and reads until its answer: the channel, or {@link RefusedException} with the pool's error code. */
    private static Opened open(MessageLink link, Message request, boolean extended) throws IOException {
        link.send(request);
        link.flush();
        List<Message> early = new ArrayList<>();
        while (true) {
            Message m = link.read();
            if (m instanceof OpenStandardMiningChannelSuccess s && !extended) {
                return new Opened(s.channelId(), false, s.target(), s.extranoncePrefix(), 0, List.copyOf(early));
            } else if (m instanceof OpenExtendedMiningChannelSuccess s && extended) {
                return new Opened(s.channelId(), true, s.target(), s.extranoncePrefix(), s.extranonceSize(), List.copyOf(early));
            } else if (m instanceof OpenMiningChannelError e) {
                throw new RefusedException("the pool refused the channel: " + e.errorCode());
            } else if (early.size() < MAX_FRAMES_BEFORE_ANSWER) {
                early.add(m);
            } else {
                throw new IOException("no answer to the channel open among " + MAX_FRAMES_BEFORE_ANSWER + " frames");
            }
        }
    }
}
