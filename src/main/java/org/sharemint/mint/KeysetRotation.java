package org.sharemint.mint;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.config.DataDir;

/**
 * {@code sharemint mint rotate-keyset}: a new active keyset of unit {@code hash} (NUT-02), made
 * with the mint stopped. It takes data.dir's lock like the mint does, so it cannot run beside a
 * running mint or pool, and the new keyset is in force from the next start on: new quotes (and
 * the pool's ShareQuote) carry its id, while the keyset active before stays usable, inactive,
 * for swaps, state checks and restores, so no ecash is stranded.
 */
public final class KeysetRotation {
    /** What a rotation did: the keyset retired and the one now active. */
    public record Result(String retiredId, String activeId, int inputFeePpk, Long finalExpiry) {}

    private KeysetRotation() {}

    /**
     * Retires the active keyset and creates the next one with mint.keyset-id-version,
     * mint.input-fee-ppk and mint.keyset-final-expiry-days.
     *
     * @throws ConfigException when data.dir is locked by a running mint, or holds no mint
     * @throws IOException when the seed or the ledger cannot be used
     */
    public static Result rotate(Config config, Clock clock) throws IOException, ConfigException {
        try (DataDir dataDir = DataDir.lock(config.path("data.dir"))) {
            if (!Files.exists(dataDir.path().resolve(MintSeed.FILE_NAME))) {
                throw new ConfigException("data.dir: " + dataDir.path() + " holds no mint (no " + MintSeed.FILE_NAME + "): nothing to rotate");
            }
            byte[] seed = MintSeed.loadOrCreate(dataDir.path(), null);
            int idVersion = config.intValue("mint.keyset-id-version");
            int fee = config.intValue("mint.input-fee-ppk");
            long lifetimeDays = config.longValue("mint.keyset-final-expiry-days");
            try (Ledger ledger = LedgerSettings.open(config)) {
                String before = ledger.keysets().stream().filter(r -> r.active() && r.unit().equals(MintKeys.UNIT))
                    .map(LedgerRecords.KeysetRow::id).findFirst().orElse(null);
                MintKeys keys = MintKeys.load(ledger, seed, idVersion, fee, lifetimeDays, clock);
                if (before != null && !before.equals(keys.active().id())) {
                    // the active keyset had passed its final expiry: loading already replaced it
                    return new Result(before, keys.active().id(), keys.active().inputFeePpk(), keys.active().finalExpiry());
                }
                String retired = keys.active().id();
                Keyset next = keys.rotate(ledger, seed, idVersion, fee, lifetimeDays, clock);
                return new Result(retired, next.id(), next.inputFeePpk(), next.finalExpiry());
            } catch (SQLException e) {
                throw new IOException("ledger: " + e.getMessage(), e);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }
}
