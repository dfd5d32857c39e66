package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;

/**
 * Reads the Cashu request bodies' parts from parsed JSON, checking every field at the edge: a
 * wrong type, a bound exceeded, bad hex or a point off the curve is a {@link CashuException} whose
 * detail names the field (for example {@code outputs[2].B_: point is not on secp256k1}).
 */
final class Requests {
    /** Outputs per request (NUT-03/04 code 11015 beyond). */
    static final int MAX_OUTPUTS = 1000;
    /** Inputs per swap (code 11014 beyond). */
    static final int MAX_INPUTS = 1000;
    /** Quotes per NUT-29 request (code 11017 beyond); cashu-ts caps at 100 too. */
    static final int MAX_BATCH = 100;
    /** Ys per NUT-07 request. */
    static final int MAX_YS = 1000;
    static final int MAX_SECRET_CHARS = 4096;
    static final int MAX_QUOTE_ID_CHARS = 64;
    private static final BigInteger MAX_AMOUNT = BigInteger.ONE.shiftLeft(63);
    private static final HexFormat HEX = HexFormat.of();

    /** An output: amount 2^exponent, the keyset it asks for, B_. */
    record BlindedMessage(int exponent, String keysetId, String blindedHex, ECPoint blinded) {
        /** The amount as an unsigned 64-bit value. */
        long amount() {
            return 1L << exponent;
        }
    }

    /** An input: amount 2^exponent from a keyset, its secret and unblinded signature C. */
    record Proof(int exponent, String keysetId, String secret, ECPoint c) {}

    private Requests() {}

    static JsonNode field(JsonNode obj, String name, String where) throws CashuException {
        if (obj == null || !obj.isObject()) throw bad(where + ": expected a JSON object");
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) throw bad(where + "." + name + ": missing");
        return v;
    }

    static String string(JsonNode obj, String name, String where, int maxChars) throws CashuException {
        JsonNode v = field(obj, name, where);
        if (!v.isTextual()) throw bad(where + "." + name + ": expected a string");
        String s = v.textValue();
        if (s.isEmpty() || s.length() > maxChars) throw bad(where + "." + name + ": expected 1 to " + maxChars + " characters");
        return s;
    }

    /** A JSON array of 1..max elements; {@code tooMany} is the code for a longer one. */
    static JsonNode array(JsonNode obj, String name, String where, int max, int tooMany) throws CashuException {
        JsonNode v = field(obj, name, where);
        if (!v.isArray()) throw bad(where + "." + name + ": expected an array");
        if (v.isEmpty()) throw bad(where + "." + name + ": must not be empty");
        if (v.size() > max) throw new CashuException(tooMany, name + ": more than " + max + " entries");
        return v;
    }

    static String quoteId(JsonNode v, String where) throws CashuException {
        if (v == null || !v.isTextual()) throw bad(where + ": expected a quote id string");
        String s = v.textValue();
        if (s.isEmpty() || s.length() > MAX_QUOTE_ID_CHARS) throw bad(where + ": expected 1 to " + MAX_QUOTE_ID_CHARS + " characters");
        return s;
    }

    /** An amount: an integer 2^k with 0 <= k <= 63; returns k. */
    static int exponent(JsonNode obj, String where) throws CashuException {
        JsonNode v = field(obj, "amount", where);
        if (!v.isIntegralNumber()) throw bad(where + ".amount: expected an integer");
        return exponentOf(v.bigIntegerValue(), where + ".amount");
    }

    static int exponentOf(BigInteger a, String where) throws CashuException {
        if (a.signum() <= 0 || a.compareTo(MAX_AMOUNT) > 0 || a.bitCount() != 1) {
            throw bad(where + ": " + a + " is not a power of two from 1 to 2^63");
        }
        return a.getLowestSetBit();
    }

    /** An amount of any size that fits in an unsigned 64-bit value (NUT-29 quote_amounts). */
    static BigInteger amount(JsonNode v, String where) throws CashuException {
        if (v == null || !v.isIntegralNumber()) throw bad(where + ": expected an integer");
        BigInteger a = v.bigIntegerValue();
        if (a.signum() < 0 || a.bitLength() > 64) throw bad(where + ": out of range");
        return a;
    }

    static List<BlindedMessage> outputs(JsonNode body) throws CashuException {
        JsonNode arr = array(body, "outputs", "request", MAX_OUTPUTS, CashuException.MAX_OUTPUTS_EXCEEDED);
        List<BlindedMessage> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            String where = "outputs[" + i + "]";
            JsonNode o = arr.get(i);
            int e = exponent(o, where);
            String id = keysetId(o, where);
            String b = string(o, "B_", where, 66).toLowerCase(java.util.Locale.ROOT);
            out.add(new BlindedMessage(e, id, b, point(b, where + ".B_", CashuException.BAD_REQUEST)));
        }
        return out;
    }

    static List<Proof> inputs(JsonNode body) throws CashuException {
        JsonNode arr = array(body, "inputs", "request", MAX_INPUTS, CashuException.MAX_INPUTS_EXCEEDED);
        List<Proof> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            String where = "inputs[" + i + "]";
            JsonNode o = arr.get(i);
            int e = exponent(o, where);
            String id = keysetId(o, where);
            String secret = string(o, "secret", where, MAX_SECRET_CHARS);
            String c = string(o, "C", where, 66);
            out.add(new Proof(e, id, secret, point(c, where + ".C", CashuException.PROOF_VERIFICATION_FAILED)));
        }
        return out;
    }

    private static String keysetId(JsonNode o, String where) throws CashuException {
        return string(o, "id", where, 66).toLowerCase(java.util.Locale.ROOT);
    }

    /** A 33-byte compressed point as 66 hex digits, on the curve and not infinity. */
    static ECPoint point(String hex, String where, int code) throws CashuException {
        if (hex.length() != 66) throw new CashuException(code, where + ": expected 66 hex digits (a compressed point)");
        byte[] b;
        try {
            b = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new CashuException(code, where + ": not hex");
        }
        try {
            return Secp256k1.decodePoint(b);
        } catch (CryptoException e) {
            throw new CashuException(code, where + ": " + e.getMessage());
        }
    }

    /** A BIP340 signature (128 hex digits); anything else is code 20008. */
    static byte[] signature(JsonNode v, String where) throws CashuException {
        if (v == null || v.isNull()) throw new CashuException(CashuException.SIGNATURE_INVALID, where + ": missing; the quote is locked to a key (NUT-20)");
        if (!v.isTextual() || v.textValue().length() != 128) {
            throw new CashuException(CashuException.SIGNATURE_INVALID, where + ": expected 128 hex digits");
        }
        try {
            return HEX.parseHex(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new CashuException(CashuException.SIGNATURE_INVALID, where + ": not hex");
        }
    }

    static CashuException bad(String detail) {
        return new CashuException(CashuException.BAD_REQUEST, detail);
    }
}
