package org.sharemint.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import org.sharemint.wire.Frame;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * One non-blocking connection of the {@link OpenLoopGenerator}. Sending side: a ring of
 * {@value #RING} SubmitSharesStandard frames encoded once from the channel's template; a submit
 * patches only the sequence number and nonce of its slot and writes what the socket takes (a
 * partial write is finished by the next one). Receiving side: reads into one buffer and looks
 * at each frame's header and the two or three fields it times; nothing is decoded into objects.
 *
 * <p>Latency counts from each submit's scheduled (due) time, stored in {@code dueAt} before the
 * write, so a sender that runs late is charged to the reply (coordinated omission corrected).
 * Threads: one sender thread owns the ring and the nonce source, one receiver thread owns the
 * input buffer and the counters; {@code dueAt} is the only state both touch.
 */
final class PacedEndpoint {
    static final long FREE = Long.MIN_VALUE;
    static final int RING = 256;
    private static final int SUBMIT_BYTES = Frame.HEADER_BYTES + SubmitSharesStandard.PAYLOAD_BYTES;
    private static final int SEQUENCE_OFFSET = Frame.HEADER_BYTES + 4;
    private static final int NONCE_OFFSET = Frame.HEADER_BYTES + 12;
    private static final int MAX_FRAME_BYTES = 1 << 20;

    final SocketChannel channel;
    private final IntSupplier nonces;
    private final ByteBuffer ring;
    private final ByteBuffer view;
    /** Bytes queued into / written from the ring since the start (sender-owned). */
    private long queued, written;
    private int nextSequence;
    private final AtomicLongArray dueAt = new AtomicLongArray(RING);
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private volatile boolean broken;

    /**
     * @param template the encoded SubmitSharesStandard frame of this channel (its sequence
     *     number and nonce are overwritten per submit)
     * @param buffered bytes already read from the socket but not yet parsed (from the set-up)
     */
    PacedEndpoint(SocketChannel channel, byte[] template, IntSupplier nonces, int firstSequence, byte[] buffered) throws IOException {
        if (template.length != SUBMIT_BYTES) throw new IllegalArgumentException("a submit frame is " + SUBMIT_BYTES + " bytes, got " + template.length);
        this.channel = channel;
        this.nonces = nonces;
        this.nextSequence = firstSequence;
        this.ring = ByteBuffer.allocateDirect(RING * SUBMIT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < RING; i++) ring.put(template);
        this.view = ring.duplicate();
        for (int i = 0; i < RING; i++) dueAt.set(i, FREE);
        in.put(buffered);
        in.flip();
        channel.configureBlocking(false);
    }

    boolean broken() {
        return broken;
    }

    /** Forgets submits a previous run left unanswered; returns how many. */
    int reset() {
        int n = 0;
        for (int i = 0; i < RING; i++) if (dueAt.getAndSet(i, FREE) != FREE) n++;
        return n;
    }

    /**
     * Sending side: one submit due at {@code due} (System.nanoTime). False when it cannot go:
     * the connection broke, or its slot is still unanswered or unwritten (the peer is a whole
     * ring behind).
     */
    boolean send(long due) {
        if (broken) return false;
        int seq = nextSequence;
        int slot = seq & (RING - 1);
        if (dueAt.get(slot) != FREE || queued - written > (long) (RING - 1) * SUBMIT_BYTES) return false;
        int at = (int) (queued / SUBMIT_BYTES % RING) * SUBMIT_BYTES; // the next frame to write, whatever the sequence number
        ring.putInt(at + SEQUENCE_OFFSET, seq);
        ring.putInt(at + NONCE_OFFSET, nonces.getAsInt());
        dueAt.set(slot, due); // before the write: the reply may come before write() returns
        nextSequence = seq + 1;
        queued += SUBMIT_BYTES;
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
        return true;
    }

    /** Writes what is queued, in one or two pieces (the ring wraps), as far as the socket takes it. */
    void flush() throws IOException {
        int capacity = RING * SUBMIT_BYTES;
        while (written < queued) {
            int off = (int) (written % capacity);
            int len = (int) Math.min(queued - written, capacity - off);
            view.limit(off + len).position(off);
            int n = channel.write(view);
            written += n;
            if (n < len) return;
        }
    }

    boolean unwritten() {
        return written < queued;
    }

    /** What the receiving side counts; one per receiver thread, merged at the end. */
    static final class Tally {
        final LatencyHistogram latency = new LatencyHistogram();
        final java.util.Map<String, Long> errors = new java.util.HashMap<>();
        long accepted, quotes, targetChanges, newJobs, answered;
        String failure;
        int failures;
    }

    /**
     * Receiving side: reads what the socket has and accounts every whole frame. Replies count
     * into {@code t} only when they arrive inside [measureStart, measureEnd). Returns the number
     * of submits answered; -1 at end of stream or on a malformed frame (the connection is dead).
     */
    int receive(long measureStart, long measureEnd, Tally t) {
        int answered = 0;
        try {
            in.compact();
            int r = channel.read(in);
            in.flip();
            long now = System.nanoTime();
            Tally measured = now >= measureStart && now < measureEnd ? t : null;
            while (in.remaining() >= Frame.HEADER_BYTES) {
                int p = in.position();
                int extension = in.getShort(p) & 0xFFFF & ~Frame.CHANNEL_BIT;
                int type = in.get(p + 2) & 0xFF;
                int length = (in.get(p + 3) & 0xFF) | (in.get(p + 4) & 0xFF) << 8 | (in.get(p + 5) & 0xFF) << 16;
                if (length > MAX_FRAME_BYTES) throw new IOException("frame of " + length + " bytes");
                if (in.remaining() < Frame.HEADER_BYTES + length) {
                    if (in.capacity() < Frame.HEADER_BYTES + length) grow(Frame.HEADER_BYTES + length);
                    break;
                }
                int payload = p + Frame.HEADER_BYTES;
                if (extension == 0 && type == SubmitSharesSuccess.MSG_TYPE && length >= 12) {
                    int count = in.getInt(payload + 8);
                    int done = completeSuccess(in.getInt(payload + 4), count, now, measured);
                    answered += done;
                    if (measured != null) measured.accepted += count;
                } else if (extension == 0 && type == SubmitSharesError.MSG_TYPE && length >= 9) {
                    answered += complete(in.getInt(payload + 4), now, measured);
                    if (measured != null) measured.errors.merge(errorCode(payload + 8, length - 8), 1L, Long::sum);
                } else if (extension != 0 && type == ShareQuote.MSG_TYPE) {
                    if (measured != null) measured.quotes++;
                } else if (extension == 0 && type == SetTarget.MSG_TYPE) {
                    t.targetChanges++;
                } else if (extension == 0 && (type == NewMiningJob.MSG_TYPE || type == SetNewPrevHash.MSG_TYPE)) {
                    t.newJobs++;
                }
                in.position(payload + length);
            }
            t.answered += answered;
            if (r < 0) throw new IOException("peer closed the connection");
            return answered;
        } catch (IOException | RuntimeException e) {
            broken = true;
            t.failures++;
            if (t.failure == null) t.failure = e.toString();
            t.answered += answered;
            return -1;
        }
    }

    private String errorCode(int at, int available) {
        int n = Math.min(in.get(at) & 0xFF, available - 1);
        byte[] b = new byte[n];
        in.get(at + 1, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private void grow(int need) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, in.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(in);
        bigger.flip();
        in = bigger;
    }

    /**
     * A success covers new_submits_accepted_count submits: last_sequence_number and then the
     * newest pending ones below it (the paced modes answer share by share, so it is one).
     */
    private int completeSuccess(int last, int count, long now, Tally t) {
        int done = complete(last, now, t);
        for (int seq = last - 1; done < count && seq != last - RING; seq--) done += complete(seq, now, t);
        return done;
    }

    /** Records now - due for the submit with this sequence number, if it is pending. */
    int complete(int seq, long now, Tally t) {
        int slot = seq & (RING - 1);
        long due = dueAt.get(slot);
        if (due == FREE) return 0;
        dueAt.set(slot, FREE);
        if (t != null) t.latency.record(now - due);
        return 1;
    }

    /** Submits sent and not answered. */
    int pending() {
        int n = 0;
        for (int i = 0; i < RING; i++) if (dueAt.get(i) != FREE) n++;
        return n;
    }
}
