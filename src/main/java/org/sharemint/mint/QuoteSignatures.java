package org.sharemint.mint;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.Requests.BlindedMessage;

/**
 * NUT-20: a mint request for a locked quote must carry a BIP340 signature by the quote's key.
 * Both message forms in use are accepted: the amended length-prefixed one that cashu-ts 4.x signs
 * first, and the original SHA256(quote_id || B_0 hex || …) it falls back to on code 20008.
 */
final class QuoteSignatures {
    private QuoteSignatures() {}

    /** True when {@code sig} by {@code pubkeyHex} covers {@code quoteId} and all {@code outputs} in order. */
    static boolean valid(String pubkeyHex, String quoteId, List<BlindedMessage> outputs, byte[] sig) {
        ECPoint pubkey;
        try {
            pubkey = Secp256k1.decodePoint(HexFormat.of().parseHex(pubkeyHex));
        } catch (CryptoException | IllegalArgumentException e) {
            return false; // the ledger only holds checked keys; a bad one can sign nothing
        }
        List<byte[]> blinded = new ArrayList<>(outputs.size());
        long[] amounts = new long[outputs.size()];
        for (int i = 0; i < amounts.length; i++) {
            BlindedMessage o = outputs.get(i);
            blinded.add(HexFormat.of().parseHex(o.blindedHex()));
            amounts[i] = o.amount();
        }
        return CashuCrypto.verifyMintQuote(pubkey, CashuCrypto.mintQuoteDigest(quoteId, amounts, blinded), sig)
            || CashuCrypto.verifyMintQuote(pubkey, CashuCrypto.mintQuoteDigestLegacy(quoteId, blinded), sig);
    }
}
