package org.sharemint.mint;

/** Every test of {@link MintHttpTest}, with the mint's ledger in a PostgreSQL database of the run's test server. */
@LiveMintFixture.OnPostgres
class MintHttpOnPostgresTest extends MintHttpTest {
}
