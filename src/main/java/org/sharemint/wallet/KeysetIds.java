package org.sharemint.wallet;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.Hashes;
import org.sharemint.crypto.Secp256k1;

/**
 * Keyset ids derived from the keys (NUT-02), so the wallet can check that the mint's keys are
 * the keyset it names: version 1 ({@code 00} + 7 bytes) and version 2 ({@code 01} + 32 bytes).
 */
final class KeysetIds {
    private static final HexFormat HEX = HexFormat.of();

    private KeysetIds() {}

    /** Version 1: "00" + the first 7 bytes of SHA256 of the compressed keys in amount order. */
    static String v1(SortedMap<Long, ECPoint> keys) {
        byte[] all = new byte[33 * keys.size()];
        int off = 0;
        for (ECPoint k : keys.values()) {
            System.arraycopy(Secp256k1.compressed(k), 0, all, off, 33);
            off += 33;
        }
        return "00" + HEX.formatHex(Hashes.sha256(all), 0, 7);
    }

    /** Version 2: "01" + SHA256("amount:keyhex,...|unit:U" [+ "|input_fee_ppk:N"] [+ "|final_expiry:T"]). */
    static String v2(SortedMap<Long, ECPoint> keys, String unit, long inputFeePpk, Long finalExpiry) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Long, ECPoint> e : keys.entrySet()) {
            if (!b.isEmpty()) b.append(',');
            b.append(Long.toUnsignedString(e.getKey())).append(':').append(HEX.formatHex(Secp256k1.compressed(e.getValue())));
        }
        b.append("|unit:").append(unit);
        if (inputFeePpk != 0) b.append("|input_fee_ppk:").append(inputFeePpk);
        if (finalExpiry != null && finalExpiry != 0) b.append("|final_expiry:").append(finalExpiry);
        return "01" + HEX.formatHex(Hashes.sha256(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the keyset's id is the one its keys and metadata derive (v1 or v2 by its prefix). */
    static boolean matches(Keyset k) {
        String id = k.id().toLowerCase(java.util.Locale.ROOT);
        if (id.startsWith("00") && id.length() == 16) return id.equals(v1(k.keys()));
        if (id.startsWith("01") && id.length() == 66) return id.equals(v2(k.keys(), k.unit(), k.inputFeePpk(), k.finalExpiry()));
        return false;
    }
}
