package org.sharemint.miner;

import java.io.Closeable;
import java.io.IOException;

/** One connection to the pool, SV2 ({@link PoolSession}) or Stratum V1 ({@link Sv1Session}). */
interface MinerSession extends Closeable {
    /** Runs the connection to its end; throws when it failed, {@link org.sharemint.downstream.RefusedException} when the pool said no. */
    void run() throws IOException;

    /** Whether the session got as far as mining. */
    boolean wasReady();

    /** Called by a hashing thread for a header that met its target. */
    void submit(HashEngine.Share s);

    @Override
    void close();
}
