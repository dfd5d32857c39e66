package org.sharemint.crypto;

import fr.acinq.secp256k1.jni.NativeSecp256k1JvmLoader;
import org.tinylog.Logger;

/**
 * Bitcoin Core's libsecp256k1 (ACINQ's JNI build from Maven Central, which carries the Linux
 * x86_64 and aarch64 libraries) for the mint's point multiplications: about 4-5x BouncyCastle's
 * on this project's machines (bench DleqBench). Both products run in constant time (libsecp256k1's
 * ecmult_const and ecmult_gen), which BouncyCastle's plain multiply does not.
 *
 * <p>Where the library does not load (another OS or CPU, a read-only temp directory) or the
 * system property {@code sharemint.secp256k1} is {@code bouncycastle}, {@link #available()} is
 * false and callers use BouncyCastle; the two give the same bytes (NativeSecpTest).
 */
public final class NativeSecp {
    /** The system property that turns the native library off: {@code -Dsharemint.secp256k1=bouncycastle}. */
    public static final String PROPERTY = "sharemint.secp256k1";
    private static final fr.acinq.secp256k1.Secp256k1 LIB = load();

    private NativeSecp() {}

    private static fr.acinq.secp256k1.Secp256k1 load() {
        if ("bouncycastle".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) return null;
        try {
            return NativeSecp256k1JvmLoader.load();
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: fall back, say so once
            Logger.warn("libsecp256k1 did not load ({}): the mint signs with BouncyCastle, about 4x slower", e.toString());
            return null;
        }
    }

    /** True when the native library is loaded and not turned off. */
    public static boolean available() {
        return LIB != null;
    }

    /** k·P as 65 uncompressed bytes, for P in 33 or 65 SEC1 bytes and k 32 bytes in [1, n-1]. */
    public static byte[] multiply(byte[] point, byte[] k32) {
        return LIB.pubKeyTweakMul(point, k32);
    }

    /** k·G as 65 uncompressed bytes, for k 32 bytes in [1, n-1]. */
    public static byte[] multiplyG(byte[] k32) {
        return LIB.pubkeyCreate(k32);
    }

    /** The 65 uncompressed bytes of a 33- or 65-byte SEC1 point, or null when the bytes are not a point on the curve. */
    public static byte[] parse(byte[] encoded) {
        try {
            return LIB.pubkeyParse(encoded);
        } catch (RuntimeException e) { // Secp256k1Exception: not a point
            return null;
        }
    }

    /** The 33-byte compressed form of 65 uncompressed bytes (no arithmetic: y's parity picks 02 or 03). */
    public static byte[] compress(byte[] uncompressed) {
        byte[] c = new byte[33];
        c[0] = (byte) (2 | (uncompressed[64] & 1));
        System.arraycopy(uncompressed, 1, c, 1, 32);
        return c;
    }
}
