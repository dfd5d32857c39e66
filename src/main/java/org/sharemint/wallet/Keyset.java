package org.sharemint.wallet;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A mint keyset as the wallet uses it (NUT-01/02): its public key per amount.
 *
 * @param inputFeePpk fee per input in parts per thousand (0 when the mint gives none)
 * @param finalExpiry unix seconds, or null
 * @param keys amount -> public key, ascending as unsigned 64-bit values (the largest key is 2^63)
 */
public record Keyset(String id, String unit, boolean active, long inputFeePpk, Long finalExpiry, SortedMap<Long, ECPoint> keys) {
    public Keyset {
        TreeMap<Long, ECPoint> sorted = new TreeMap<>(Long::compareUnsigned);
        sorted.putAll(keys);
        keys = Collections.unmodifiableSortedMap(sorted);
    }

    /** The mint's public key for {@code amount}; MintException when the keyset has none. */
    ECPoint key(long amount) throws MintException {
        ECPoint k = keys.get(amount);
        if (k == null) throw new MintException(0, 0, "keyset " + id + " has no key for amount " + amount);
        return k;
    }
}
