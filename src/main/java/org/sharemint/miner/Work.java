package org.sharemint.miner;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.bitcoin.Bitcoin;

/**
 * One job to hash under one target: the header fields of an active job and how the search space
 * is widened once the 2^32 nonces of one header are used. Immutable except for the chunk
 * counter, through which the hashing threads divide the space without talking to each other.
 *
 * <p>The space is cut into chunks of {@value #NONCES_PER_CHUNK} nonces. Chunk {@code c} hashes
 * nonces {@code (c mod 2^16) * 2^16 ...} of roll {@code c / 2^16}: on a standard channel a roll
 * adds one second to ntime (the merkle root is the pool's), on an extended channel it is the
 * extranonce counter (a new coinbase, so a new merkle root).
 */
public final class Work {
    static final int NONCES_PER_CHUNK = 1 << 16;
    static final int CHUNKS_PER_ROLL = 1 << 16;

    private final long id;
    private final int channelId;
    private final int jobId;
    private final int version;
    private final byte[] prevHash;
    private final int nbits;
    private final int ntime;
    private final byte[] target;
    private final byte[] merkleRoot; // standard channels: fixed by the pool
    private final Coinbase coinbase; // extended channels: null on standard ones
    private final AtomicLong nextChunk;

    /**
     * The coinbase of an extended job split around the miner's extranonce.
     *
     * @param extranonceSize how many bytes the miner rolls (the pool's extranonce_size)
     */
    public record Coinbase(byte[] prefix, byte[] extranoncePrefix, int extranonceSize, byte[] suffix, List<byte[]> merklePath) {
        /** The extranonce of roll {@code roll}: its counter little-endian in the first bytes, zeros after. */
        byte[] extranonce(long roll) {
            byte[] e = new byte[extranonceSize];
            for (int i = 0; i < Math.min(8, extranonceSize); i++) e[i] = (byte) (roll >>> (8 * i));
            return e;
        }

        /** The largest roll the extranonce can count to (2^63 - 1 when 8 bytes or more). */
        long maxRoll() {
            return extranonceSize >= 8 ? Long.MAX_VALUE : (1L << (8 * extranonceSize)) - 1;
        }

        /** SHA256d of the coinbase, folded up the merkle path. */
        byte[] merkleRoot(byte[] extranonce) {
            return Bitcoin.coinbaseMerkleRoot(merklePath, prefix, extranoncePrefix, extranonce, suffix);
        }
    }

    Work(long id, int channelId, int jobId, int version, byte[] prevHash, int nbits, int ntime, byte[] target, byte[] merkleRoot, Coinbase coinbase) {
        this(id, channelId, jobId, version, prevHash, nbits, ntime, target, merkleRoot, coinbase, new AtomicLong());
    }

    private Work(long id, int channelId, int jobId, int version, byte[] prevHash, int nbits, int ntime, byte[] target, byte[] merkleRoot,
                 Coinbase coinbase, AtomicLong nextChunk) {
        if (prevHash.length != 32 || target.length != 32) throw new IllegalArgumentException("prev hash and target are 32 bytes");
        if ((merkleRoot == null) == (coinbase == null)) throw new IllegalArgumentException("either a merkle root or a coinbase");
        this.id = id;
        this.channelId = channelId;
        this.jobId = jobId;
        this.version = version;
        this.prevHash = prevHash.clone();
        this.nbits = nbits;
        this.ntime = ntime;
        this.target = target.clone();
        this.merkleRoot = merkleRoot == null ? null : merkleRoot.clone();
        this.coinbase = coinbase;
        this.nextChunk = nextChunk;
    }

    /**
     * The same job under another target. It shares this work's chunk counter, so the threads go
     * on where they were instead of hashing (and submitting) the same headers again.
     */
    Work withTarget(byte[] newTarget, long newId) {
        return new Work(newId, channelId, jobId, version, prevHash, nbits, ntime, newTarget, merkleRoot, coinbase, nextChunk);
    }

    /** Increases with every new Work of a session, so a share can be told stale. */
    public long id() {
        return id;
    }

    public int channelId() {
        return channelId;
    }

    public int jobId() {
        return jobId;
    }

    public int version() {
        return version;
    }

    public int nbits() {
        return nbits;
    }

    public int ntime() {
        return ntime;
    }

    /** The share target, U256 little-endian (a copy). */
    public byte[] target() {
        return target.clone();
    }

    byte[] targetRef() {
        return target;
    }

    public boolean extended() {
        return coinbase != null;
    }

    /** Claims the next chunk of the space; -1 when it is used up (then wait for new work). */
    long claimChunk() {
        long c = nextChunk.getAndIncrement();
        long roll = c / CHUNKS_PER_ROLL;
        long maxRoll = coinbase != null ? coinbase.maxRoll() : 0xFFFF_FFFFL - Integer.toUnsignedLong(ntime);
        return roll > maxRoll ? -1 : c;
    }

    /** The ntime a header of this roll carries. */
    int ntimeOf(long roll) {
        return coinbase != null ? ntime : (int) (ntime + roll);
    }

    /** The extranonce of this roll (extended channels), else null. */
    byte[] extranonceOf(long roll) {
        return coinbase != null ? coinbase.extranonce(roll) : null;
    }

    /** Fills {@code header} (80 bytes) for this roll, nonce left as zero. */
    void fillHeader(byte[] header, long roll) {
        byte[] root = coinbase != null ? coinbase.merkleRoot(coinbase.extranonce(roll)) : merkleRoot;
        Bitcoin.fillHeader(header, version, prevHash, root, ntimeOf(roll), nbits, 0);
    }
}
