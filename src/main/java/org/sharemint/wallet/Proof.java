package org.sharemint.wallet;

import java.util.HexFormat;

/**
 * A Cashu proof (NUT-00): ecash the wallet holds.
 *
 * @param c the unblinded signature C, 33-byte compressed point
 * @param dleq the mint's DLEQ proof with the blinding factor (NUT-12), or null
 */
public record Proof(long amount, String keysetId, String secret, byte[] c, Dleq dleq) {
    /**
     * A DLEQ proof (NUT-12): e and s from the mint, r the wallet's blinding factor (so a
     * receiver can check it too); each 32 bytes, r may be null.
     */
    public record Dleq(byte[] e, byte[] s, byte[] r) {}

    public String cHex() {
        return HexFormat.of().formatHex(c);
    }

    @Override
    public String toString() {
        return "Proof[" + amount + " " + keysetId + "]"; // never the secret: it is the money
    }
}
