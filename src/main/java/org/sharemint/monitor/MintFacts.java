package org.sharemint.monitor;

import java.util.List;
import java.util.Map;

/**
 * What a mint in this process knows, for /api/v1/mint. Amounts are in the keysets' unit
 * ({@code hash}); sums of amounts are doubles (2^63 per quote can overflow a long).
 *
 * @param quotesByState quotes in the ledger by NUT-04 state, with their count and amount
 * @param redeemed proofs spent by swaps: their count and amount
 * @param sinceStart counters of this process since it started
 */
public record MintFacts(List<KeysetInfo> keysets, Map<String, Amounts> quotesByState, Amounts redeemed, Counters sinceStart) {

    public record KeysetInfo(String id, String unit, boolean active, int inputFeePpk) {}

    public record Amounts(long count, double amount) {}

    public record Counters(long quotesCreated, long quotesIssued, long mints, long swaps, long proofsSpent, long signaturesIssued) {}
}
