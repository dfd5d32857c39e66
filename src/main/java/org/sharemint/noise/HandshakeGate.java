package org.sharemint.noise;

/**
 * Bounds the responder's costly step (Act 2: three point multiplications): {@link #enter} is
 * called once Act 1 is in and returns a permit the responder closes after Act 2 is computed. A
 * gate may make the caller wait (until the handshake's deadline) or refuse with a NoiseException.
 */
public interface HandshakeGate {
    /** No bound. */
    HandshakeGate OPEN = deadlineNanos -> () -> {};

    /** @param deadlineNanos the handshake's deadline on System.nanoTime, or Long.MAX_VALUE for none */
    Permit enter(long deadlineNanos) throws NoiseException;

    /** Held while Act 2 is computed. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
