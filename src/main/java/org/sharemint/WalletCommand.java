package org.sharemint;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharemint.config.ConfigException;
import org.sharemint.config.DataDir;
import org.sharemint.miner.MinerOptions;
import org.sharemint.wallet.Redeemer;
import org.sharemint.wallet.Token;
import org.sharemint.wallet.Wallet;
import org.sharemint.wallet.WalletStore;

/** {@code sharemint wallet --wallet-dir=DIR balance|list|redeem|key|claim|send --amount=N|receive TOKEN [--mint-url=URL]}. */
public final class WalletCommand implements Command {
    static final String HELP = """
        usage: java -jar sharemint.jar wallet --wallet-dir=DIR [--mint-url=URL] COMMAND

        The miner's Cashu wallet (unit hash). --mint-url is needed only to make a new wallet (a
        wallet belongs to one mint), and not even then for receive, which takes the token's mint;
        a command that fails on a new wallet leaves none behind. The wallet of a running miner may
        be used at the same time.

          balance             print the spendable amount
          list                the quotes received and the proofs held, with their states
          redeem              redeem the quotes not redeemed yet (what a miner does at start)
          key                 print the wallet's locking key: mine with it as the username of a
                              Stratum V1 miner (KEY.worker) and collect with claim
          claim               look up every quote locked to the wallet's key at the mint and mint
                              the PAID ones (NUT-29 batches); a second run claims nothing twice
          send --amount=N     take N out as a Cashu token (cashuB...), printed on stdout; the
                              proofs are swapped at the mint to the exact amount when needed
          receive TOKEN       swap a token's proofs into this wallet (so the sender cannot spend them)
        """;

    @Override
    public String summary() {
        return "the miner's wallet: balance, list, redeem, send and receive Cashu tokens";
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(args.options());
        String dir = o.remove("wallet-dir");
        String mintText = o.remove("mint-url");
        String amountText = o.remove("amount");
        List<String> words = args.words();
        if (dir == null || dir.isBlank() || dir.equals("true")) throw new ConfigException("--wallet-dir is required (see wallet --help)");
        if (!o.isEmpty()) throw new ConfigException("wallet: unknown option --" + o.keySet().iterator().next() + " (see wallet --help)");
        if (words.isEmpty()) throw new ConfigException("wallet: which command? balance, list, redeem, send or receive (see wallet --help)");
        String command = words.get(0);
        if (!List.of("balance", "list", "redeem", "send", "receive", "key", "claim").contains(command)) {
            throw new ConfigException("wallet: unknown command \"" + command + "\" (balance, list, redeem, send, receive, key, claim)");
        }
        int expectedWords = command.equals("receive") ? 2 : 1;
        if (words.size() != expectedWords) {
            throw new ConfigException("wallet " + command + ": " + (expectedWords == 2 ? "give the token as the one argument" : "unexpected argument \"" + words.get(1) + "\""));
        }
        if (amountText != null && !command.equals("send")) throw new ConfigException("--amount goes with send only");
        long amount = command.equals("send") ? amount(amountText) : 0;
        if (mintText != null && args.bare().contains("mint-url")) throw CommandLine.needsValue("mint-url");
        String mintUrl = mintText == null ? null : MinerOptions.mintUrl(mintText);
        Path walletDir = Path.of(dir);
        if (Files.exists(walletDir) && !Files.isDirectory(walletDir)) throw new ConfigException("--wallet-dir: " + dir + " is a file, not a directory");
        boolean fresh = !Files.exists(walletDir.resolve(WalletStore.FILE_NAME));
        if (fresh && mintUrl == null) {
            // a new wallet belongs to the mint it is told, or to the one the token it receives names
            if (!command.equals("receive")) {
                throw new ConfigException("wallet: no wallet in " + dir + " yet: give --mint-url=URL to make one (or receive a token into it)");
            }
            try {
                mintUrl = Token.decode(words.get(1)).mint();
            } catch (IOException e) {
                System.err.println("wallet: " + e.getMessage());
                return 1;
            }
        }
        boolean madeDir = !Files.exists(walletDir);
        Path parent = walletDir.toAbsolutePath().getParent();
        if (madeDir && parent != null) DataDir.make("--wallet-dir", parent); // a file in the way is one line, exit 2
        int code = 1;
        try {
            code = run(walletDir, mintUrl, command, words, amount);
            return code;
        } finally {
            if (fresh && code != 0) removeIfEmpty(walletDir, madeDir);
        }
    }

    /** The command on the wallet in {@code walletDir}; the exit code. */
    private static int run(Path walletDir, String mintUrl, String command, List<String> words, long amount) throws IOException {
        Clock clock = Clock.systemUTC();
        try (Wallet wallet = Wallet.open(walletDir, mintUrl, new SecureRandom(), clock)) {
            switch (command) {
                case "balance" -> System.out.println(wallet.balance() + " " + Wallet.UNIT);
                case "list" -> list(wallet);
                case "redeem" -> {
                    wallet.recover();
                    int n = new Redeemer(wallet, clock).redeemDue();
                    System.out.println("redeemed " + n + " quote(s); balance " + wallet.balance() + " " + Wallet.UNIT);
                }
                case "send" -> {
                    wallet.recover();
                    System.out.println(wallet.send(amount));
                }
                case "receive" -> {
                    wallet.recover();
                    long got = wallet.receive(words.get(1));
                    System.out.println("received " + got + " " + Wallet.UNIT + "; balance " + wallet.balance() + " " + Wallet.UNIT);
                }
                case "key" -> System.out.println(wallet.lockingPubkeyHex());
                case "claim" -> {
                    wallet.recover();
                    Wallet.Claim c = wallet.claim();
                    System.out.println("claimed " + c.claimed() + " quote(s), " + c.amount() + " " + Wallet.UNIT + " (" + c.lockedToKey()
                            + " locked to key " + wallet.lockingPubkeyHex() + (c.failed() > 0 ? ", " + c.failed() + " not claimed: see wallet list" : "")
                            + "); balance " + wallet.balance() + " " + Wallet.UNIT);
                    if (c.failed() > 0) return 1;
                }
                default -> throw new IllegalStateException("checked above: " + command);
            }
        } catch (FileSystemException e) {
            System.err.println("wallet: cannot use --wallet-dir " + walletDir + ": " + DataDir.reason(e, null));
            return 1;
        } catch (IOException e) {
            System.err.println("wallet: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
        return 0;
    }

    /**
     * After a failed command on a wallet it was making: removes that wallet again when it holds
     * nothing (no quote, operation or proof), so a typo or an unreachable mint leaves no half-made
     * wallet bound to a mint; a wallet that holds anything is kept, since it may be money.
     */
    private static void removeIfEmpty(Path dir, boolean madeDir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        Path db = dir.resolve(WalletStore.FILE_NAME);
        if (!Files.exists(db)) {
            if (madeDir) Files.deleteIfExists(dir);
            return;
        }
        try (WalletStore store = WalletStore.open(dir)) {
            if (!store.holdsNothing()) return;
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) Files.deleteIfExists(dir.resolve(WalletStore.FILE_NAME + suffix));
        if (madeDir) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) Files.delete(dir);
            }
        }
    }

    private static long amount(String text) throws ConfigException {
        if (text == null) throw new ConfigException("wallet send: --amount=N is required");
        try {
            long n = Long.parseLong(text.strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--amount: expected a positive integer, got \"" + text + "\"");
    }

    private static void list(Wallet wallet) throws IOException {
        WalletStore store = wallet.store();
        System.out.println("mint " + wallet.mintUrl() + ", locking key " + wallet.lockingPubkeyHex());
        System.out.println("quotes: " + store.quoteCounts());
        for (WalletStore.Quote q : store.allQuotes()) {
            System.out.printf("  quote %s %d %s %s%s%n", q.quoteId(), q.amount(), Wallet.UNIT, q.state(), q.detail() == null ? "" : " (" + q.detail() + ")");
        }
        Map<String, Long> sums = new LinkedHashMap<>();
        List<WalletStore.ProofRow> proofs = store.allProofs();
        for (WalletStore.ProofRow r : proofs) sums.merge(r.state(), r.proof().amount(), Long::sum);
        System.out.println("proofs: " + proofs.size() + ", amount by state " + sums);
        for (WalletStore.ProofRow r : proofs) {
            System.out.printf("  proof %d %s keyset %s%n", r.proof().amount(), r.state(), r.proof().keysetId());
        }
        System.out.println("balance " + wallet.balance() + " " + Wallet.UNIT);
    }
}
