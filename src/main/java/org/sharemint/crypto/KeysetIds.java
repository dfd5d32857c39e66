package org.sharemint.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * Keyset ids (NUT-02) from the public keys of a keyset: the mint derives its ids, the wallet checks
 * that a mint's keys are the keyset they claim to be.
 *
 * <ul>
 *   <li>version 1 ({@code 00}, deprecated): {@code "00" + hex(SHA256(K_a1 || K_a2 || …))[0..14]} over
 *       the 33-byte compressed keys sorted by amount: 16 hex digits.
 *   <li>version 2 ({@code 01}): {@code "01" + hex(SHA256("a1:K1hex,a2:K2hex,…|unit:U"
 *       [+ "|input_fee_ppk:F" when F != 0] [+ "|final_expiry:T" when set]))}: 66 hex digits.
 * </ul>
 */
public final class KeysetIds {
    private KeysetIds() {}

    /** Version 1 id of keys (amount -> 33-byte compressed key as lowercase hex), sorted by amount. */
    public static String v1(SortedMap<BigInteger, String> keys) {
        HexFormat hex = HexFormat.of();
        byte[][] parts = new byte[keys.size()][];
        int i = 0;
        for (String k : keys.values()) parts[i++] = hex.parseHex(k);
        return "00" + hex.formatHex(Hashes.sha256(parts)).substring(0, 14);
    }

    /** Version 2 id; {@code finalExpiry} null (or 0) when the keyset has none. */
    public static String v2(SortedMap<BigInteger, String> keys, String unit, long inputFeePpk, Long finalExpiry) {
        StringBuilder b = new StringBuilder(keys.size() * 90);
        for (Map.Entry<BigInteger, String> e : keys.entrySet()) {
            if (b.length() > 0) b.append(',');
            b.append(e.getKey()).append(':').append(e.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        b.append("|unit:").append(unit.toLowerCase(java.util.Locale.ROOT));
        if (inputFeePpk != 0) b.append("|input_fee_ppk:").append(inputFeePpk);
        if (finalExpiry != null && finalExpiry != 0) b.append("|final_expiry:").append(finalExpiry);
        return "01" + HexFormat.of().formatHex(Hashes.sha256(b.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
