package org.sharemint.wallet;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;
import org.tinylog.Logger;

/**
 * A Cashu wallet for unit {@code hash} at one mint, kept in a {@link WalletStore}: it redeems
 * the quotes the pool paid (NUT-04 method {@code ehash}, locked with NUT-20 to this wallet's
 * key), and sends and receives ecash as tokens (NUT-03 swaps).
 *
 * <p>Every request whose outcome matters is preceded by a commit of what is needed to finish it
 * (its outputs and blinding factors), so a crash at any point leaves an operation that
 * {@link #recover()} or {@link #redeem} completes: by asking the mint for the quote's or the
 * inputs' state and, when the mint did sign, by restoring the signatures (NUT-09).
 *
 * <p>Threads: safe for use from several threads: the store serializes its transactions and
 * {@link #redeem} runs one redemption at a time (two at once could both spend a quote's turn).
 */
public final class Wallet implements AutoCloseable {
    public static final String UNIT = "hash";
    private static final HexFormat HEX = HexFormat.of();

    /** What happened to one quote. */
    public enum Outcome { ISSUED, RETRY, REJECTED, LOST }

    private final WalletStore store;
    private final MintClient mint;
    private final SecureRandom random;
    private final Clock clock;
    private final BigInteger lockingSecret;
    private final byte[] lockingPubkey;
    private final Keysets keysets;
    private volatile Checkpoint checkpoint = (point, id) -> { };

    /**
     * Named points inside an operation, between the steps that matter for crash safety:
     * {@code mint-posting} (outputs stored, POST /v1/mint/ehash not sent yet), {@code mint-answered}
     * (the mint signed, the proofs are not stored yet), {@code swap-answered} (likewise for a swap).
     * Tests make it throw to stop the wallet there, as a crash would.
     */
    @FunctionalInterface
    interface Checkpoint {
        void reached(String point, String id) throws IOException;
    }

    private Wallet(WalletStore store, MintClient mint, SecureRandom random, Clock clock, BigInteger lockingSecret) {
        this.store = store;
        this.mint = mint;
        this.random = random;
        this.clock = clock;
        this.lockingSecret = lockingSecret;
        this.lockingPubkey = Secp256k1.compressed(Secp256k1.mulG(lockingSecret));
        this.keysets = new Keysets(mint);
    }

    /**
     * Opens the wallet in {@code dir}, making its store and its NUT-20 key on first use.
     *
     * @param mintUrl the mint (no trailing slash); null = the one this wallet used before
     */
    public static Wallet open(Path dir, String mintUrl, SecureRandom random, Clock clock) throws IOException {
        WalletStore store = WalletStore.open(dir);
        try {
            String url = walletMint(store, mintUrl, dir);
            String secretHex = store.metaIfAbsent("locking_secret", HEX.formatHex(Secp256k1.bytes32(Secp256k1.randomScalar(random))));
            BigInteger secret;
            try {
                secret = Secp256k1.scalar(HEX.parseHex(secretHex));
            } catch (IllegalArgumentException | CryptoException e) {
                throw new IOException(dir + ": the stored locking key is damaged");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
            return new Wallet(store, new MintClient(url, http, Duration.ofSeconds(30)), random, clock, secret);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static String walletMint(WalletStore store, String mintUrl, Path dir) throws IOException {
        String known = store.meta("mint_url");
        if (mintUrl == null) {
            if (known == null) throw new IOException(dir + " has no mint yet: give --mint-url");
            return known;
        }
        if (known == null) return store.metaIfAbsent("mint_url", mintUrl);
        if (!known.equals(mintUrl)) {
            // proofs are worth something only at the mint that signed them: one wallet, one mint
            throw new IOException("the wallet in " + dir + " belongs to mint " + known + ", not " + mintUrl + " (use another --wallet-dir)");
        }
        return known;
    }

    public WalletStore store() {
        return store;
    }

    public String mintUrl() {
        return mint.url();
    }

    /** The NUT-20 public key quotes are locked to: 33-byte compressed, hex. */
    public String lockingPubkeyHex() {
        return HEX.formatHex(lockingPubkey);
    }

    public long balance() throws IOException {
        return store.balance();
    }

    // --- quotes ---

    /** Records a quote the pool paid (durably, before anything else is done with it). */
    public boolean recordQuote(String quoteId, long amount, byte[] keysetId, byte[] shareHash) throws IOException {
        return store.addQuote(quoteId, amount, keysetId, shareHash, clock.millis());
    }

    /**
     * Redeems one recorded quote: GET its state, blind one output per power of two of its
     * amount with the active keyset, POST /v1/mint/ehash with the NUT-20 signature, unblind,
     * check, store. A quote left MINTING by a crash is finished with its stored outputs.
     *
     * @throws IOException when the mint could not be reached (the quote stays for a retry)
     */
    public synchronized Outcome redeem(String quoteId) throws IOException {
        WalletStore.Quote q = store.quote(quoteId);
        if (q == null) throw new IOException("no quote " + quoteId + " in this wallet");
        if (!q.state().equals("PAID") && !q.state().equals("MINTING")) return q.state().equals("ISSUED") ? Outcome.ISSUED : Outcome.REJECTED;
        WalletStore.Operation op = q.state().equals("MINTING") ? store.pendingMint(quoteId) : null;
        MintClient.QuoteInfo info = mint.quote(quoteId);
        if (!UNIT.equals(info.unit())) return close(q, "REJECTED", "unit " + info.unit() + ", not " + UNIT);
        if (info.pubkey() != null && !info.pubkey().equalsIgnoreCase(lockingPubkeyHex())) {
            Logger.warn("quote {} is locked to {}, not to this wallet's key {}", quoteId, info.pubkey(), lockingPubkeyHex());
        }
        switch (info.state()) {
            case "ISSUED" -> {
                if (op == null) return close(q, "REJECTED", "the mint issued it already, not to this wallet's outputs");
                return finishFromRestore(q, op);
            }
            case "PAID" -> { }
            default -> {
                return Outcome.RETRY; // UNPAID or a state this wallet does not know: ask again later
            }
        }
        if (info.amount() != q.amount()) Logger.warn("quote {}: the pool said {} {}, the mint says {}", quoteId, q.amount(), UNIT, info.amount());
        if (info.amount() < 0) return close(q, "REJECTED", "amount " + Long.toUnsignedString(info.amount()) + " is beyond this wallet");
        List<BlindedOutput> outputs;
        String opId;
        if (op != null) {
            outputs = op.outputs().stream().map(WalletStore.StoredOutput::output).toList();
            opId = op.opId();
        } else {
            Keyset ks = keysets.active();
            outputs = new ArrayList<>();
            for (long part : Amounts.split(info.amount())) outputs.add(BlindedOutput.create(part, ks.id(), random));
            opId = UUID.randomUUID().toString();
            store.beginMint(quoteId, opId, outputs, clock.millis());
        }
        List<byte[]> blinded = outputs.stream().map(BlindedOutput::blinded).toList();
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        String signature = HEX.formatHex(CashuCrypto.signMintQuote(lockingSecret, CashuCrypto.mintQuoteDigestLegacy(quoteId, blinded), aux));
        List<BlindSignature> sigs;
        try {
            checkpoint.reached("mint-posting", quoteId);
            sigs = mint.mint(quoteId, outputs, signature);
        } catch (MintException e) {
            if (!e.definitive()) throw e;
            return switch (e.code()) {
                case MintException.QUOTE_ISSUED -> finishFromRestore(q, store.pendingMint(quoteId));
                case MintException.KEYSET_INACTIVE, MintException.KEYSET_UNKNOWN, MintException.KEYSET_EXPIRED -> {
                    keysets.forgetActive(); // new outputs with the keyset in force next time (an expired one is replaced at the mint's next start)
                    store.abandonMint(quoteId, clock.millis());
                    yield Outcome.RETRY;
                }
                case MintException.QUOTE_NOT_PAID -> {
                    store.abandonMint(quoteId, clock.millis());
                    yield Outcome.RETRY;
                }
                default -> close(q, "REJECTED", e.getMessage());
            };
        }
        checkpoint.reached("mint-answered", quoteId);
        List<Proof> proofs;
        try {
            proofs = Unblinding.unblind(outputs, sigs, keysets);
        } catch (MintException e) {
            return close(q, "LOST", "the mint's signatures do not verify: " + e.getMessage());
        }
        store.finishMint(quoteId, opId, proofs, clock.millis());
        return Outcome.ISSUED;
    }

    // --- claim by key ---

    /** Quotes per NUT-29 batch mint request (the mint's max_batch_size). */
    static final int CLAIM_BATCH = 100;

    /** What {@link #claim} did: quotes the mint holds for this key, and how many of them and how much this call minted. */
    public record Claim(int lockedToKey, int claimed, long amount, int failed) {}

    /**
     * Collects everything locked to this wallet's key without knowing the quote ids: looks the
     * quotes up at the mint by the key (proving it with a signature bound to the mint's info
     * pubkey), records the PAID ones and mints them in NUT-29 batches. Quotes already ISSUED are
     * skipped, so a second run claims nothing twice. A batch the mint refuses is redeemed quote by
     * quote instead, so one bad quote cannot hold the others back.
     */
    public synchronized Claim claim() throws IOException {
        String mintPubkey = mint.infoPubkey();
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        String proof = HEX.formatHex(CashuCrypto.signMintQuote(lockingSecret,
                CashuCrypto.mintQuoteLookupDigest(mintPubkey, lockingPubkeyHex()), aux));
        List<WalletStore.Quote> due = new ArrayList<>();
        int locked = 0;
        String after = null;
        do {
            MintClient.QuotePage page = mint.quotesByPubkey(lockingPubkeyHex(), proof, after);
            for (MintClient.QuoteInfo q : page.quotes()) {
                locked++;
                if (!q.state().equals("PAID") || !UNIT.equals(q.unit()) || q.amount() <= 0) continue;
                store.addQuote(q.quote(), q.amount(), new byte[0], new byte[0], clock.millis()); // known ones are ignored
                WalletStore.Quote mine = store.quote(q.quote());
                if (mine != null && mine.state().equals("PAID")) due.add(mine);
            }
            after = page.next();
        } while (after != null);
        int claimed = 0;
        int failed = 0;
        long amount = 0;
        for (int i = 0; i < due.size(); i += CLAIM_BATCH) {
            List<WalletStore.Quote> batch = due.subList(i, Math.min(due.size(), i + CLAIM_BATCH));
            for (WalletStore.Quote q : mintBatch(batch)) {
                claimed++;
                amount += q.amount();
            }
        }
        failed = due.size() - claimed;
        return new Claim(locked, claimed, amount, failed);
    }

    /**
     * One NUT-29 request for {@code quotes}: each quote's outputs are stored first under its own
     * mint operation, so a crash leaves each one as {@link #redeem} finishes it. Returns the quotes
     * now ISSUED.
     */
    private List<WalletStore.Quote> mintBatch(List<WalletStore.Quote> quotes) throws IOException {
        Keyset ks = keysets.active();
        List<BlindedOutput> all = new ArrayList<>();
        List<List<BlindedOutput>> perQuote = new ArrayList<>();
        List<String> opIds = new ArrayList<>();
        for (WalletStore.Quote q : quotes) {
            List<BlindedOutput> outs = new ArrayList<>();
            for (long part : Amounts.split(q.amount())) outs.add(BlindedOutput.create(part, ks.id(), random));
            String opId = UUID.randomUUID().toString();
            store.beginMint(q.quoteId(), opId, outs, clock.millis());
            perQuote.add(outs);
            opIds.add(opId);
            all.addAll(outs);
        }
        List<byte[]> blinded = all.stream().map(BlindedOutput::blinded).toList();
        List<String> ids = quotes.stream().map(WalletStore.Quote::quoteId).toList();
        List<String> signatures = new ArrayList<>();
        for (String id : ids) {
            byte[] aux = new byte[32];
            random.nextBytes(aux);
            signatures.add(HEX.formatHex(CashuCrypto.signMintQuote(lockingSecret, CashuCrypto.mintQuoteDigestLegacy(id, blinded), aux)));
        }
        List<BlindSignature> sigs;
        try {
            sigs = mint.mintBatch(ids, quotes.stream().map(WalletStore.Quote::amount).toList(), all, signatures);
        } catch (MintException e) {
            if (!e.definitive()) throw e;
            Logger.info("batch of {} quotes refused ({}); redeeming them one by one", quotes.size(), e.getMessage());
            List<WalletStore.Quote> issued = new ArrayList<>();
            for (WalletStore.Quote q : quotes) {
                if (redeem(q.quoteId()) == Outcome.ISSUED) issued.add(q);
            }
            return issued;
        }
        List<Proof> proofs;
        try {
            proofs = Unblinding.unblind(all, sigs, keysets);
        } catch (MintException e) {
            for (WalletStore.Quote q : quotes) close(q, "LOST", "the mint's signatures do not verify: " + e.getMessage());
            return List.of();
        }
        int at = 0;
        for (int i = 0; i < quotes.size(); i++) {
            int n = perQuote.get(i).size();
            store.finishMint(quotes.get(i).quoteId(), opIds.get(i), proofs.subList(at, at + n), clock.millis());
            at += n;
        }
        return List.copyOf(quotes);
    }

    /** The mint signed this quote's stored outputs but the answer was lost: ask for the signatures again (NUT-09). */
    private Outcome finishFromRestore(WalletStore.Quote q, WalletStore.Operation op) throws IOException {
        if (op == null) return close(q, "REJECTED", "the mint issued it already, not to this wallet's outputs");
        List<BlindedOutput> outputs = op.outputs().stream().map(WalletStore.StoredOutput::output).toList();
        Restored r = restore(outputs);
        if (r.failure() != null) return close(q, "LOST", "issued, but " + r.failure());
        store.finishMint(q.quoteId(), op.opId(), r.proofs(), clock.millis());
        Logger.info("quote {}: recovered {} {} with NUT-09 restore", q.quoteId(), q.amount(), UNIT);
        return Outcome.ISSUED;
    }

    private Outcome close(WalletStore.Quote q, String state, String detail) throws IOException {
        if (state.equals("LOST")) {
            Logger.error("quote {} ({} {}) lost: {}", q.quoteId(), q.amount(), UNIT, detail);
        } else {
            Logger.warn("quote {} ({} {}) refused: {}", q.quoteId(), q.amount(), UNIT, detail);
        }
        store.closeQuote(q.quoteId(), state, detail, clock.millis());
        return state.equals("LOST") ? Outcome.LOST : Outcome.REJECTED;
    }

    // --- send and receive ---

    /**
     * Takes {@code amount} out of the wallet as a V4 token: proofs that sum to it exactly, made
     * by a swap when the wallet holds no such combination. The proofs are marked SENT.
     */
    public String send(long amount) throws IOException {
        if (amount <= 0) throw new IOException("amount must be positive");
        List<Proof> unspent = store.unspent();
        List<Proof> exact = exactSubset(unspent, amount);
        String opId = UUID.randomUUID().toString();
        if (exact != null) {
            String token = new Token(mint.url(), UNIT, null, exact).encode();
            store.markSent(opId, exact, token, clock.millis());
            return token;
        }
        List<Proof> inputs = new ArrayList<>();
        long total = 0;
        long fee = 0;
        for (Proof p : unspent) {
            if (total >= amount + fee) break;
            inputs.add(p);
            total += p.amount();
            fee = keysets.fee(inputs);
        }
        if (total < amount + fee) {
            throw new IOException("balance " + total + " " + UNIT + " does not cover " + amount + " + fee " + fee);
        }
        Keyset ks = keysets.active();
        List<WalletStore.StoredOutput> outputs = new ArrayList<>();
        for (long part : Amounts.split(amount)) outputs.add(new WalletStore.StoredOutput(BlindedOutput.create(part, ks.id(), random), "send"));
        for (long part : Amounts.split(total - fee - amount)) outputs.add(new WalletStore.StoredOutput(BlindedOutput.create(part, ks.id(), random), "keep"));
        // ascending amounts, so the request does not show which outputs are the payment (NUT-03)
        outputs.sort((a, b) -> Long.compare(a.output().amount(), b.output().amount()));
        store.beginSwap(opId, "send", null, inputs, outputs, clock.millis());
        Split split = swap(opId, inputs, outputs);
        String token = new Token(mint.url(), UNIT, null, split.send()).encode();
        store.finishSwap(opId, split.keep(), split.send(), token, clock.millis());
        return token;
    }

    /**
     * Takes the proofs of a token into this wallet by swapping them for new ones (so the sender
     * can no longer spend them). Returns the amount received (the token's minus the mint's fee).
     */
    public long receive(String tokenText) throws IOException {
        Token token = Token.decode(tokenText);
        if (!token.mint().equals(mint.url())) throw new IOException("the token is for mint " + token.mint() + "; this wallet uses " + mint.url());
        if (!UNIT.equals(token.unit())) throw new IOException("the token's unit is " + token.unit() + ", not " + UNIT);
        List<Proof> inputs = keysets.resolveShortIds(token.proofs());
        for (Proof p : inputs) Unblinding.checkProofDleq(p, keysets);
        long total = token.amount();
        long fee = keysets.fee(inputs);
        if (total <= fee) throw new IOException("the token's " + total + " " + UNIT + " do not cover the swap fee " + fee);
        Keyset ks = keysets.active();
        List<WalletStore.StoredOutput> outputs = new ArrayList<>();
        for (long part : Amounts.split(total - fee)) outputs.add(new WalletStore.StoredOutput(BlindedOutput.create(part, ks.id(), random), "keep"));
        String opId = UUID.randomUUID().toString();
        store.beginSwap(opId, "receive", tokenText.strip(), List.of(), outputs, clock.millis());
        Split split = swap(opId, inputs, outputs);
        store.finishSwap(opId, split.keep(), List.of(), null, clock.millis());
        return total - fee;
    }

    /** POST /v1/swap; a definitive refusal undoes the operation, a lost answer leaves it for {@link #recover}. */
    private Split swap(String opId, List<Proof> inputs, List<WalletStore.StoredOutput> outputs) throws IOException {
        List<BlindedOutput> outs = outputs.stream().map(WalletStore.StoredOutput::output).toList();
        List<BlindSignature> sigs;
        try {
            sigs = mint.swap(inputs, outs);
        } catch (MintException e) {
            if (e.definitive()) {
                store.abandonSwap(opId, "FAILED", clock.millis());
                throw e;
            }
            throw new IOException("swap " + opId + ": outcome unknown (" + e.getMessage() + "); the next run of this wallet settles it", e);
        } catch (IOException e) {
            throw new IOException("swap " + opId + ": outcome unknown (" + e.getMessage() + "); the next run of this wallet settles it", e);
        }
        checkpoint.reached("swap-answered", opId);
        return byPurpose(outputs, Unblinding.unblind(outs, sigs, keysets));
    }

    /** New proofs of a swap: those the wallet keeps and those it gives away. */
    private record Split(List<Proof> keep, List<Proof> send) {}

    private static Split byPurpose(List<WalletStore.StoredOutput> outputs, List<Proof> proofs) {
        List<Proof> keep = new ArrayList<>(), send = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) (outputs.get(i).purpose().equals("send") ? send : keep).add(proofs.get(i));
        return new Split(keep, send);
    }

    /**
     * Settles swaps a crash or a lost answer left PENDING: inputs still unspent -> the swap did
     * not happen; spent -> restore the signatures of the stored outputs (NUT-09). Quotes left
     * MINTING are settled by {@link #redeem}. Returns how many operations were settled.
     */
    public int recover() throws IOException {
        int settled = 0;
        for (WalletStore.Operation op : store.pendingOperations()) {
            if (op.kind().equals("mint")) continue;
            List<Proof> inputs = op.kind().equals("send") ? store.pendingInputs(op.opId()) : keysets.resolveShortIds(Token.decode(op.token()).proofs());
            List<byte[]> ys = inputs.stream().map(p -> Secp256k1.compressed(CashuCrypto.hashToCurve(p.secret()))).toList();
            List<String> states = ys.isEmpty() ? List.of() : mint.checkState(ys);
            if (states.contains("PENDING")) continue; // the mint is still at it
            if (!states.contains("SPENT")) {
                store.abandonSwap(op.opId(), "FAILED", clock.millis());
                Logger.info("swap {} ({}) did not happen; its inputs are back", op.opId(), op.kind());
                settled++;
                continue;
            }
            List<BlindedOutput> outs = op.outputs().stream().map(WalletStore.StoredOutput::output).toList();
            Restored r = restore(outs);
            if (r.failure() != null) {
                Logger.error("swap {} ({}): inputs spent, but {}; its ecash is lost", op.opId(), op.kind(), r.failure());
                store.abandonSwap(op.opId(), "LOST", clock.millis());
            } else {
                Split split = byPurpose(op.outputs(), r.proofs());
                String token = split.send().isEmpty() ? null : new Token(mint.url(), UNIT, null, split.send()).encode();
                store.finishSwap(op.opId(), split.keep(), split.send(), token, clock.millis());
                Logger.info("swap {} ({}) recovered with NUT-09 restore", op.opId(), op.kind());
            }
            settled++;
        }
        return settled;
    }

    // --- crypto and keysets ---

    /** The proofs NUT-09 restored, or why they could not be (for good: the operation's ecash is lost). */
    private record Restored(List<Proof> proofs, String failure) {}

    /**
     * POST /v1/restore for all outputs, then unblind and check the signatures as a mint answer's.
     *
     * @throws IOException when the mint could not be asked (try again later)
     */
    private Restored restore(List<BlindedOutput> outputs) throws IOException {
        List<BlindSignature> sigs;
        try {
            sigs = mint.restore(outputs);
        } catch (MintException e) {
            // 404: a mint without NUT-09; a Cashu error: it refused the request for good
            if (e.status() == 404 || e.definitive()) return new Restored(null, "the signatures cannot be restored: " + e.getMessage());
            throw e;
        }
        long missing = sigs.stream().filter(java.util.Objects::isNull).count();
        if (missing > 0) return new Restored(null, "the mint has no signatures for " + missing + " of " + outputs.size() + " outputs");
        try {
            return new Restored(Unblinding.unblind(outputs, sigs, keysets), null);
        } catch (MintException e) {
            if (e.status() != 0) throw e; // fetching a keyset failed: not the signatures' fault
            return new Restored(null, "the restored signatures do not verify: " + e.getMessage());
        }
    }

    /** Tests only: see {@link Checkpoint}. */
    void checkpoint(Checkpoint c) {
        this.checkpoint = c;
    }

    /** The active keyset of unit hash (what new outputs are blinded for). */
    Keyset activeKeyset() throws IOException {
        return keysets.active();
    }

    /** Proofs summing exactly to {@code amount}, largest first (they are powers of two), or null. */
    static List<Proof> exactSubset(List<Proof> largestFirst, long amount) {
        List<Proof> picked = new ArrayList<>();
        long left = amount;
        for (Proof p : largestFirst) {
            if (p.amount() <= left) {
                picked.add(p);
                left -= p.amount();
                if (left == 0) return picked;
            }
        }
        return null;
    }

    @Override
    public void close() {
        store.close();
    }
}
