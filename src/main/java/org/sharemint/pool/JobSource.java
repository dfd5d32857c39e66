package org.sharemint.pool;

/**
 * Where channels get their jobs: the synthetic chain, or a real node through {@link TemplateJobs}.
 * The share path sees only {@link Template}s; this seam is all that differs between sources.
 */
interface JobSource {
    /** The newest template, or null while a real source has none yet (channels are refused then). */
    Template current();

    /** Null while jobs can be served, else why not (for /health). */
    default String problem() {
        return null;
    }

    /**
     * A share met the network target on {@code t}: build the block and hand it to the node at
     * once. The synthetic chain has no node and ignores it.
     */
    default void blockFound(Template t, byte[] extranoncePrefix, byte[] extranonce, int version, int ntime, int nonce, byte[] hash) {}
}
