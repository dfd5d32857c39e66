package org.sharemint.wire;

import java.io.IOException;

/**
 * The peer sent bytes that are not a valid SV2 frame or message: a short or overlong payload, a
 * length beyond its type's maximum, an unknown message type, bad UTF-8. Distinct from a plain
 * IOException (the socket failed) so a caller can log "garbage from the peer" and close that
 * connection only. The message is short and names the SV2 message concerned.
 */
public final class WireException extends IOException {
    public WireException(String reason) {
        super(reason);
    }
}
