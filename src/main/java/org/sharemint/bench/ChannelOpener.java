package org.sharemint.bench;

import java.io.IOException;
import java.util.Arrays;
import org.sharemint.wire.Extensions;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.OpenMiningChannelError;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.OpenStandardMiningChannelSuccess;
import org.sharemint.wire.RequestExtensions;
import org.sharemint.wire.RequestExtensionsError;
import org.sharemint.wire.RequestExtensionsSuccess;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SetupConnectionSuccess;

/**
 * The set-up a miner does before submitting: SetupConnection (mining protocol, version 2,
 * standard jobs), optionally RequestExtensions for ehash (so quotes come back as ShareQuote),
 * OpenStandardMiningChannel with the easiest max_target and a tiny hash rate, then the first
 * job and the prev hash that activates it.
 */
final class ChannelOpener {
    /** SetupConnection flag: the downstream only understands standard jobs. */
    private static final int REQUIRES_STANDARD_JOBS = 1;
    /** Far below the rate of one share per second: the pool then gives the easiest target its ceilings allow. */
    static final float NOMINAL_HASH_RATE = 0.001f;
    private static final int MAX_SETUP_MESSAGES = 64;

    /** An open channel and the job its shares are submitted on. */
    record Channel(int channelId, byte[] target, int jobId, int version, byte[] merkleRoot, byte[] prevHash, int ntime, int nbits) {
        ShareSource shareSource() {
            return new ShareSource(version, prevHash, merkleRoot, ntime, nbits, target);
        }
    }

    private ChannelOpener() {}

    static Channel open(Link link, String userIdentity, boolean quotes, String deviceId) throws IOException {
        link.send(new SetupConnection(0, 2, 2, REQUIRES_STANDARD_JOBS, link.socket().getInetAddress().getHostAddress(), link.socket().getPort(),
                "sharemint-bench", "", "", deviceId));
        link.flush();
        switch (link.read()) {
            case SetupConnectionSuccess ok -> { }
            case SetupConnectionError e -> throw new IOException("SetupConnection refused: " + e.errorCode());
            case Message m -> throw new IOException("unexpected answer to SetupConnection: " + m);
        }
        if (quotes) {
            link.send(new RequestExtensions(1, new int[] {Extensions.EHASH}));
            link.flush();
            switch (link.read()) {
                case RequestExtensionsSuccess ok -> {
                    if (Arrays.stream(ok.supportedExtensions()).noneMatch(x -> x == Extensions.EHASH)) {
                        throw new IOException("pool does not support the ehash extension");
                    }
                }
                case RequestExtensionsError e -> throw new IOException("RequestExtensions refused: unsupported " + Arrays.toString(e.unsupportedExtensions()));
                case Message m -> throw new IOException("unexpected answer to RequestExtensions: " + m);
            }
        }
        byte[] maxTarget = new byte[32];
        Arrays.fill(maxTarget, (byte) 0xFF);
        link.send(new OpenStandardMiningChannel(2, userIdentity, NOMINAL_HASH_RATE, maxTarget));
        link.flush();
        int channelId = -1;
        byte[] target = null;
        NewMiningJob job = null;
        NewMiningJob futureJob = null;
        SetNewPrevHash prev = null;
        for (int i = 0; i < MAX_SETUP_MESSAGES; i++) {
            switch (link.read()) {
                case OpenStandardMiningChannelSuccess ok -> {
                    channelId = ok.channelId();
                    target = ok.target();
                }
                case OpenMiningChannelError e -> throw new IOException("OpenStandardMiningChannel refused: " + e.errorCode());
                case SetTarget t -> target = t.maximumTarget();
                case NewMiningJob j when j.minNtime() == null -> futureJob = j;
                case NewMiningJob j -> job = j;
                case SetNewPrevHash p -> {
                    prev = p;
                    if (futureJob != null && futureJob.jobId() == p.jobId()) job = futureJob;
                }
                default -> { }
            }
            if (channelId >= 0 && job != null && prev != null) {
                int ntime = job.minNtime() != null ? Math.max(job.minNtime(), prev.minNtime()) : prev.minNtime();
                return new Channel(channelId, target, job.jobId(), job.version(), job.merkleRoot(), prev.prevHash(), ntime, prev.nbits());
            }
        }
        throw new IOException("no job and prev hash within " + MAX_SETUP_MESSAGES + " messages after the channel opened");
    }
}
