package org.sharemint.wallet;

import java.math.BigInteger;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.KeysetIds;
import org.sharemint.crypto.Secp256k1;

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

    /** Whether the id is the one the keys and metadata derive (NUT-02; v1 or v2 by its prefix). */
    boolean idMatchesKeys() {
        SortedMap<BigInteger, String> hex = new TreeMap<>();
        keys.forEach((amount, k) -> hex.put(new BigInteger(Long.toUnsignedString(amount)), HexFormat.of().formatHex(Secp256k1.compressed(k))));
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.startsWith("00") && lower.length() == 16) return lower.equals(KeysetIds.v1(hex));
        if (lower.startsWith("01") && lower.length() == 66) return lower.equals(KeysetIds.v2(hex, unit, inputFeePpk, finalExpiry));
        return false;
    }
}
