package org.sharemint.mint;

/**
 * The pool asks the mint for one quote for one validated share.
 *
 * @param shareHash SHA256d of the share header, internal byte order (32 bytes)
 * @param amount 2^(z - m), in unit {@code unit}
 * @param unit "hash"
 * @param lockingKey the channel's NUT-20 key, 33-byte compressed secp256k1 point
 * @param deadlineUnixMs the mint creates no quote for a request past this instant
 */
public record QuoteRequest(byte[] shareHash, long amount, String unit, byte[] lockingKey, long deadlineUnixMs) {}
