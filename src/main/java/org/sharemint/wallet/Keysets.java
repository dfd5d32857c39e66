package org.sharemint.wallet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mint's keysets as this wallet has seen them (each checked against its id by
 * {@link MintClient}): the active one of unit {@code hash} for new outputs, any one by id for
 * unblinding and fees. Thread-safe.
 */
final class Keysets {
    private final MintClient mint;
    private final Map<String, Keyset> byId = new ConcurrentHashMap<>();
    private volatile Keyset active;

    Keysets(MintClient mint) {
        this.mint = mint;
    }

    /** The mint said the active keyset changed: ask again next time. */
    void forgetActive() {
        active = null;
    }

    /** Replaces short keyset ids (8 bytes of a v2 id, NUT-00 V4 tokens) by the full id the mint knows. */
    List<Proof> resolveShortIds(List<Proof> proofs) throws IOException {
        List<String> known = null;
        List<Proof> out = new ArrayList<>(proofs.size());
        for (Proof p : proofs) {
            String id = p.keysetId();
            if (id.startsWith("01") && id.length() == 16) {
                if (known == null) known = mint.keysetIds();
                String shortId = id;
                List<String> matches = known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(shortId)).toList();
                if (matches.size() != 1) throw new IOException("short keyset id " + id + " matches " + matches.size() + " keysets at the mint");
                id = matches.get(0);
            }
            out.add(new Proof(p.amount(), id, p.secret(), p.c(), p.dleq()));
        }
        return out;
    }

    /** NUT-02 fee of spending these inputs: the sum of their keysets' input_fee_ppk, rounded up to a whole unit. */
    long fee(List<Proof> inputs) throws IOException {
        long ppk = 0;
        for (Proof p : inputs) ppk += byId(p.keysetId()).inputFeePpk();
        return (ppk + 999) / 1000;
    }

    /** The active keyset of unit hash (GET /v1/keys), cached until the mint says it changed. */
    Keyset active() throws IOException {
        Keyset a = active;
        if (a != null) return a;
        for (Keyset k : mint.activeKeysets()) {
            byId.put(k.id(), k);
            if (k.active() && Wallet.UNIT.equals(k.unit())) a = k;
        }
        if (a == null) throw new MintException(0, 0, "the mint has no active keyset of unit " + Wallet.UNIT);
        active = a;
        return a;
    }

    Keyset byId(String id) throws IOException {
        Keyset k = byId.get(id);
        if (k == null) {
            k = mint.keyset(id);
            byId.put(id, k);
        }
        return k;
    }
}
