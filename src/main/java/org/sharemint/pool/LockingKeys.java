package org.sharemint.pool;

import java.util.HexFormat;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;

/** NUT-20 locking keys: 33-byte compressed secp256k1 points, from the wire or a user identity. */
final class LockingKeys {
    private static final HexFormat HEX = HexFormat.of();

    private LockingKeys() {}

    /** Whether {@code key} is a 33-byte compressed point on the curve. */
    static boolean valid(byte[] key) {
        if (key == null || key.length != 33) return false;
        try {
            Secp256k1.decodePoint(key);
            return true;
        } catch (CryptoException e) {
            return false;
        }
    }

    /** The parsed key, or null for empty configuration. */
    static byte[] fromConfig(String hex) {
        if (hex.isEmpty()) return null;
        byte[] k = HEX.parseHex(hex);
        if (!valid(k)) throw new IllegalArgumentException("ehash.default-locking-key is not a point on secp256k1");
        return k;
    }

    /** What the first {@code .}-separated part of a user identity says about a locking key. */
    sealed interface FromIdentity permits None, Key, Invalid {}

    /** The identity carries no key. */
    record None() implements FromIdentity {}

    record Key(byte[] key) implements FromIdentity {}

    /** 66 hex digits that are not a point on the curve. */
    record Invalid() implements FromIdentity {}

    static FromIdentity fromIdentity(String identity) {
        int dot = identity.indexOf('.');
        String first = dot < 0 ? identity : identity.substring(0, dot);
        if (first.length() != 66 || !HexFormat.isHexDigit(first.charAt(0))) return new None();
        byte[] k;
        try {
            k = HEX.parseHex(first);
        } catch (IllegalArgumentException e) {
            return new None();
        }
        return valid(k) ? new Key(k) : new Invalid();
    }
}
