package org.sharemint.pool;

import org.sharemint.config.Config;

/**
 * What one peer may cost the pool (issue 17): invalid submits a second before its connection is
 * closed, channels per connection, the time a started frame may take, the Noise handshakes
 * computed or waiting at once and a second, and how long an address closed for misbehaviour
 * waits before its next connection is served. Read once from {@link Config}.
 */
record PeerLimits(int maxInvalidPerSecond, int invalidBurst, int maxChannelsPerConnection, long frameTimeoutMs,
        int maxHandshakesInProgress, int maxHandshakesPerSecond, long misbehaviourDelayMs, int descriptorReserve) {

    /** The defaults of config/Keys (tests that build a context by hand). */
    static final PeerLimits DEFAULTS = new PeerLimits(20, 200, 64, 5000, 256, 1000, 2000, 128);

    static PeerLimits from(Config c) {
        return new PeerLimits(
                c.intValue("pool.max-invalid-shares-per-s"),
                c.intValue("pool.invalid-shares-burst"),
                c.intValue("pool.max-channels-per-connection"),
                c.longValue("pool.frame-timeout-ms"),
                c.intValue("pool.max-handshakes-in-progress"),
                c.intValue("pool.max-handshakes-per-s"),
                c.longValue("pool.misbehaviour-delay-ms"),
                c.intValue("pool.descriptor-reserve"));
    }
}
