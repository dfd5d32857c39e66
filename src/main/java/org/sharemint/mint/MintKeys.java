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
    private final Clock clock;

    private MintKeys(Map<String, Keyset> byId, Keyset active, ECPoint identity, Clock clock) {
        this.byId = byId;
        this.active = active;
        this.identity = identity;
        this.clock = clock;
    }

    /** Like {@link #load(Ledger, byte[], int, int, long, Clock)} with new keysets that never expire. */
    static MintKeys load(Ledger ledger, byte[] seed, int idVersion, int inputFeePpk, Clock clock) throws SQLException {
        return load(ledger, seed, idVersion, inputFeePpk, 0, clock);
    }

    /**
     * Derives every keyset the ledger lists and checks its id against the stored one (a different
     * seed would silently change all keys). When unit {@code hash} has no active keyset, creates one
     * at the next derivation index with id version {@code idVersion} and input fee
     * {@code inputFeePpk}, expiring {@code lifetimeDays} after its creation (0: never); these
     * settings apply to new keysets only (a version 2 id covers fee and expiry). An active keyset
     * past its final expiry is retired at start and a new one made, so the mint does not start on
     * keys it may no longer sign with.
     */
    static MintKeys load(Ledger ledger, byte[] seed, int idVersion, int inputFeePpk, long lifetimeDays, Clock clock) throws SQLException {
        Map<String, Keyset> byId = new LinkedHashMap<>();
        Keyset active = null;
        for (KeysetRow row : ledger.keysets()) {
            Keyset k = Keyset.derive(seed, row.derivationIndex(), row.unit(), row.idVersion(), row.active(), row.inputFeePpk(), row.finalExpiry());
            if (!k.id().equals(row.id())) {
                throw new IllegalStateException("keyset " + row.id() + " derives to " + k.id()
                    + " from this mint seed: the seed in data.dir is not the one the ledger was made with");
            }
            byId.put(k.id(), k);
            if (k.active() && k.unit().equals(UNIT)) active = k;
        }
        if (active != null && active.expiredAt(clock.millis())) {
            Logger.warn("active keyset {} passed its final expiry {}: making a new one", active.id(), active.finalExpiry());
            Keyset next = create(ledger, seed, nextIndex(byId), idVersion, inputFeePpk, lifetimeDays, clock, active.id());
            byId.put(active.id(), active.withActive(false));
            byId.put(next.id(), next);
            active = next;
        }
        if (active == null) {
            try {
                active = create(ledger, seed, nextIndex(byId), idVersion, inputFeePpk, lifetimeDays, clock, null);
            } catch (SQLException e) {
                // two mints on one database starting at once: the other made the same keyset first
                if (ledger.keysets().stream().anyMatch(r -> r.active() && r.unit().equals(UNIT))) {
                    return load(ledger, seed, idVersion, inputFeePpk, lifetimeDays, clock);
                }
                throw e;
            }
            byId.put(active.id(), active);
        } else if (active.idVersion() != idVersion || active.inputFeePpk() != inputFeePpk) {
            Logger.info("keeping active keyset {} (id version {}, input fee {} ppk); mint.keyset-id-version={} and mint.input-fee-ppk={} "
                + "apply to new keysets (sharemint mint rotate-keyset)", active.id(), active.idVersion(), active.inputFeePpk(), idVersion, inputFeePpk);
        }
        if (active.finalExpiry() != null) {
            Logger.info("active keyset {} expires at {} (final_expiry {}); rotate before then (sharemint mint rotate-keyset)", active.id(),
                java.time.Instant.ofEpochSecond(active.finalExpiry()), active.finalExpiry());
        }
        return new MintKeys(Collections.unmodifiableMap(byId), active, Secp256k1.mulG(KeyDerivation.identityKey(seed)), clock);
    }

    /**
     * Keyset rotation (NUT-02): a new active keyset of unit {@code hash} at the next derivation
     * index; the one active before stays, inactive, so its ecash can still be swapped and checked.
     *
     * @return the new active keyset
     */
    Keyset rotate(Ledger ledger, byte[] seed, int idVersion, int inputFeePpk, long lifetimeDays, Clock clock) throws SQLException {
        return create(ledger, seed, nextIndex(byId), idVersion, inputFeePpk, lifetimeDays, clock, active.id());
    }

    private static int nextIndex(Map<String, Keyset> keysets) {
        return keysets.values().stream().mapToInt(k -> k.derivationIndex() + 1).max().orElse(0);
    }

    private static Keyset create(Ledger ledger, byte[] seed, int index, int idVersion, int inputFeePpk, long lifetimeDays, Clock clock,
                                 String retiredId) throws SQLException {
        long now = clock.millis();
        Long finalExpiry = lifetimeDays == 0 ? null : Math.floorDiv(now, 1000) + lifetimeDays * 86_400;
        Keyset k = Keyset.derive(seed, index, UNIT, idVersion, true, inputFeePpk, finalExpiry);
        KeysetRow row = new KeysetRow(k.id(), UNIT, true, inputFeePpk, index, idVersion, now, finalExpiry);
        if (retiredId == null) ledger.insertKeyset(row);
        else ledger.rotateKeyset(retiredId, row);
        Logger.info("created keyset {} (unit {}, id version {}, input fee {} ppk, final expiry {}, derivation index {}){}", k.id(), UNIT, idVersion,
            inputFeePpk, finalExpiry == null ? "none" : finalExpiry, index, retiredId == null ? "" : "; " + retiredId + " is inactive now");
        return k;
    }

    /** The active keyset of unit {@code hash}. */
    Keyset active() {
        return active;
    }

    /** Whether {@code k} is past its NUT-02 final expiry now: the mint signs no outputs with it. */
    boolean expired(Keyset k) {
        return k.expiredAt(clock.millis());
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
