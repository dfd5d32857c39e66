package org.sharemint.pool;

import java.util.List;

/** The reasons of sharemint_peer_misbehaviour_total on the miner listener (a fixed label set). */
final class PeerReasons {
    static final String BAD_FRAME = "bad-frame";
    static final String FRAME_TIMEOUT = "frame-timeout";
    static final String PROTOCOL_VIOLATION = "protocol-violation";
    static final String INVALID_SUBMITS = "invalid-submits";
    static final String TOO_MANY_CHANNELS = "too-many-channels";
    static final String HANDSHAKE_FAILED = "handshake-failed";
    static final String HANDSHAKES_FULL = "handshakes-full";
    static final String SETUP_TIMEOUT = "setup-timeout";
    static final String SETUP_REFUSED = "setup-refused";
    static final String NOT_READING = "not-reading";

    static final List<String> ALL = List.of(BAD_FRAME, FRAME_TIMEOUT, PROTOCOL_VIOLATION, INVALID_SUBMITS, TOO_MANY_CHANNELS,
            HANDSHAKE_FAILED, HANDSHAKES_FULL, SETUP_TIMEOUT, SETUP_REFUSED, NOT_READING);

    private PeerReasons() {}
}
