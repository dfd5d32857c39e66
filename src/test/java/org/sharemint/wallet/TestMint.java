package org.sharemint.wallet;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;

/** An embedded mint on a loopback ephemeral port with its ledger in a temp dir, making quotes as the pool would. */
final class TestMint implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    final EmbeddedMint mint;

    TestMint(Path dataDir) throws IOException, ConfigException {
        mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dataDir.toString(), "mint.http.listen", "127.0.0.1:0")));
    }

    String url() {
        return "http://127.0.0.1:" + mint.httpAddress().getPort();
    }

    /** Quotes of the given amounts locked to {@code pubkeyHex}, as the pool's mint worker creates them. */
    List<QuoteResult.Quote> quotes(String pubkeyHex, long... amounts) {
        List<QuoteRequest> batch = new ArrayList<>();
        for (long a : amounts) {
            byte[] share = new byte[32];
            RANDOM.nextBytes(share);
            batch.add(new QuoteRequest(share, a, "hash", HexFormat.of().parseHex(pubkeyHex), System.currentTimeMillis() + 60_000));
        }
        List<QuoteResult.Quote> out = new ArrayList<>();
        for (QuoteResult r : mint.createQuotes(batch)) {
            if (!(r instanceof QuoteResult.Quote q)) throw new IllegalStateException("the mint refused a test quote: " + r);
            out.add(q);
        }
        return out;
    }

    /** Records the quotes in the wallet as the miner does on ShareQuote. */
    static void record(Wallet w, List<QuoteResult.Quote> quotes) throws IOException {
        for (QuoteResult.Quote q : quotes) {
            byte[] share = new byte[32];
            RANDOM.nextBytes(share);
            w.recordQuote(q.quoteId(), q.amount(), q.keysetId(), share);
        }
    }

    @Override
    public void close() {
        mint.close();
    }
}
