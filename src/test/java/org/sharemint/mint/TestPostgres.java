package org.sharemint.mint;

import java.io.IOException;
import org.sharemint.process.LocalPostgres;

/**
 * The tests' throwaway PostgreSQL server: {@link LocalPostgres} (the same the bench starts) with
 * the tests' fixed password, which the tests also look for in logs that must not show it.
 * {@link PostgresExtension} shares one per test run; a test that stops the server starts its own.
 */
public final class TestPostgres {
    /** The superuser the tests connect as. */
    public static final String USER = LocalPostgres.USER;
    /** Its password: every connection of the tests goes through the password path. */
    public static final String PASSWORD = "pg-test-Secret-7f3a";

    private TestPostgres() {}

    /** initdb and start a new server (fsync off for tests, on for benchmarks: see {@link LocalPostgres#start}). */
    public static LocalPostgres start(boolean fsync) throws IOException {
        return LocalPostgres.start(fsync, PASSWORD);
    }
}
