package org.sharemint.wallet;

/**
 * The mint's signature on one output (NUT-00 BlindSignature), as received.
 *
 * @param blindSignature C_, 33-byte compressed (already checked to be a curve point)
 * @param dleqE the DLEQ challenge e (NUT-12) or null
 * @param dleqS the DLEQ response s or null
 */
public record BlindSignature(long amount, String keysetId, byte[] blindSignature, byte[] dleqE, byte[] dleqS) {}
