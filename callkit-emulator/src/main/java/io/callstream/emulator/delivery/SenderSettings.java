package io.callstream.emulator.delivery;

import java.time.Duration;

/**
 * @param concurrency    requests in flight at once, at most (retries waiting for their turn do not count)
 * @param requestTimeout how long an attempt waits for an answer before it counts as failed
 * @param retries        the retry schedule; {@link RetrySchedule#VENDOR} unless a test scales it down
 */
public record SenderSettings(int concurrency, Duration requestTimeout, RetrySchedule retries) {

    public SenderSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
    }

    /** 64 in flight, 3 s per attempt (the vendor's own server-side timeout), the vendor's retry schedule. */
    public static SenderSettings defaults() {
        return new SenderSettings(64, Duration.ofSeconds(3), RetrySchedule.VENDOR);
    }

    public SenderSettings withConcurrency(int value) {
        return new SenderSettings(value, requestTimeout, retries);
    }

    public SenderSettings withRequestTimeout(Duration value) {
        return new SenderSettings(concurrency, value, retries);
    }

    public SenderSettings withRetries(RetrySchedule value) {
        return new SenderSettings(concurrency, requestTimeout, value);
    }
}
