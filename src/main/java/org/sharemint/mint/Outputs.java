package org.sharemint.mint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sharemint.mint.Requests.BlindedMessage;

/** Checks on a request's outputs shared by mint, batch mint and swap. */
final class Outputs {
    private Outputs() {}

    /**
     * No duplicate B_ (11008), every keyset known (12001), active (12002), not past its final
     * expiry (12003) and of {@code unit} (11010).
     *
     * @return the keyset of each output, in order
     */
    static List<Keyset> check(List<BlindedMessage> outputs, MintKeys keys, String unit) throws CashuException {
        Set<String> seen = new HashSet<>();
        List<Keyset> keysets = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            BlindedMessage o = outputs.get(i);
            if (!seen.add(o.blindedHex())) throw new CashuException(CashuException.DUPLICATE_OUTPUTS, "duplicate outputs");
            Keyset k = keys.byId(o.keysetId());
            if (k == null) throw new CashuException(CashuException.KEYSET_UNKNOWN, "outputs[" + i + "]: keyset " + o.keysetId() + " is not known");
            if (!k.active()) throw new CashuException(CashuException.KEYSET_INACTIVE, "outputs[" + i + "]: keyset " + k.id() + " is inactive");
            if (keys.expired(k)) {
                throw new CashuException(CashuException.KEYSET_EXPIRED, "outputs[" + i + "]: keyset " + k.id() + " passed its final expiry " + k.finalExpiry());
            }
            if (!k.unit().equals(unit)) {
                throw new CashuException(CashuException.UNITS_DIFFER, "outputs[" + i + "]: keyset unit " + k.unit() + ", expected " + unit);
            }
            keysets.add(k);
        }
        return keysets;
    }

    static BigInteger sum(List<BlindedMessage> outputs) {
        BigInteger s = BigInteger.ZERO;
        for (BlindedMessage o : outputs) s = s.add(BigInteger.ONE.shiftLeft(o.exponent()));
        return s;
    }

    /** An unsigned 64-bit amount as a BigInteger. */
    static BigInteger unsigned(long amount) {
        return new BigInteger(Long.toUnsignedString(amount));
    }
}
