package org.sharemint.pool;

/** The error codes of SubmitShares.Error, OpenMiningChannel.Error and friends that the pool sends. */
final class ShareError {
    static final String INVALID_CHANNEL_ID = "invalid-channel-id";
    static final String INVALID_SHARE = "invalid-share";
    static final String STALE_SHARE = "stale-share";
    static final String INVALID_JOB_ID = "invalid-job-id";
    static final String DIFFICULTY_TOO_LOW = "difficulty-too-low";
    static final String DUPLICATE_SHARE = "duplicate-share";
    /** A channel filled its per-block duplicate set (MiningChannel.MAX_SEEN): refused until the next block. */
    static final String TOO_MANY_SHARES = "too-many-shares";
    static final String BAD_EXTRANONCE_SIZE = "bad-extranonce-size";
    static final String VERSION_ROLLING_NOT_ALLOWED = "version-rolling-not-allowed";
    static final String INVALID_NON_ROLLABLE_VERSION_BIT = "invalid-non-rollable-version-bit";
    static final String MINT_QUOTE_FAILED = "mint-quote-failed";
    static final String MINT_TIMEOUT = "mint-timeout";
    static final String MINT_BUSY = "mint-busy";
    static final String POOL_SHUTDOWN = "pool-shutdown";
    /** The mint could not be reached before the share's deadline (a remote mint's link was down). */
    static final String MINT_UNAVAILABLE = "mint-unavailable";

    /** What the miner is told when the mint refused its share's quote with {@code mintCode}. */
    static String forRefusal(String mintCode) {
        return switch (mintCode) {
            case MINT_UNAVAILABLE -> MINT_UNAVAILABLE;
            case "deadline-passed", MINT_TIMEOUT -> MINT_TIMEOUT;
            default -> MINT_QUOTE_FAILED;
        };
    }

    static final String UNSUPPORTED_PROTOCOL = "unsupported-protocol";
    static final String PROTOCOL_VERSION_MISMATCH = "protocol-version-mismatch";
    static final String UNSUPPORTED_FEATURE_FLAGS = "unsupported-feature-flags";

    static final String INVALID_USER_IDENTITY = "invalid-user-identity";
    static final String INVALID_NOMINAL_HASHRATE = "invalid-nominal-hashrate";
    static final String MAX_TARGET_OUT_OF_RANGE = "max-target-out-of-range";
    static final String MIN_EXTRANONCE_SIZE_TOO_LARGE = "min-extranonce-size-too-large";
    static final String MISSING_LOCKING_KEY = "missing-locking-key";
    static final String INVALID_LOCKING_KEY = "invalid-locking-key";

    private ShareError() {}
}
