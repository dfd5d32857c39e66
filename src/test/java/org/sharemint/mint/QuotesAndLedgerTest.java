package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;

/** createQuotes through the real ledger: per-entry refusals, group commit, the SQLite settings, the seed file. */
class QuotesAndLedgerTest {
    static final long NOW = 1_800_000_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] KEY = Secp256k1.compressed(Secp256k1.mulG(BigInteger.valueOf(12345)));

    @TempDir
    Path dir;

    EmbeddedMint start(Path dataDir) throws Exception {
        return EmbeddedMint.start(Config.of(Map.of("data.dir", dataDir.toString(), "mint.http.listen", "127.0.0.1:0")), CLOCK, RANDOM);
    }

    static byte[] share() {
        byte[] s = new byte[32];
        RANDOM.nextBytes(s);
        return s;
    }

    static QuoteRequest request(byte[] share, long amount) {
        return new QuoteRequest(share, amount, "hash", KEY, NOW + 5000);
    }

    @Test
    void mixedBatchFailsOnlyTheBadEntries() throws Exception {
        try (EmbeddedMint mint = start(dir)) {
            byte[] earlier = share();
            assertInstanceOf(QuoteResult.Quote.class, mint.createQuotes(List.of(request(earlier, 1))).get(0));
            byte[] good = share();
            byte[] twice = share();
            byte[] offCurve = new byte[33];
            offCurve[0] = 2;
            offCurve[32] = 5; // x = 5: 5^3 + 7 = 132 is not a square mod p
            List<QuoteRequest> batch = List.of(
                request(good, 4),
                request(earlier, 1),                                   // quoted in an earlier batch: the pool's to refuse
                request(share(), 3),                                   // not a power of two
                new QuoteRequest(share(), 2, "hash", offCurve, NOW + 5000),
                new QuoteRequest(share(), 2, "hash", new byte[33], NOW + 5000),
                new QuoteRequest(share(), 2, "hash", KEY, NOW - 1),    // deadline passed
                new QuoteRequest(share(), 2, "sat", KEY, NOW + 5000),
                request(share(), 0),
                request(share(), -4),
                request(twice, 8),
                request(twice, 8),                                     // the same share twice in one batch
                request(share(), Long.MIN_VALUE),                      // 2^63, the cap
                new QuoteRequest(new byte[31], 2, "hash", KEY, NOW + 5000),
                new QuoteRequest(share(), 2, "hash", KEY, NOW));       // deadline exactly now: still in time
            List<QuoteResult> r = mint.createQuotes(batch);
            assertEquals(batch.size(), r.size());
            assertEquals(4, assertInstanceOf(QuoteResult.Quote.class, r.get(0)).amount());
            assertInstanceOf(QuoteResult.Quote.class, r.get(1));
            assertEquals(new QuoteResult.Refused("invalid-amount"), r.get(2));
            assertEquals(new QuoteResult.Refused("invalid-locking-key"), r.get(3));
            assertEquals(new QuoteResult.Refused("invalid-locking-key"), r.get(4));
            assertEquals(new QuoteResult.Refused("deadline-passed"), r.get(5));
            assertEquals(new QuoteResult.Refused("unit-not-supported"), r.get(6));
            assertEquals(new QuoteResult.Refused("invalid-amount"), r.get(7));
            assertEquals(new QuoteResult.Refused("invalid-amount"), r.get(8));
            assertInstanceOf(QuoteResult.Quote.class, r.get(9));
            assertEquals(new QuoteResult.Refused("duplicate-share"), r.get(10));
            assertEquals(Long.MIN_VALUE, assertInstanceOf(QuoteResult.Quote.class, r.get(11)).amount());
            assertEquals(new QuoteResult.Refused("invalid-share-hash"), r.get(12));
            assertInstanceOf(QuoteResult.Quote.class, r.get(13));
            assertArrayEquals(((QuoteResult.Quote) r.get(0)).keysetId(), ((QuoteResult.Quote) r.get(9)).keysetId());
        }
        assertEquals(6, count(dir, "SELECT COUNT(*) FROM quotes"));
        assertEquals(6, count(dir, "SELECT COUNT(*) FROM quotes WHERE state = 'PAID' AND created_at = " + NOW));
    }

    @Test
    void largeBatchIsOneTransactionWithUniqueIds() throws Exception {
        try (EmbeddedMint mint = start(dir)) {
            List<QuoteRequest> batch = new ArrayList<>();
            for (int i = 0; i < 1024; i++) batch.add(request(share(), 1L << (i % 64)));
            List<QuoteResult> r = mint.createQuotes(batch);
            HashSet<String> ids = new HashSet<>();
            for (int i = 0; i < r.size(); i++) {
                QuoteResult.Quote q = assertInstanceOf(QuoteResult.Quote.class, r.get(i));
                assertEquals(1L << (i % 64), q.amount());
                assertTrue(q.quoteId().matches("[0-9a-f]{44}"), q.quoteId());
                assertTrue(q.quoteId().startsWith(String.format("%012x", NOW)), q.quoteId());
                ids.add(q.quoteId());
            }
            assertEquals(1024, ids.size());
            assertEquals(List.of(), mint.createQuotes(List.of()));
        }
        assertEquals(1024, count(dir, "SELECT COUNT(*) FROM quotes"));
    }

    @Test
    void closedMintRefusesWithMintUnavailable() throws Exception {
        EmbeddedMint mint = start(dir);
        mint.close();
        mint.close(); // twice is harmless
        assertEquals(List.of(new QuoteResult.Refused("mint-unavailable")), mint.createQuotes(List.of(request(share(), 1))));
    }

    @Test
    void ledgerIsWalWithFullSyncAndVersionedSchema() throws Exception {
        try (EmbeddedMint mint = start(dir.resolve("nested").resolve("data"))) {
            mint.createQuotes(List.of(request(share(), 1)));
        }
        Path data = dir.resolve("nested").resolve("data");
        assertTrue(Files.exists(data.resolve("mint.db")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("mint.db")); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertEquals("wal", r.getString(1)); // persistent in the file
            }
            try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                r.next();
                assertEquals(LedgerSchema.MIGRATIONS.size(), r.getInt(1));
            }
        }
        try (Ledger l = Ledger.open("jdbc:sqlite:" + data.resolve("mint.db"))) {
            assertEquals(1, l.keysets().size());
        }
    }

    @Test
    void version1LedgerMigratesKeepingItsQuotesAndDropsTheShareHashKey() throws Exception {
        Path db = dir.resolve("v1.db");
        String share = "ab".repeat(32);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            for (LedgerSchema.Step step : LedgerSchema.MIGRATIONS.get(0)) step.apply(c);
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
            s.execute("INSERT INTO quotes (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at) "
                + "VALUES ('aa01', '" + share + "', 8, 'hash', NULL, 'ISSUED', '00aa', 5, 7)");
        }
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            LedgerRecords.QuoteRow q = l.quote("aa01").orElseThrow();
            assertEquals(new LedgerRecords.QuoteRow("aa01", share, 8, "hash", null, QuoteState.ISSUED, "00aa", 5, 7L), q);
            // a second quote on the same hash is the pool's to prevent; the ledger no longer pays for a random index
            l.insertQuotes(List.of(newQuote("aa02", HexFormat.of().parseHex(share))));
            assertTrue(l.quote("aa02").isPresent());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            r.next();
            assertEquals(LedgerSchema.MIGRATIONS.size(), r.getInt(1));
        }
    }

    /** A version-2 ledger (hex text) as an earlier sharemint left it, with {@code rows} quotes. */
    private static void version2Ledger(Path db, String... rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            for (int v = 0; v < 2; v++) {
                for (LedgerSchema.Step step : LedgerSchema.MIGRATIONS.get(v)) step.apply(c);
            }
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
            s.execute("INSERT INTO schema_version (version) VALUES (2)");
            for (String row : rows) {
                s.execute("INSERT INTO quotes (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at) VALUES " + row);
            }
        }
    }

    @Test
    void version2LedgerMigratesToBytesKeepingEveryQuote() throws Exception {
        Path db = dir.resolve("v2.db");
        String share1 = "ab".repeat(32);
        String share2 = "cd".repeat(32);
        String key = "02" + "ef".repeat(32);
        String keyset = "01" + "12".repeat(32);
        String oldId = "0f".repeat(16); // the 32-digit ids of the first versions
        String newId = "019abc".repeat(2) + "77".repeat(16);
        version2Ledger(db,
            "('" + oldId + "', '" + share1 + "', 8, 'hash', '" + key + "', 'ISSUED', '" + keyset + "', 5, 7)",
            "('" + newId + "', '" + share2 + "', 1, 'hash', NULL, 'PAID', '" + keyset + "', 6, NULL)");
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            assertEquals(new LedgerRecords.QuoteRow(oldId, share1, 8, "hash", key, QuoteState.ISSUED, keyset, 5, 7L), l.quote(oldId).orElseThrow());
            assertEquals(new LedgerRecords.QuoteRow(newId, share2, 1, "hash", null, QuoteState.PAID, keyset, 6, null), l.quote(newId).orElseThrow());
            l.issue(List.of(newId), List.of(), 9);
            assertEquals(QuoteState.ISSUED, l.quote(newId).orElseThrow().state());
        }
        assertEquals(LedgerSchema.MIGRATIONS.size(), countDb(db, "SELECT MAX(version) FROM schema_version"));
        assertEquals(0, countDb(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'quotes_by_pubkey'"), "version 4's index, dropped by version 6");
        assertEquals(2, countDb(db, "SELECT COUNT(*) FROM quotes WHERE typeof(id) = 'blob' AND typeof(share_hash) = 'blob' AND typeof(keyset_id) = 'blob'"));
        assertEquals(1, countDb(db, "SELECT COUNT(*) FROM quotes WHERE typeof(pubkey) = 'blob' AND length(pubkey) = 33"));
        assertEquals(0, countDb(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'quotes_v3'"));
    }

    @Test
    void aQuoteThatIsNotHexStopsTheMigrationAndLeavesVersion2AsItWas() throws Exception {
        Path db = dir.resolve("bad.db");
        version2Ledger(db,
            "('aa01', '" + "ab".repeat(32) + "', 8, 'hash', NULL, 'PAID', '00aa', 5, NULL)",
            "('not-hex', '" + "cd".repeat(32) + "', 8, 'hash', NULL, 'PAID', '00aa', 5, NULL)");
        SQLException e = assertThrows(SQLException.class, () -> Ledger.open("jdbc:sqlite:" + db));
        assertTrue(e.getMessage().contains("not-hex"), e.getMessage());
        assertEquals(2, countDb(db, "SELECT MAX(version) FROM schema_version"));
        assertEquals(2, countDb(db, "SELECT COUNT(*) FROM quotes WHERE typeof(id) = 'text'"));
        assertEquals(0, countDb(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'quotes_v3'"));
    }

    @Test
    void onlyTheLowercaseHexOfAnIdFindsItsQuote() throws Exception {
        String id = "abcdef".repeat(7) + "01";
        try (Ledger l = Ledger.open("jdbc:sqlite:" + dir.resolve("ids.db"))) {
            l.insertQuotes(List.of(newQuote(id, share())));
            assertEquals(id, l.quote(id).orElseThrow().id());
            for (String other : List.of(id.toUpperCase(java.util.Locale.ROOT), id.substring(1), id + "0", "", "zz", id.replace('a', 'g'))) {
                assertTrue(l.quote(other).isEmpty(), other);
            }
            LedgerConflict e = assertThrows(LedgerConflict.class, () -> l.issue(List.of("XYZ"), List.of(), 9));
            assertEquals(LedgerConflict.Kind.QUOTE_NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains("quote not found"), e.getMessage());
        }
    }

    @Test
    void batchesOfEverySizeAroundTheMultiRowInsertLandWhole() throws Exception {
        int per = QuoteTable.QUOTES_PER_INSERT;
        Path db = dir.resolve("sizes.db");
        int total = 0;
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            int n = 0;
            for (int size : new int[] {1, per - 1, per, per + 1, 2 * per, 2 * per + 7}) {
                List<LedgerRecords.NewQuote> rows = new ArrayList<>();
                for (int i = 0; i < size; i++) rows.add(newQuote(String.format("%08x", n++), share()));
                l.insertQuotes(rows);
                total += size;
                for (LedgerRecords.NewQuote q : rows) assertTrue(l.quote(HexFormat.of().formatHex(q.id())).isPresent());
            }
            // one id already taken, in the multi-row part or in the rest: nothing of the batch lands
            for (int clash : new int[] {per / 2, per + 3}) {
                List<LedgerRecords.NewQuote> rows = new ArrayList<>();
                for (int i = 0; i < per + 5; i++) rows.add(newQuote(String.format("%08x", i == clash ? 0 : 1_000_000 + clash * 1000 + i), share()));
                assertThrows(SQLException.class, () -> l.insertQuotes(rows));
                assertTrue(l.quote(String.format("%08x", 1_000_000 + clash * 1000 + (clash == 0 ? 1 : 0))).isEmpty());
            }
        }
        assertEquals(total, countDb(db, "SELECT COUNT(*) FROM quotes"));
    }

    private static LedgerRecords.NewQuote newQuote(String idHex, byte[] share) {
        return new LedgerRecords.NewQuote(HexFormat.of().parseHex(idHex), share, 1, "hash", null, HexFormat.of().parseHex("00aa"), NOW);
    }

    @Test
    void checkpointsRunOffTheCommitPathWhileTheLedgerIsOpen() throws Exception {
        Path db = dir.resolve("cp.db");
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            try (Statement s = l.connections().writer().createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                r.next();
                assertEquals(0, r.getInt(1), "the writer must never checkpoint inside a commit");
            }
            long before = Files.size(db);
            for (int b = 0; b < 30; b++) {
                List<LedgerRecords.NewQuote> rows = new ArrayList<>();
                for (int i = 0; i < 500; i++) rows.add(newQuote(String.format("%08x%04x", b, i), share()));
                l.insertQuotes(rows);
            }
            // the rows reach the database file itself while the ledger is still open: someone checkpointed
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(db) > before + 1_000_000);
        }
    }

    @Test
    void walIsRewoundUnderSteadyWrites() throws Exception {
        Path db = dir.resolve("steady.db");
        Path wal = dir.resolve("steady.db-wal");
        long maxWal = 0;
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db)) {
            // back-to-back commits for 6 s or 800,000 quotes (~120 MiB of pages): a checkpoint alone never catches up
            long end = System.nanoTime() + 6_000_000_000L;
            for (int b = 0; b < 800 && System.nanoTime() < end; b++) {
                List<LedgerRecords.NewQuote> rows = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    rows.add(new LedgerRecords.NewQuote(HexFormat.of().parseHex(String.format("%08x%04x", b, i)), share(), 1, "hash",
                        HexFormat.of().parseHex("02" + "cd".repeat(32)), HexFormat.of().parseHex("01" + "ef".repeat(32)), NOW));
                }
                l.insertQuotes(rows);
                if (Files.exists(wal)) maxWal = Math.max(maxWal, Files.size(wal));
            }
        }
        long dbBytes = Files.size(db);
        assertTrue(dbBytes > 2 * WalCheckpointer.REWIND_BYTES, "wrote too little to tell: " + dbBytes);
        assertTrue(maxWal < dbBytes / 2, "WAL grew to " + maxWal + " bytes for a " + dbBytes + "-byte database: never rewound");
    }

    @Test
    void aNewLedgerHasLargePagesAndAnOldOneKeepsItsOwn() throws Exception {
        Path old = dir.resolve("old.db");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL"); // a ledger made before: 4 KiB pages, fixed once in WAL mode
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        try (Ledger l = Ledger.open("jdbc:sqlite:" + dir.resolve("new.db")); Ledger o = Ledger.open("jdbc:sqlite:" + old)) {
            assertEquals(LedgerConnections.PAGE_SIZE, pageSize(dir.resolve("new.db")));
            assertEquals(4096, pageSize(old));
            o.insertQuotes(List.of(newQuote("ab".repeat(22), share())));
            assertTrue(o.quote("ab".repeat(22)).isPresent());
        }
    }

    private static int pageSize(Path db) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA page_size")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void synchronousIsFullOnTheLedgersConnections() throws Exception {
        try (Ledger l = Ledger.open("jdbc:sqlite:" + dir.resolve("x.db"))) {
            try (Statement s = l.connections().writer().createStatement(); ResultSet r = s.executeQuery("PRAGMA synchronous")) {
                r.next();
                assertEquals(2, r.getInt(1)); // 2 = FULL
            }
        }
    }

    @Test
    void seedIsOwnerOnlyAndKeysetsSurviveRestart() throws Exception {
        String id;
        try (EmbeddedMint mint = start(dir)) {
            id = mint.activeKeysetId();
        }
        Path seed = dir.resolve("mint.seed");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(seed)));
        assertEquals(65, Files.size(seed));
        try (EmbeddedMint mint = start(dir)) {
            assertEquals(id, mint.activeKeysetId());
        }
        // a different seed must not silently change the keys
        Files.writeString(seed, "11".repeat(32) + "\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> start(dir));
        assertTrue(e.getMessage().contains("not the one the ledger was made with"), e.getMessage());
    }

    @Test
    void keysetIdVersionOneWhenConfigured() throws Exception {
        try (EmbeddedMint mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0",
            "mint.keyset-id-version", "1")), CLOCK, RANDOM)) {
            assertEquals(16, mint.activeKeysetId().length());
            QuoteResult.Quote q = assertInstanceOf(QuoteResult.Quote.class, mint.createQuotes(List.of(request(share(), 1))).get(0));
            assertEquals(8, q.keysetId().length);
        }
        // the existing keyset is kept when the setting changes later
        try (EmbeddedMint mint = start(dir)) {
            assertEquals(16, mint.activeKeysetId().length());
            assertNotEquals(66, mint.activeKeysetId().length());
        }
    }

    static long count(Path dataDir, String sql) throws Exception {
        return countDb(dataDir.resolve("mint.db"), sql);
    }

    static long countDb(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The deadline is asked again inside the transaction, just before the commit: a request that
     * passed the first check but whose deadline went by while its rows went in is rolled back and
     * refused; the others of the batch commit.
     */
    @Test
    void aDeadlineThatPassesWhileTheRowsGoInIsRefusedBeforeTheCommit() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Clock slow = new Clock() {
            @Override
            public long millis() {
                return reads.getAndIncrement() == 0 ? NOW : NOW + 1000; // the first check sees NOW; the commit a second later
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        Map<String, String> cfg = Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0");
        try (EmbeddedMint mint = EmbeddedMint.start(Config.of(cfg), CLOCK, RANDOM)) {
            assertInstanceOf(QuoteResult.Quote.class, mint.createQuotes(List.of(request(share(), 1))).get(0)); // keysets made at NOW
        }
        try (EmbeddedMint mint = EmbeddedMint.start(Config.of(cfg), slow, RANDOM)) {
            reads.set(0);
            List<QuoteResult> r = mint.createQuotes(List.of(
                new QuoteRequest(share(), 2, "hash", KEY, NOW + 500),
                new QuoteRequest(share(), 4, "hash", KEY, NOW + 5000)));
            assertEquals(new QuoteResult.Refused("deadline-passed"), r.get(0));
            assertInstanceOf(QuoteResult.Quote.class, r.get(1));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mint.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT amount FROM quotes ORDER BY amount")) {
            List<Long> amounts = new java.util.ArrayList<>();
            while (rs.next()) amounts.add(rs.getLong(1));
            assertEquals(List.of(1L, 4L), amounts, "the late quote was never committed");
        }
    }
}
