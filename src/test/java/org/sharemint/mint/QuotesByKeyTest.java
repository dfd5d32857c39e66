package org.sharemint.mint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.sharemint.mint.LedgerRecords.QuoteRow;

/**
 * Quotes by locking key ({@link QuoteKeys}) on both databases: every quote of a key and only its,
 * in id order, paged by id, right after the commit; and on SQLite the key file
 * ({@link QuoteKeyFile}): filled by itself without a lookup, rebuilt when lost or when it belongs to
 * another ledger.
 */
@ExtendWith(PostgresExtension.class)
class QuotesByKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_A = HEX.parseHex("02" + "a1".repeat(32));
    private static final byte[] KEY_B = HEX.parseHex("03" + "b2".repeat(32));

    @TempDir
    Path dir;

    private static NewQuote quote(int n, byte[] key) {
        NewQuote q = LedgerOnBothTest.quote(LedgerOnBothTest.id(n));
        return new NewQuote(q.id(), q.shareHash(), q.amount(), q.unit(), key, q.keysetId(), q.createdAtMs());
    }

    /** Quotes 0..count-1, every third one locked to B, the others to A. */
    private static List<NewQuote> quotes(int from, int count) {
        List<NewQuote> rows = new ArrayList<>();
        for (int n = from; n < from + count; n++) rows.add(quote(n, n % 3 == 0 ? KEY_B : KEY_A));
        return rows;
    }

    private static List<String> ids(List<QuoteRow> rows) {
        return rows.stream().map(QuoteRow::id).toList();
    }

    @ParameterizedTest
    @MethodSource(LedgerOnBothTest.DATABASES)
    void aLookupListsEveryQuoteOfTheKeyInIdOrderRightAfterTheCommit(String kind) throws Exception {
        try (Ledger l = LedgerOnBothTest.open(PostgresExtension.ledgerUrl(kind, dir, QuotesByKeyTest.class))) {
            l.insertQuotes(quotes(0, 300));
            List<QuoteRow> b = l.quotesByPubkeys(List.of(KEY_B), new byte[0], 1000);
            assertEquals(100, b.size());
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < 300; n += 3) expected.add(LedgerOnBothTest.hex(n));
            assertEquals(expected, ids(b), "B's quotes, oldest (lowest id) first");
            b.forEach(q -> assertEquals(HEX.formatHex(KEY_B), q.pubkey()));

            List<QuoteRow> page = l.quotesByPubkeys(List.of(KEY_A), new byte[0], 50);
            assertEquals(50, page.size());
            List<QuoteRow> rest = l.quotesByPubkeys(List.of(KEY_A), LedgerOnBothTest.id(Integer.parseInt(page.get(49).id(), 16)), 1000);
            assertEquals(150, rest.size(), "the page after the cursor holds the rest");
            assertEquals(200, l.quotesByPubkeys(List.of(KEY_A, KEY_B), new byte[0], 1000).size() - 100);

            l.insertQuotes(quotes(300, 3));
            assertEquals(101, l.quotesByPubkeys(List.of(KEY_B), new byte[0], 1000).size(), "a quote committed just now is found");
        }
    }

    private static long rowsInKeyFile(Path keys) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keys); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM quote_keys")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void theKeyFileFillsBySelfWithoutALookup() throws Exception {
        Path db = dir.resolve("fill.db");
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            l.insertQuotes(quotes(0, 90));
            l.insertQuotes(List.of(LedgerOnBothTest.quote(LedgerOnBothTest.id(1000)))); // not locked: not in the file
            Path keys = Path.of(db + ".keys");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(keys) && rowsInKeyFile(keys) == 90);
        }
    }

    @Test
    void aLostKeyFileIsRebuiltFromTheLedger() throws Exception {
        Path db = dir.resolve("lost.db");
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            l.insertQuotes(quotes(0, 30));
            assertEquals(10, l.quotesByPubkeys(List.of(KEY_B), new byte[0], 1000).size());
        }
        for (String suffix : List.of(".keys", ".keys-wal", ".keys-shm")) Files.deleteIfExists(Path.of(db + suffix));
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            assertEquals(10, l.quotesByPubkeys(List.of(KEY_B), new byte[0], 1000).size());
            assertEquals(20, l.quotesByPubkeys(List.of(KEY_A), new byte[0], 1000).size());
        }
    }

    @Test
    void aKeyFileOfAnotherLedgerIsNotBelieved() throws Exception {
        Path db = dir.resolve("swapped.db");
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            l.insertQuotes(quotes(0, 30)); // B: 0, 3, ... 27
            assertEquals(10, l.quotesByPubkeys(List.of(KEY_B), new byte[0], 1000).size());
        }
        // another ledger in its place (a restored backup, say), the old key file left beside it
        for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(db + suffix));
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            l.insertQuotes(quotes(500, 30)); // B: 501, 504, ... 528
            List<QuoteRow> b = l.quotesByPubkeys(List.of(KEY_B), new byte[0], 1000);
            assertEquals(10, b.size());
            assertEquals(LedgerOnBothTest.hex(501), b.get(0).id(), "only this ledger's quotes");
        }
    }
}
