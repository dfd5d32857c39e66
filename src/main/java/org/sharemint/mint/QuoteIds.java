package org.sharemint.mint;

import java.util.HexFormat;

/**
 * The hex form of the bytes the ledger keeps for a quote (its id, share hash, locking key and
 * keyset id). Only lowercase hex is a quote's id: that is the one form the mint hands out, so an
 * id in any other form names no quote.
 */
final class QuoteIds {
    private static final HexFormat HEX = HexFormat.of();

    private QuoteIds() {}

    /** The bytes of lowercase hex {@code s} (even length); null when it is anything else. */
    static byte[] parse(String s) {
        if (s == null || (s.length() & 1) != 0) return null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch < '0' || ch > '9') && (ch < 'a' || ch > 'f')) return null;
        }
        return HEX.parseHex(s);
    }

    /** The ledger key of a quote id: its bytes, or no bytes (which no quote has) when it is not one. */
    static byte[] key(String id) {
        byte[] b = parse(id);
        return b == null ? new byte[0] : b;
    }

    static String hex(byte[] b) {
        return b == null ? null : HEX.formatHex(b);
    }
}
