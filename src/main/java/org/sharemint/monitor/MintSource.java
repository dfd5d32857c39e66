package org.sharemint.monitor;

/** A mint in this process as the monitor reads it. */
public interface MintSource {
    /** The mint's facts now (may read the ledger: the monitor calls it at most every few seconds). */
    MintFacts facts();

    /** Blind signatures issued since start (a counter, read every tick for the rate). */
    long signaturesIssued();
}
