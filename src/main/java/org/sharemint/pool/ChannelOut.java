package org.sharemint.pool;

import org.sharemint.wire.Message;

/**
 * Where a channel's messages go — jobs, targets, share replies — whatever kind of downstream
 * owns it: an SV2 connection's {@link Outbound}, or an SV1 connection's {@link Sv1Translator},
 * which says the same things as Stratum V1 lines. Never blocks on the peer.
 */
interface ChannelOut {
    /** Queues {@code m} for the miner; false when its connection is closing. */
    boolean send(Message m);
}
