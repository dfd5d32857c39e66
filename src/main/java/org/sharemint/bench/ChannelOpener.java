package org.sharemint.bench;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.wire.Extensions;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;

/**
 * The set-up a miner does before submitting: SetupConnection (mining protocol, version 2,
 * standard jobs), optionally RequestExtensions for ehash (so quotes come back as ShareQuote),
 * OpenStandardMiningChannel with the easiest max_target and a tiny hash rate, then the first
 * job and the prev hash that activates it. The set-up itself is {@link Sv2Setup}'s.
 */
final class ChannelOpener {
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
        Sv2Setup.setUp(link, Sv2Setup.REQUIRES_STANDARD_JOBS, link.socket().getInetAddress().getHostAddress(), link.socket().getPort(),
                "sharemint-bench", "", "", deviceId);
        if (quotes) Sv2Setup.requestExtensions(link, 1, Extensions.EHASH);
        Sv2Setup.Opened opened = Sv2Setup.openStandard(link, 2, userIdentity, NOMINAL_HASH_RATE);
        int channelId = opened.channelId();
        byte[] target = opened.target();
        Deque<Message> early = new ArrayDeque<>(opened.early());
        NewMiningJob job = null;
        NewMiningJob futureJob = null;
        SetNewPrevHash prev = null;
        for (int i = 0; i < MAX_SETUP_MESSAGES; i++) {
            switch (early.isEmpty() ? link.read() : early.poll()) {
                case SetTarget t -> target = t.maximumTarget();
                case NewMiningJob j when j.minNtime() == null -> futureJob = j;
                case NewMiningJob j -> job = j;
                case SetNewPrevHash p -> {
                    prev = p;
                    if (futureJob != null && futureJob.jobId() == p.jobId()) job = futureJob;
                }
                default -> { }
            }
            if (job != null && prev != null) {
                int ntime = job.minNtime() != null ? Math.max(job.minNtime(), prev.minNtime()) : prev.minNtime();
                return new Channel(channelId, target, job.jobId(), job.version(), job.merkleRoot(), prev.prevHash(), ntime, prev.nbits());
            }
        }
        throw new IOException("no job and prev hash within " + MAX_SETUP_MESSAGES + " messages after the channel opened");
    }
}
