package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun;
import org.sharemint.mint.LedgerRecords.KeysetRow;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;

/**
 * {@code sharemint mint migrate-ledger} through the real command: an SQLite ledger with 100,000
 * quotes (some minted), signatures and spent proofs lands whole in a new PostgreSQL database, row
 * for row; a second run into the now non-empty database is refused with one line and exit 2.
 */
@ExtendWith(PostgresExtension.class)
class LedgerMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aHundredThousandQuotesMoveToPostgresqlAndANonEmptyTargetIsRefused() throws Exception {
        int quotes = 100_000;
        String from = "jdbc:sqlite:" + dir.resolve("mint.db");
        String to = PostgresExtension.database(LedgerMigrationTest.class);
        try (Ledger l = Ledger.open(from)) {
            l.insertKeyset(new KeysetRow("00" + "ab".repeat(32), "hash", true, 0, 0, 2, 5));
            for (int b = 0; b < quotes / 10_000; b++) {
                List<NewQuote> rows = new ArrayList<>(10_000);
                for (int i = 0; i < 10_000; i++) rows.add(LedgerOnBothTest.quote(LedgerOnBothTest.id(b * 10_000 + i)));
                l.insertQuotes(rows);
            }
            for (int i = 0; i < 20; i++) {
                l.issue(List.of(LedgerOnBothTest.hex(i)), List.of(new SignatureRow(LedgerOnBothTest.point("b", i), 1, "00aa",
                    LedgerOnBothTest.point("c", i), "mint:" + LedgerOnBothTest.hex(i))), 7);
            }
            for (int i = 0; i < 10; i++) {
                l.swap(List.of(new SpentRow(LedgerOnBothTest.point("y", i), 1, "00aa")), List.of(new SignatureRow(LedgerOnBothTest.point("s", i), 1,
                    "00aa", LedgerOnBothTest.point("c", 100 + i), "swap")), 8);
            }
        }
        CommandRun.Result r = CommandRun.run("mint", "migrate-ledger", "--from=" + from, "--to=" + to, "--mint.db.password=" + TestPostgres.PASSWORD);
        assertEquals(0, r.code(), r.err());
        assertEquals("migrate-ledger: copied 1 keysets, 100,000 quotes, 30 signatures, 10 spent_proofs; counts checked\n", r.out());

        try (Ledger src = Ledger.open(from); Ledger dst = LedgerOnBothTest.open(to)) {
            assertEquals(src.keysets(), dst.keysets());
            assertEquals(quotes, dst.quoteCount());
            for (int i : new int[] {0, 19, 20, 4711, 99_999}) {
                assertEquals(src.quote(LedgerOnBothTest.hex(i)), dst.quote(LedgerOnBothTest.hex(i)));
            }
            assertEquals(QuoteState.ISSUED, dst.quote(LedgerOnBothTest.hex(3)).orElseThrow().state());
            List<String> blinded = new ArrayList<>();
            for (int i = 0; i < 20; i++) blinded.add(LedgerOnBothTest.point("b", i));
            for (int i = 0; i < 10; i++) blinded.add(LedgerOnBothTest.point("s", i));
            assertEquals(src.signaturesOf(blinded), dst.signaturesOf(blinded));
            assertEquals(30, dst.signaturesOf(blinded).size());
            assertEquals(10, dst.spentAmong(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).stream().map(i -> LedgerOnBothTest.point("y", i)).toList()).size());
        }

        CommandRun.Result again = CommandRun.run("mint", "migrate-ledger", "--from=" + from, "--to=" + to, "--mint.db.password=" + TestPostgres.PASSWORD);
        assertEquals(2, again.code(), again.err());
        assertEquals("--to: " + to.substring(0, to.indexOf('?')) + "?…: not empty (1 keysets, 100,000 quotes, 30 signatures, 10 spent_proofs):"
            + " migrate into a new database\n", again.said());
        try (Ledger dst = LedgerOnBothTest.open(to)) {
            assertEquals(quotes, dst.quoteCount());
        }
        assertTrue(!(r.out() + r.err() + again.err()).contains(TestPostgres.PASSWORD));
    }
}
