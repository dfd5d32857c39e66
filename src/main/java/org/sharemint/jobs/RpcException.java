package org.sharemint.jobs;

import java.io.IOException;

/** A JSON-RPC call that did not give a result: the node unreachable, an HTTP error or an RPC error. */
public final class RpcException extends IOException {
    /** True when the node was not reached at all (refused, timed out), false when it answered badly. */
    public final boolean unreachable;

    public RpcException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }
}
