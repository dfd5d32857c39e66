package org.sharemint;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharemint.config.ConfigException;
import org.sharemint.miner.MinerOptions;
import org.sharemint.wallet.Redeemer;
import org.sharemint.wallet.Wallet;
import org.sharemint.wallet.WalletStore;

/** {@code sharemint wallet --wallet-dir=DIR balance|list|redeem|send --amount=N|receive TOKEN [--mint-url=URL]}. */
public final class WalletCommand implements Command {
    static final String HELP = """
        usage: java -jar sharemint.jar wallet --wallet-dir=DIR [--mint-url=URL] COMMAND

        The miner's Cashu wallet (unit hash). --mint-url is needed only the first time (a wallet
        belongs to one mint); the wallet of a running miner may be used at the same time.

          balance             print the spendable amount
          list                the quotes received and the proofs held, with their states
          redeem              redeem the quotes not redeemed yet (what a miner does at start)
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
        if (!List.of("balance", "list", "redeem", "send", "receive").contains(command)) {
            throw new ConfigException("wallet: unknown command \"" + command + "\" (balance, list, redeem, send, receive)");
        }
        int expectedWords = command.equals("receive") ? 2 : 1;
        if (words.size() != expectedWords) {
            throw new ConfigException("wallet " + command + ": " + (expectedWords == 2 ? "give the token as the one argument" : "unexpected argument \"" + words.get(1) + "\""));
        }
        if (amountText != null && !command.equals("send")) throw new ConfigException("--amount goes with send only");
        long amount = command.equals("send") ? amount(amountText) : 0;
        String mintUrl = mintText == null ? null : MinerOptions.mintUrl(mintText);
        Clock clock = Clock.systemUTC();
        try (Wallet wallet = Wallet.open(Path.of(dir), mintUrl, new SecureRandom(), clock)) {
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
                default -> throw new IllegalStateException("checked above: " + command);
            }
        } catch (IOException e) {
            System.err.println("wallet: " + e.getMessage());
            return 1;
        }
        return 0;
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
