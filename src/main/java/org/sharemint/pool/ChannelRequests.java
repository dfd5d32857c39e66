package org.sharemint.pool;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.sharemint.bitcoin.Targets;
import org.sharemint.wire.CloseChannel;
import org.sharemint.wire.Extensions;
import org.sharemint.wire.Message;
import org.sharemint.wire.OpenExtendedMiningChannel;
import org.sharemint.wire.OpenExtendedMiningChannelSuccess;
import org.sharemint.wire.OpenMiningChannelError;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.OpenStandardMiningChannelSuccess;
import org.sharemint.wire.RequestExtensions;
import org.sharemint.wire.RequestExtensionsError;
import org.sharemint.wire.RequestExtensionsSuccess;
import org.sharemint.wire.SetLockingKey;
import org.sharemint.wire.SetLockingKeyError;
import org.sharemint.wire.UpdateChannel;
import org.sharemint.wire.UpdateChannelError;
import org.tinylog.Logger;

/**
 * A connection's non-share requests after setup: extension negotiation and opening, updating
 * and closing channels, and NUT-20 locking keys. Runs on the connection's reader thread.
 */
final class ChannelRequests {
    /** Past pool.max-channels-per-connection (not a code of the spec, which leaves the codes open). */
    static final String TOO_MANY_CHANNELS = "too-many-channels";
    /** A real job source has given no template yet (the node is unreachable or still starting). */
    static final String NO_JOB_TEMPLATE = "no-job-template";

    private final Connection connection;
    private final PoolContext ctx;
    private int groupChannelId = -1;

    ChannelRequests(Connection connection, PoolContext ctx) {
        this.connection = connection;
        this.ctx = ctx;
    }

    /** Handles {@code m}; false when it is not a message a miner sends after setup. */
    boolean handle(Message m) {
        switch (m) {
            case RequestExtensions r -> requestExtensions(r);
            case OpenStandardMiningChannel o -> open(o.requestId(), o.userIdentity(), o.nominalHashRate(), o.maxTarget(), false, 0);
            case OpenExtendedMiningChannel o -> open(o.requestId(), o.userIdentity(), o.nominalHashRate(), o.maxTarget(), true,
                    o.minExtranonceSize());
            case UpdateChannel u -> update(u);
            case CloseChannel c -> close(c);
            case SetLockingKey k -> setLockingKey(k);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void requestExtensions(RequestExtensions r) {
        List<Integer> supported = new ArrayList<>();
        List<Integer> unsupported = new ArrayList<>();
        for (int e : r.requestedExtensions()) (e == Extensions.EHASH ? supported : unsupported).add(e);
        if (!supported.isEmpty() || unsupported.isEmpty()) {
            if (!supported.isEmpty()) connection.negotiatedEhash();
            connection.send(new RequestExtensionsSuccess(r.requestId(), ints(supported)));
        } else {
            connection.send(new RequestExtensionsError(r.requestId(), ints(unsupported), new int[0]));
        }
    }

    private void open(int requestId, String identity, float hashRate, byte[] maxTargetBytes, boolean extended, int minExtranonce) {
        String error = null;
        BigInteger maxTarget = Targets.toBig(maxTargetBytes);
        byte[] key = null;
        Template current = ctx.jobs.current();
        if (current == null) {
            error = NO_JOB_TEMPLATE;
        } else if (connection.channels.size() >= ctx.limits.maxChannelsPerConnection()) {
            error = TOO_MANY_CHANNELS;
        } else if (!validHashRate(hashRate)) {
            error = ShareError.INVALID_NOMINAL_HASHRATE;
        } else if (maxTarget.signum() == 0) {
            error = ShareError.MAX_TARGET_OUT_OF_RANGE;
        } else if (extended && minExtranonce > Extranonce.EXTENDED_BYTES) {
            error = ShareError.MIN_EXTRANONCE_SIZE_TOO_LARGE;
        } else {
            switch (LockingKeys.fromIdentity(identity)) {
                case LockingKeys.Invalid i -> error = ShareError.INVALID_USER_IDENTITY;
                case LockingKeys.Key k -> key = k.key();
                case LockingKeys.None n -> key = ctx.settings.defaultLockingKey();
            }
            if (error == null && key == null && ctx.settings.requireLockingKey()) error = ShareError.MISSING_LOCKING_KEY;
        }
        if (error != null) {
            Logger.debug("connection {}: open channel refused: {}", connection.id, error);
            if (error.equals(TOO_MANY_CHANNELS)) {
                ctx.peerLog.report(PeerReasons.TOO_MANY_CHANNELS, "connection " + connection.id,
                        "more than pool.max-channels-per-connection (" + ctx.limits.maxChannelsPerConnection() + ")");
            }
            connection.sendRefusal(new OpenMiningChannelError(requestId, error));
            return;
        }
        int id = ctx.nextChannelId();
        if (groupChannelId < 0) groupChannelId = ctx.nextChannelId();
        PoolSettings s = ctx.settings;
        long now = ctx.nanoTime.getAsLong();
        BigInteger target = MiningChannel.targetFor(hashRate, s.sharesPerMinute(), maxTarget, s.targetCeiling());
        byte[] prefix = extended ? Extranonce.unique(ctx.extranonceSalt, id) : Extranonce.standardPrefix(ctx.extranonceSalt, id);
        MiningChannel channel = new MiningChannel(id, extended, prefix, extended ? Extranonce.EXTENDED_BYTES : 0, key,
                s.targetCeiling(), maxTarget, target, new Vardiff(s.sharesPerMinute(), Vardiff.DEFAULT_WINDOW_NANOS, now),
                connection.outbound(), new SuccessBatch(id, connection.outbound(), s.batchSize(), s.batchMaxDelayMs() * 1_000_000L, ctx.metrics));
        connection.send(extended
                ? new OpenExtendedMiningChannelSuccess(requestId, id, channel.targetBytes(), Extranonce.EXTENDED_BYTES, prefix, groupChannelId)
                : new OpenStandardMiningChannelSuccess(requestId, id, channel.targetBytes(), prefix, groupChannelId));
        // visible to the job broadcaster first, then the current job: whichever sends a job
        // first, the channel's lock and job ids keep them in order (see MiningChannel.sendTemplate)
        channel.workerName = ShareFigures.workerName(identity, LockingKeys.fromIdentity(identity) instanceof LockingKeys.Key);
        ctx.metrics.figures.worker(channel);
        connection.channels.put(id, channel);
        ctx.metrics.channelsOpen.incrementAndGet();
        channel.sendTemplate(current);
    }

    private void update(UpdateChannel u) {
        MiningChannel channel = connection.channels.get(u.channelId());
        BigInteger maxTarget = Targets.toBig(u.maximumTarget());
        String error = channel == null ? ShareError.INVALID_CHANNEL_ID
                : !validHashRate(u.nominalHashRate()) ? ShareError.INVALID_NOMINAL_HASHRATE
                : maxTarget.signum() == 0 ? ShareError.MAX_TARGET_OUT_OF_RANGE
                : null;
        if (error != null) {
            connection.sendRefusal(new UpdateChannelError(u.channelId(), error));
            return;
        }
        channel.update(u.nominalHashRate(), ctx.settings.sharesPerMinute(), maxTarget, ctx.nanoTime.getAsLong());
    }

    private void close(CloseChannel c) {
        if (c.channelId() == groupChannelId) {
            for (Integer id : List.copyOf(connection.channels.keySet())) closeOne(id);
        } else {
            closeOne(c.channelId());
        }
    }

    private void closeOne(int id) {
        MiningChannel channel = connection.channels.remove(id);
        if (channel == null) return;
        ctx.metrics.channelsOpen.decrementAndGet();
        channel.close();
    }

    private void setLockingKey(SetLockingKey k) {
        MiningChannel channel = connection.channels.get(k.channelId());
        if (channel == null) {
            connection.sendRefusal(new SetLockingKeyError(k.channelId(), ShareError.INVALID_CHANNEL_ID));
        } else if (!LockingKeys.valid(k.lockingKey())) {
            connection.sendRefusal(new SetLockingKeyError(k.channelId(), ShareError.INVALID_LOCKING_KEY));
        } else {
            channel.setLockingKey(k.lockingKey().clone());
        }
    }

    private static boolean validHashRate(float h) {
        return Float.isFinite(h) && h >= 0;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
