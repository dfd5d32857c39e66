package org.sharemint.jobs;

import org.sharemint.bitcoin.BlockTemplate;

/**
 * Where real work comes from: Bitcoin Core (getblocktemplate) or an SV2 Template Provider.
 * The pool's job feed waits on {@link #next} in a plain loop and sends each template it returns
 * as jobs; a share that meets the network target comes back through {@link #submit}.
 */
public interface TemplateSource extends AutoCloseable {
    /** {@link #submit}'s answer when the block was handed over and no verdict comes back (a Template Provider). */
    String SENT = "sent";

    /** A template and its place in the order the source produced them. */
    record Published(long serial, BlockTemplate template) {}

    /**
     * A found block in the parts each source needs.
     *
     * @param coinbase the coinbase in block form (with the witness reserved value when the template has a commitment)
     * @param block the whole serialized block
     */
    record FoundBlock(BlockTemplate template, int version, int ntime, int nonce, byte[] coinbase, byte[] block, byte[] hash) {}

    /** Starts the source's threads (it keeps trying to reach its node from then on). */
    void start();

    /** Waits up to {@code timeoutMillis} for a template after {@code afterSerial}; null on timeout. */
    Published next(long afterSerial, long timeoutMillis) throws InterruptedException;

    /** Null while the source works, else why not (for /health and the channel refusal log). */
    String problem();

    /**
     * Hands a found block to the node (blocking, retried while the node is briefly unreachable).
     * Returns null when the node accepted it, {@link #SENT} when it was handed over without an
     * answer, else the node's reason, or "error: ..." when it could not be handed over.
     */
    String submit(FoundBlock block) throws InterruptedException;

    /** Short name for logs ("bitcoind at 127.0.0.1:8332"). */
    String describe();

    @Override
    void close();
}
