package io.callstream.emulator.delivery;

import java.time.Duration;
import java.util.List;

/**
 * How the sender retries a callback that failed ({@code ErrorCode != 0}, an HTTP error status, or no answer): the
 * waits before each retry. The vendor's is 0 s, 1 s, 1 s, 2 s, 3 s, 5 s (protocol §1.5): up to 7 attempts over about
 * 12 s, then the callback is given up.
 */
public record RetrySchedule(List<Duration> waits) {

    /** The vendor's schedule, §1.5. */
    public static final RetrySchedule VENDOR = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)));

    /** One attempt, no retry. */
    public static final RetrySchedule NONE = new RetrySchedule(List.of());

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (waits.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("waits must not be negative: " + waits);
        }
    }

    /** The same number of retries with every wait multiplied by {@code factor}: tests run the shape, fast. */
    public RetrySchedule scaled(double factor) {
        if (!(factor >= 0)) {
            throw new IllegalArgumentException("factor must be >= 0, got " + factor);
        }
        return new RetrySchedule(waits.stream().map(w -> Duration.ofNanos(Math.round(w.toNanos() * factor))).toList());
    }

    /** The first attempt and every retry. */
    public int maxAttempts() {
        return waits.size() + 1;
    }

    /** The wait after the failure of attempt number {@code attempt} (1-based), before the next one. */
    public Duration waitAfter(int attempt) {
        return waits.get(attempt - 1);
    }
}
