package io.callstream.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock and a monotonic nano clock that move only when a test moves them. Shared by every module's tests. */
public final class ManualClock extends Clock {

    private volatile Instant now;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public ManualClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    public void setEpochSecond(long seconds) {
        set(Instant.ofEpochSecond(seconds));
    }

    public void advance(Duration by) {
        advanceMillis(by.toMillis());
    }

    /** Moves both clocks. */
    public void advanceMillis(long millis) {
        now = now.plusMillis(millis);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // tests only read instants
    }
}
