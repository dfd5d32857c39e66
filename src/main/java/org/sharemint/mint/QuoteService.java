package org.sharemint.mint;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.tinylog.Logger;

/**
 * Creates mint quotes for validated shares: checks each request, then inserts the whole batch in
 * one ledger transaction (group commit). A bad entry is refused alone; a ledger failure refuses
 * the whole batch with {@code mint-unavailable}, and nothing of it is redeemable.
 *
 * <p>The same share hash twice in one batch gets one quote ({@code duplicate-share} for the
 * rest). Across batches the pool is what keeps a share from earning twice (see {@link LedgerSchema}):
 * the mint sees only a hash, so it could never tell a replayed share from a new one anyway.
 */
final class QuoteService {
    static final String DUPLICATE_SHARE = "duplicate-share";
    static final String DEADLINE_PASSED = "deadline-passed";
    static final String INVALID_AMOUNT = "invalid-amount";
    static final String INVALID_LOCKING_KEY = "invalid-locking-key";
    static final String INVALID_SHARE_HASH = "invalid-share-hash";
    static final String UNIT_NOT_SUPPORTED = "unit-not-supported";
    static final String MINT_UNAVAILABLE = "mint-unavailable";

    /** Channels reuse one locking key for many shares: remember keys already found on the curve. */
    private static final int KEY_CACHE_SIZE = 4096;
    /** The unguessable part of a quote id. */
    private static final int ID_RANDOM_BYTES = 16;

    private final Ledger ledger;
    private final MintKeys keys;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<Bytes, Boolean> validKeys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, Boolean> eldest) {
            return size() > KEY_CACHE_SIZE;
        }
    };

    QuoteService(Ledger ledger, MintKeys keys, Clock clock, SecureRandom random) {
        this.ledger = ledger;
        this.keys = keys;
        this.clock = clock;
        this.random = random;
    }

    List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
        QuoteResult[] results = new QuoteResult[batch.size()];
        Set<Bytes> inBatch = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            QuoteRequest q = batch.get(i);
            String refusal = check(q);
            if (refusal == null && !inBatch.add(new Bytes(q.shareHash()))) refusal = DUPLICATE_SHARE;
            if (refusal != null) {
                results[i] = new QuoteResult.Refused(refusal);
            } else if (locked(q) && !validKey(q.lockingKey())) {
                results[i] = new QuoteResult.Refused(INVALID_LOCKING_KEY);
            }
        }
        // the deadline is read after the checks, as close to the commit as we can
        long now = clock.millis();
        Keyset keyset = keys.active();
        byte[] keysetId = keyset.idBytes();
        List<NewQuote> rows = new ArrayList<>(batch.size());
        // one draw from the SecureRandom for the whole batch: each call is synchronized and costly
        byte[] entropy = new byte[ID_RANDOM_BYTES * batch.size()];
        random.nextBytes(entropy);
        int[] rowIndex = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            if (results[i] != null) continue;
            QuoteRequest q = batch.get(i);
            if (now > q.deadlineUnixMs()) {
                results[i] = new QuoteResult.Refused(DEADLINE_PASSED);
                continue;
            }
            rowIndex[rows.size()] = i;
            rows.add(new NewQuote(newQuoteId(now, entropy, i * ID_RANDOM_BYTES), q.shareHash(), q.amount(), MintKeys.UNIT,
                locked(q) ? q.lockingKey() : null, keysetId, now));
        }
        insert(batch, rows, rowIndex, results, keysetId);
        return List.of(results);
    }

    /**
     * Inserts the rows in one transaction whose commit waits for no deadline: checked again just
     * before the commit (the rows took time to go in); a request late by then is refused
     * deadline-passed and the rest go in again, so a quote never commits after its deadline.
     */
    private void insert(List<QuoteRequest> batch, List<NewQuote> rows, int[] rowIndex, QuoteResult[] results, byte[] keysetId) {
        while (!rows.isEmpty()) {
            long commitBy = Long.MAX_VALUE;
            for (int r = 0; r < rows.size(); r++) commitBy = Math.min(commitBy, batch.get(rowIndex[r]).deadlineUnixMs());
            long by = commitBy;
            try {
                ledger.insertQuotes(rows, () -> clock.millis() <= by);
            } catch (Ledger.LateCommit e) {
                long now = clock.millis();
                List<NewQuote> kept = new ArrayList<>(rows.size());
                int k = 0;
                for (int r = 0; r < rows.size(); r++) {
                    int i = rowIndex[r];
                    if (now > batch.get(i).deadlineUnixMs()) {
                        results[i] = new QuoteResult.Refused(DEADLINE_PASSED);
                    } else {
                        rowIndex[k++] = i;
                        kept.add(rows.get(r));
                    }
                }
                rows = kept;
                continue;
            } catch (SQLException | RuntimeException e) {
                Logger.error(e, "ledger: could not create {} quotes", rows.size());
                for (int r = 0; r < rows.size(); r++) results[rowIndex[r]] = new QuoteResult.Refused(MINT_UNAVAILABLE);
                return;
            }
            for (int r = 0; r < rows.size(); r++) {
                NewQuote row = rows.get(r);
                results[rowIndex[r]] = new QuoteResult.Quote(QuoteIds.hex(row.id()), keysetId.clone(), row.amount());
            }
            return;
        }
    }

    /** The checks that need neither the curve nor the clock; null when the request passes them. */
    private static String check(QuoteRequest q) {
        if (q == null || q.shareHash() == null || q.shareHash().length != 32) return INVALID_SHARE_HASH;
        if (!MintKeys.UNIT.equals(q.unit())) return UNIT_NOT_SUPPORTED;
        // an unsigned 64-bit power of two: 2^0 … 2^63 (2^63 arrives as Long.MIN_VALUE's bits)
        if (Long.bitCount(q.amount()) != 1) return INVALID_AMOUNT;
        // no key at all is an unlocked quote (a pool run with ehash.require-locking-key=false)
        if (q.lockingKey() != null && q.lockingKey().length != 0 && q.lockingKey().length != 33) return INVALID_LOCKING_KEY;
        return null;
    }

    /**
     * A hash or a key as a map key. Its hash code is its middle four bytes: share hashes are
     * SHA256d output and keys x coordinates, uniform there, where a byte-by-byte hash showed up
     * in the worker's profile.
     */
    private record Bytes(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(b, other.b);
        }

        @Override
        public int hashCode() {
            int m = b.length / 2 - 2;
            return m < 0 ? Arrays.hashCode(b) : (b[m] & 0xff) << 24 | (b[m + 1] & 0xff) << 16 | (b[m + 2] & 0xff) << 8 | (b[m + 3] & 0xff);
        }
    }

    /** No key at all is an unlocked quote (a pool run with ehash.require-locking-key=false). */
    private static boolean locked(QuoteRequest q) {
        return q.lockingKey() != null && q.lockingKey().length > 0;
    }

    private boolean validKey(byte[] key) {
        Bytes k = new Bytes(key.clone()); // a cache key must not change under the map
        synchronized (validKeys) {
            if (validKeys.get(k) != null) return true;
        }
        try {
            Secp256k1.decodePoint(key);
        } catch (CryptoException e) {
            return false;
        }
        synchronized (validKeys) {
            validKeys.put(k, Boolean.TRUE);
        }
        return true;
    }

    /**
     * 6 bytes of the creation time (unix ms) then 128 random bits, shown as 44 hex digits: unguessable,
     * so knowing a share does not reveal its quote, and time-ordered like a UUID v7, so new ids append
     * to the end of the ledger's id index instead of dirtying a random page of it per quote.
     */
    private static byte[] newQuoteId(long nowMs, byte[] entropy, int offset) {
        byte[] b = new byte[6 + ID_RANDOM_BYTES];
        for (int i = 0; i < 6; i++) b[i] = (byte) (nowMs >>> (8 * (5 - i)));
        System.arraycopy(entropy, offset, b, 6, ID_RANDOM_BYTES);
        return b;
    }
}
