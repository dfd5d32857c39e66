package org.sharemint.mint;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.LedgerRecords.KeysetRow;
import org.tinylog.Logger;

/**
 * The mint's keysets, loaded from the ledger and derived again from the seed at start. Keysets
 * are only added at start, so after construction this object is read-only and shared freely.
 */
final class MintKeys {
    /** The only unit this mint issues: hashes of proof of work. */
    static final String UNIT = "hash";

    private final Map<String, Keyset> byId;
    private final Keyset active;
    private final ECPoint identity;

    private MintKeys(Map<String, Keyset> byId, Keyset active, ECPoint identity) {
        this.byId = byId;
        this.active = active;
        this.identity = identity;
    }

    /**
     * Derives every keyset the ledger lists and checks its id against the stored one (a different
     * seed would silently change all keys). When unit {@code hash} has no active keyset, creates one
     * at the next derivation index with id version {@code idVersion}.
     */
    static MintKeys load(Ledger ledger, byte[] seed, int idVersion, Clock clock) throws SQLException {
        Map<String, Keyset> byId = new LinkedHashMap<>();
        Keyset active = null;
        int nextIndex = 0;
        for (KeysetRow row : ledger.keysets()) {
            Keyset k = Keyset.derive(seed, row.derivationIndex(), row.unit(), row.idVersion(), row.active(), row.inputFeePpk());
            if (!k.id().equals(row.id())) {
                throw new IllegalStateException("keyset " + row.id() + " derives to " + k.id()
                    + " from this mint seed: the seed in data.dir is not the one the ledger was made with");
            }
            byId.put(k.id(), k);
            if (k.active() && k.unit().equals(UNIT)) active = k;
            nextIndex = Math.max(nextIndex, row.derivationIndex() + 1);
        }
        if (active == null) {
            active = Keyset.derive(seed, nextIndex, UNIT, idVersion, true, 0);
            ledger.insertKeyset(new KeysetRow(active.id(), UNIT, true, 0, nextIndex, idVersion, clock.millis()));
            byId.put(active.id(), active);
            Logger.info("created keyset {} (unit {}, id version {}, derivation index {})", active.id(), UNIT, idVersion, nextIndex);
        } else if (active.idVersion() != idVersion) {
            Logger.info("keeping active keyset {} (id version {}); mint.keyset-id-version={} applies to new keysets",
                active.id(), active.idVersion(), idVersion);
        }
        return new MintKeys(Collections.unmodifiableMap(byId), active, Secp256k1.mulG(KeyDerivation.identityKey(seed)));
    }

    /** The active keyset of unit {@code hash}. */
    Keyset active() {
        return active;
    }

    /** A keyset by hex id, or null. */
    Keyset byId(String id) {
        return byId.get(id);
    }

    List<Keyset> all() {
        return new ArrayList<>(byId.values());
    }

    List<Keyset> activeKeysets() {
        return all().stream().filter(Keyset::active).toList();
    }

    /** The mint's identity public key (NUT-06 {@code pubkey}). */
    ECPoint identity() {
        return identity;
    }
}
