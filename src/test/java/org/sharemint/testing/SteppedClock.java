package org.sharemint.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand (shared by the monitor and keyset-expiry tests). */
public final class SteppedClock extends Clock {
    private volatile long ms;

    public SteppedClock(long startMs) {
        this.ms = startMs;
    }

    public void advance(long byMs) {
        ms += byMs;
    }

    @Override
    public long millis() {
        return ms;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(ms);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
