package org.sharemint.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;

/**
 * k·G from a table of precomputed affine multiples of G, 4 bits of k at a time: 64 table
 * lookups and 64 additions, no doublings (BouncyCastle's comb in {@link Secp256k1#mulG} does 43
 * doublings and 43 additions). Built on BouncyCastle's point arithmetic and its cache-safe lookup
 * tables, so which entry is read does not show in the cache. The table (64 × 16 points, ~64 KiB)
 * is built on first use.
 *
 * <p>Every entry carries an offset H so that no digit, zero included, selects the point at
 * infinity: window w holds d·16^w·G + H for d = 0..15, and the sum of the 64 picks is k·G + 64·H,
 * from which 64·H is taken off at the end.
 */
public final class FixedBase {
    private static final int WINDOW_BITS = 4;
    private static final int WINDOWS = 256 / WINDOW_BITS;
    private static final int ENTRIES = 1 << WINDOW_BITS;

    private FixedBase() {}

    private static final class Table {
        static final ECLookupTable[] WINDOW = new ECLookupTable[WINDOWS];
        static final ECPoint MINUS_OFFSETS;

        static {
            // H: a fixed multiple of G with no small relation to the digits' multiples
            ECPoint h = Secp256k1.mulG(new BigInteger(1, Hashes.sha256("sharemint FixedBase offset".getBytes())).mod(Secp256k1.N));
            ECPoint[] all = new ECPoint[WINDOWS * ENTRIES];
            ECPoint base = Secp256k1.G; // 16^w·G
            for (int w = 0; w < WINDOWS; w++) {
                ECPoint p = h;
                for (int d = 0; d < ENTRIES; d++) {
                    all[w * ENTRIES + d] = p;
                    p = p.add(base);
                }
                for (int i = 0; i < WINDOW_BITS; i++) base = base.twice();
            }
            Secp256k1.CURVE.normalizeAll(all);
            for (int w = 0; w < WINDOWS; w++) WINDOW[w] = Secp256k1.CURVE.createCacheSafeLookupTable(all, w * ENTRIES, ENTRIES);
            MINUS_OFFSETS = h.multiply(BigInteger.valueOf(WINDOWS)).negate().normalize();
        }
    }

    /** k·G, normalized, for k in [1, n-1]. */
    public static ECPoint mulG(BigInteger k) {
        if (k.signum() <= 0 || k.compareTo(Secp256k1.N) >= 0) throw new IllegalArgumentException("scalar out of range [1, n-1]");
        byte[] b = Secp256k1.bytes32(k);
        ECPoint acc = Table.MINUS_OFFSETS;
        for (int w = 0; w < WINDOWS; w++) {
            int byteIndex = 31 - (w >>> 1);
            int digit = (w & 1) == 0 ? b[byteIndex] & 0x0F : (b[byteIndex] >>> 4) & 0x0F;
            acc = acc.add(Table.WINDOW[w].lookup(digit));
        }
        return acc.normalize();
    }
}
