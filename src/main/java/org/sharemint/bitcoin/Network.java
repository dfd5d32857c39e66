package org.sharemint.bitcoin;

import java.util.Locale;

/**
 * The Bitcoin networks a pool can mine on (jobs.network) and how their addresses look: the
 * bech32 human-readable part and the base58check version bytes of P2PKH and P2SH.
 */
public enum Network {
    MAINNET("bc", 0x00, 0x05),
    TESTNET4("tb", 0x6f, 0xc4),
    SIGNET("tb", 0x6f, 0xc4),
    REGTEST("bcrt", 0x6f, 0xc4);

    /** Bech32 human-readable part of segwit addresses. */
    public final String hrp;
    final int p2pkhVersion;
    final int p2shVersion;

    Network(String hrp, int p2pkhVersion, int p2shVersion) {
        this.hrp = hrp;
        this.p2pkhVersion = p2pkhVersion;
        this.p2shVersion = p2shVersion;
    }

    /** The network of a jobs.network value (mainnet, testnet4, signet, regtest). */
    public static Network of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The name as jobs.network spells it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
