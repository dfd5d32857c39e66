package org.sharemint.mint;

import java.sql.SQLException;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;

/**
 * Where the ledger is, from the configuration: {@code mint.db.url}, and for a database server the
 * password from {@code mint.db.password} or else the environment variable
 * {@value #PASSWORD_ENV}. The password is handed to the driver only; no message or log line
 * carries it, and URLs are shown without their query ({@link #redact}).
 */
final class LedgerSettings {
    /** The environment variable read when mint.db.password is empty. */
    static final String PASSWORD_ENV = "SHAREMINT_DB_PASSWORD";

    private LedgerSettings() {}

    /** The database password: mint.db.password, else {@value #PASSWORD_ENV}, else null. */
    static String password(Config config) {
        String p = config.string("mint.db.password");
        if (p != null && !p.isEmpty()) return p;
        String env = System.getenv(PASSWORD_ENV);
        return env == null || env.isEmpty() ? null : env;
    }

    /**
     * Opens the ledger of {@code config}.
     *
     * @throws ConfigException one line naming mint.db.url (without its query) and the database's reason
     */
    static Ledger open(Config config) throws ConfigException {
        return open("mint.db.url", config.string("mint.db.url"), password(config));
    }

    /** Opens the ledger at {@code url}; a failure is one line naming {@code key}, the URL without its query, and the reason. */
    static Ledger open(String key, String url, String password) throws ConfigException {
        try {
            return Ledger.open(url, password);
        } catch (SQLException | RuntimeException e) {
            throw new ConfigException(key + ": " + redact(url) + ": " + reason(e, password));
        }
    }

    /** The driver's message, first line only, the password cut out should a driver ever echo it. */
    static String reason(Throwable e, String password) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        if (password != null && !password.isEmpty()) m = m.replace(password, "***");
        return m.strip();
    }

    /** A JDBC URL without its query (where a password could be). */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
