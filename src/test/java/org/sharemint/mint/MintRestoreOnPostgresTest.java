package org.sharemint.mint;

/** Every test of {@link MintRestoreTest}, with the mint's ledger in a PostgreSQL database of the run's test server. */
@LiveMintFixture.OnPostgres
class MintRestoreOnPostgresTest extends MintRestoreTest {
}
