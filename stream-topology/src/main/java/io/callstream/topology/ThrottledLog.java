package io.callstream.topology;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets a warning through at most once per interval, and says how many were held back since: a flood of bad records
 * must not become a flood of log lines (the metric counts every one).
 */
public final class ThrottledLog {

    private final long intervalMs;
    private final LongSupplier clock;
    private final AtomicLong nextAllowedMs = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong held = new AtomicLong();

    public ThrottledLog(long intervalMs, LongSupplier clock) {
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    public static ThrottledLog everyTenSeconds() {
        return new ThrottledLog(10_000, System::currentTimeMillis);
    }

    /**
     * @return -1 when this occurrence is held back; else how many were held back before it (to say in the line)
     */
    public long tryLog() {
        long now = clock.getAsLong();
        long next = nextAllowedMs.get();
        if (now < next || !nextAllowedMs.compareAndSet(next, now + intervalMs)) {
            held.incrementAndGet();
            return -1;
        }
        return held.getAndSet(0);
    }
}
