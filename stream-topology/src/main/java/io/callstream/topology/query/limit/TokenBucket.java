package io.callstream.topology.query.limit;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code capacity} saved up. A request takes one token
 * or is refused. Thread-safe; the critical section is a few arithmetic operations, so a lock is cheaper than anything
 * cleverer at the rates involved (hundreds a second per app).
 *
 * <p>Tokens are counted in billionths (one token = 10^9 units, one nanosecond at rate r earns r units), so the
 * arithmetic is exact: no floating-point drift decides whether the 20th request of a second passes.
 */
public final class TokenBucket {

    private static final long UNIT = 1_000_000_000L;

    private final long rate;
    private final long capacityUnits;
    private final long fullAfterNanos;
    private final LongSupplier nanoTime;
    private long units;
    private long last;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own) */
    public TokenBucket(int ratePerSecond, int capacity, LongSupplier nanoTime) {
        if (ratePerSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("rate and capacity must be >= 1, were " + ratePerSecond + " and " + capacity);
        }
        this.rate = ratePerSecond;
        this.capacityUnits = capacity * UNIT;
        this.fullAfterNanos = capacityUnits / rate + 1; // beyond this the bucket is full anyway (and elapsed * rate could overflow)
        this.nanoTime = nanoTime;
        this.units = capacityUnits; // a fresh bucket is full: the first second's requests all pass
        this.last = nanoTime.getAsLong();
    }

    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) { // a clock that steps back refills nothing, rather than draining the bucket
            units = elapsed >= fullAfterNanos ? capacityUnits : Math.min(capacityUnits, units + elapsed * rate);
            last = now;
        }
        if (units >= UNIT) {
            units -= UNIT;
            return true;
        }
        return false;
    }
}
