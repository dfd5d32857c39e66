package org.sharemint.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random instances of every message, with field values across each type's whole range
 * (empty and maximum lengths included, strings with 1- to 4-byte UTF-8 characters, floats from
 * random bits, NaNs included). {@code small} caps the big fields so that every prefix of an
 * encoding can be tried in reasonable time.
 */
final class RandomMessages {
    /** How many message kinds {@link #next(int)} knows; a test checks this covers the codec's table. */
    static final int KINDS = 39;

    private final Random rnd;
    private final boolean small;

    RandomMessages(long seed, boolean small) {
        this.rnd = new Random(seed);
        this.small = small;
    }

    Random random() {
        return rnd;
    }

    Message next() {
        return next(rnd.nextInt(KINDS));
    }

    Message next(int kind) {
        return switch (kind) {
            case 0 -> new SetupConnection(u8(), u16(), u16(), u32(), str(), u16(), str(), str(), str(), str());
            case 1 -> new SetupConnectionSuccess(u16(), u32());
            case 2 -> new SetupConnectionError(u32(), str());
            case 3 -> new ChannelEndpointChanged(u32());
            case 4 -> new Reconnect(str(), u16());
            case 5 -> new RequestExtensions(u16(), u16s());
            case 6 -> new RequestExtensionsSuccess(u16(), u16s());
            case 7 -> new RequestExtensionsError(u16(), u16s(), u16s());
            case 8 -> new OpenStandardMiningChannel(u32(), str(), f32(), u256());
            case 9 -> new OpenStandardMiningChannelSuccess(u32(), u32(), u256(), bytes(32), u32());
            case 10 -> new OpenMiningChannelError(u32(), str());
            case 11 -> new OpenExtendedMiningChannel(u32(), str(), f32(), u256(), u16());
            case 12 -> new OpenExtendedMiningChannelSuccess(u32(), u32(), u256(), u16(), bytes(32), u32());
            case 13 -> new NewMiningJob(u32(), u32(), option(), u32(), u256());
            case 14 -> new UpdateChannel(u32(), f32(), u256());
            case 15 -> new UpdateChannelError(u32(), str());
            case 16 -> new CloseChannel(u32(), str());
            case 17 -> new SetExtranoncePrefix(u32(), bytes(32));
            case 18 -> new SubmitSharesStandard(u32(), u32(), u32(), u32(), u32(), u32());
            case 19 -> new SubmitSharesExtended(u32(), u32(), u32(), u32(), u32(), u32(), bytes(32));
            case 20 -> new SubmitSharesSuccess(u32(), u32(), u32(), u64());
            case 21 -> new SubmitSharesError(u32(), u32(), str());
            case 22 -> new NewExtendedMiningJob(u32(), u32(), option(), u32(), rnd.nextBoolean(), merklePath(),
                    bytes(small ? 80 : 0xFFFF), bytes(small ? 80 : 0xFFFF));
            case 23 -> new SetNewPrevHash(u32(), u32(), u256(), u32(), u32());
            case 24 -> new SetTarget(u32(), u256());
            case 25 -> new SetGroupChannel(u32(), u32s());
            case 26 -> new ShareQuote(u32(), u32(), u256(), str(), bytes(255), u64());
            case 27 -> new SetLockingKey(u32(), bytes(255));
            case 28 -> new SetLockingKeyError(u32(), str());
            case 29 -> new MintQuoteRequest(u32(), u256(), u64(), str(), bytes(255), u64());
            case 30 -> new MintQuoteResponse(u32(), str(), bytes(255), u64());
            case 31 -> new MintQuoteError(u32(), str());
            case 32 -> new CoinbaseOutputConstraints(u32(), u16());
            case 33 -> new NewTemplate(u64(), rnd.nextBoolean(), u32(), u32(), bytes(255), u32(), u64(), u32(), bytes(600), u32(), merklePath());
            case 34 -> new TemplateSetNewPrevHash(u64(), u256(), u32(), u32(), u256());
            case 35 -> new RequestTransactionData(u64());
            case 36 -> new RequestTransactionDataSuccess(u64(), bytes(100), java.util.List.of(bytes(300), bytes(5)));
            case 37 -> new RequestTransactionDataError(u64(), str());
            case 38 -> new SubmitSolution(u64(), u32(), u32(), u32(), bytes(400));
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    private int u8() {
        return rnd.nextInt(0x100);
    }

    private int u16() {
        return edge() ? (rnd.nextBoolean() ? 0 : 0xFFFF) : rnd.nextInt(0x10000);
    }

    private int u32() {
        return edge() ? (rnd.nextBoolean() ? 0 : -1) : rnd.nextInt();
    }

    private long u64() {
        return edge() ? (rnd.nextBoolean() ? 0 : -1L) : rnd.nextLong();
    }

    private float f32() {
        return Float.intBitsToFloat(rnd.nextInt());
    }

    private Integer option() {
        return rnd.nextInt(3) == 0 ? null : u32();
    }

    private byte[] u256() {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return b;
    }

    /** Length 0, max, or uniform in between (capped at 64 in small mode). */
    private byte[] bytes(int max) {
        int cap = small ? Math.min(max, 64) : max;
        int len = edge() ? (rnd.nextBoolean() ? 0 : cap) : rnd.nextInt(Math.min(cap, 300) + 1);
        byte[] b = new byte[len];
        rnd.nextBytes(b);
        return b;
    }

    /** A valid string of at most 255 UTF-8 bytes: ASCII, 2-, 3- and 4-byte characters mixed. */
    private String str() {
        int budget = edge() ? (rnd.nextBoolean() ? 0 : 255) : rnd.nextInt(small ? 40 : 256);
        boolean asciiOnly = rnd.nextBoolean();
        StringBuilder sb = new StringBuilder();
        int used = 0;
        while (true) {
            int cp = asciiOnly ? rnd.nextInt(0x80) : switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(0x80);
                case 1 -> 0x80 + rnd.nextInt(0x800 - 0x80);
                case 2 -> {
                    int c = 0x800 + rnd.nextInt(0x10000 - 0x800);
                    yield Character.isSurrogate((char) c) ? 'x' : c;
                }
                default -> 0x10000 + rnd.nextInt(0x110000 - 0x10000);
            };
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + n > budget) {
                return sb.toString();
            }
            sb.appendCodePoint(cp);
            used += n;
        }
    }

    private int[] u16s() {
        int[] v = new int[count(small ? 8 : 600)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(0x10000);
        }
        return v;
    }

    private int[] u32s() {
        int[] v = new int[count(small ? 8 : 600)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt();
        }
        return v;
    }

    private List<byte[]> merklePath() {
        int n = count(small ? 4 : 255);
        List<byte[]> path = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            path.add(u256());
        }
        return path;
    }

    private int count(int max) {
        return edge() ? (rnd.nextBoolean() ? 0 : max) : rnd.nextInt(Math.min(max, 20) + 1);
    }

    /** One time in eight, pick an extreme value. */
    private boolean edge() {
        return rnd.nextInt(8) == 0;
    }
}
