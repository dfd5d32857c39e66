package org.sharemint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.mint.LedgerMigration;

/**
 * {@code sharemint mint migrate-ledger --from=URL --to=URL}: {@link LedgerMigration} from the
 * command line. The password of a database server comes from mint.db.password or
 * SHAREMINT_DB_PASSWORD, as for the mint.
 */
final class MigrateLedger {
    private MigrateLedger() {}

    static int run(CommandLine args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(args.options());
        String from = options.remove("from");
        String to = options.remove("to");
        if (from == null || from.isEmpty() || from.equals("true")) throw CommandLine.needsValue("from");
        if (to == null || to.isEmpty() || to.equals("true")) throw CommandLine.needsValue("to");
        Config config = new CommandLine(options, args.words(), false, args.bare()).config();
        String password = config.string("mint.db.password");
        if (password.isEmpty()) password = System.getenv("SHAREMINT_DB_PASSWORD");
        Map<String, Long> copied = LedgerMigration.migrate(from, password, to, password);
        System.out.println("migrate-ledger: copied " + LedgerMigration.describe(copied) + "; counts checked");
        return 0;
    }
}
