package org.sharemint.bitcoin;

import org.sharemint.noise.Base58Check;

/** pool.payout-address: a bech32, bech32m or base58check address turned into its scriptPubKey. */
public final class PayoutAddress {
    private PayoutAddress() {}

    /**
     * The script that pays {@code address} on {@code network}; IllegalArgumentException saying
     * what is wrong (checksum, network, form).
     */
    public static byte[] script(String address, Network network) {
        String a = address.strip();
        if (a.isEmpty()) throw new IllegalArgumentException("no address given");
        int sep = a.lastIndexOf('1');
        // a base58 address may contain '1' too: bech32 is tried when the part before the last '1' is a known hrp
        if (sep > 0 && isHrp(a.substring(0, sep))) {
            String hrp = a.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
            if (!hrp.equals(network.hrp)) throw new IllegalArgumentException("a " + hrp + "1 address is not for " + network.configName());
            return Bech32.segwitScript(network.hrp, a);
        }
        byte[] payload;
        try {
            payload = Base58Check.decode(a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("neither a segwit address nor base58check: " + e.getMessage());
        }
        if (payload.length != 21) throw new IllegalArgumentException("a base58 address holds 21 bytes, this one " + payload.length);
        byte[] hash = java.util.Arrays.copyOfRange(payload, 1, 21);
        int version = payload[0] & 0xFF;
        if (version == network.p2pkhVersion) {
            return Bitcoin.concat(new byte[] {0x76, (byte) 0xa9, 0x14}, hash, new byte[] {(byte) 0x88, (byte) 0xac});
        }
        if (version == network.p2shVersion) return Bitcoin.concat(new byte[] {(byte) 0xa9, 0x14}, hash, new byte[] {(byte) 0x87});
        throw new IllegalArgumentException("version byte 0x" + Integer.toHexString(version) + " is not a P2PKH or P2SH address of " + network.configName());
    }

    private static boolean isHrp(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        for (Network n : Network.values()) if (l.equals(n.hrp)) return true;
        return false;
    }
}
