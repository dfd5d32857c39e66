package org.sharemint.mint;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.KeysetIds;
import org.sharemint.crypto.Secp256k1;

/**
 * One keyset: the 64 keys for amounts 2^0 … 2^63 of one unit, derived from the mint seed and a
 * derivation index. Immutable; the private keys never leave the mint package.
 */
public final class Keyset {
    /** Amounts 2^0 … 2^63. */
    public static final int KEYS = 64;

    private final String id;
    private final byte[] idBytes;
    private final String unit;
    private final boolean active;
    private final int inputFeePpk;
    private final int derivationIndex;
    private final int idVersion;
    private final Long finalExpiry;
    private final BigInteger[] privateKeys;
    private final ECPoint[] publicKeys;
    private final SortedMap<BigInteger, String> keysHex;

    private Keyset(String unit, boolean active, int inputFeePpk, int derivationIndex, int idVersion, Long finalExpiry,
                   BigInteger[] privateKeys) {
        this.unit = unit;
        this.finalExpiry = finalExpiry;
        this.active = active;
        this.inputFeePpk = inputFeePpk;
        this.derivationIndex = derivationIndex;
        this.idVersion = idVersion;
        this.privateKeys = privateKeys;
        this.publicKeys = new ECPoint[KEYS];
        SortedMap<BigInteger, String> hex = new TreeMap<>();
        for (int i = 0; i < KEYS; i++) {
            publicKeys[i] = Secp256k1.mulG(privateKeys[i]);
            hex.put(BigInteger.ONE.shiftLeft(i), HexFormat.of().formatHex(Secp256k1.compressed(publicKeys[i])));
        }
        this.keysHex = java.util.Collections.unmodifiableSortedMap(hex);
        this.id = switch (idVersion) {
            case 1 -> KeysetIds.v1(keysHex);
            case 2 -> KeysetIds.v2(keysHex, unit, inputFeePpk, finalExpiry);
            default -> throw new IllegalArgumentException("keyset id version must be 1 or 2, got " + idVersion);
        };
        this.idBytes = HexFormat.of().parseHex(id);
    }

    /** Derives the keyset at {@code derivationIndex} from the seed, without final expiry. */
    static Keyset derive(byte[] seed, int derivationIndex, String unit, int idVersion, boolean active, int inputFeePpk) {
        return derive(seed, derivationIndex, unit, idVersion, active, inputFeePpk, null);
    }

    /**
     * Derives the keyset at {@code derivationIndex} from the seed; {@code finalExpiry} (NUT-02, unix
     * seconds, or null for none) is part of a version 2 id, so it is fixed when the keyset is made.
     */
    static Keyset derive(byte[] seed, int derivationIndex, String unit, int idVersion, boolean active, int inputFeePpk, Long finalExpiry) {
        BigInteger[] keys = new BigInteger[KEYS];
        for (int i = 0; i < KEYS; i++) keys[i] = KeyDerivation.keysetKey(seed, derivationIndex, i);
        return new Keyset(unit, active, inputFeePpk, derivationIndex, idVersion, finalExpiry, keys);
    }

    /** The same keys with another {@code active} flag. */
    Keyset withActive(boolean newActive) {
        return newActive == active ? this : new Keyset(unit, newActive, inputFeePpk, derivationIndex, idVersion, finalExpiry, privateKeys);
    }

    /** Hex id as the HTTP API shows it (16 hex digits for v1, 66 for v2). */
    public String id() {
        return id;
    }

    /** Raw id bytes (8 for v1, 33 for v2), as the SV2 extension carries them. */
    public byte[] idBytes() {
        return idBytes.clone();
    }

    public String unit() {
        return unit;
    }

    public boolean active() {
        return active;
    }

    public int inputFeePpk() {
        return inputFeePpk;
    }

    public int derivationIndex() {
        return derivationIndex;
    }

    public int idVersion() {
        return idVersion;
    }

    /** NUT-02 {@code final_expiry}: unix seconds after which the mint signs nothing more with it, or null. */
    public Long finalExpiry() {
        return finalExpiry;
    }

    /** Whether {@code nowMs} (unix milliseconds) is at or past the final expiry. */
    public boolean expiredAt(long nowMs) {
        return finalExpiry != null && nowMs >= finalExpiry * 1000;
    }

    /** The public key for amount 2^exponent. */
    public ECPoint publicKey(int exponent) {
        return publicKeys[exponent];
    }

    /** amount -> compressed public key hex, ascending by amount (NUT-01 {@code keys}). */
    public SortedMap<BigInteger, String> keysHex() {
        return keysHex;
    }

    BigInteger privateKey(int exponent) {
        return privateKeys[exponent];
    }

    @Override
    public String toString() {
        return "Keyset[" + id + ", unit " + unit + (active ? ", active" : ", inactive") + "]";
    }
}
