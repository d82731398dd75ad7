package io.callstream.topology.query.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void burstsUpToCapacityThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(20, 20, nanos::get);
        assertThat(acquired(bucket, 25)).isEqualTo(20);
        advanceMillis(50); // one token at 20/s
        assertThat(acquired(bucket, 5)).isEqualTo(1);
        advanceMillis(49);
        assertThat(bucket.tryAcquire()).isFalse();
        advanceMillis(1);
        assertThat(bucket.tryAcquire()).isTrue();
    }

    @Test
    void sustainsTheRateOverTime() {
        TokenBucket bucket = new TokenBucket(200, 200, nanos::get);
        acquired(bucket, 200);
        int passed = 0;
        for (int ms = 0; ms < 10_000; ms++) { // ten seconds, a request every 0.1 ms
            for (int i = 0; i < 10; i++) {
                advanceMicros(100);
                passed += bucket.tryAcquire() ? 1 : 0;
            }
        }
        assertThat(passed).isBetween(1999, 2000);
    }

    @Test
    void savesNoMoreThanCapacity() {
        TokenBucket bucket = new TokenBucket(20, 20, nanos::get);
        advanceMillis(60_000);
        assertThat(acquired(bucket, 100)).isEqualTo(20);
    }

    @Test
    void aClockSteppingBackRefillsNothing() {
        TokenBucket bucket = new TokenBucket(20, 20, nanos::get);
        acquired(bucket, 20);
        advanceMillis(-10_000);
        assertThat(bucket.tryAcquire()).isFalse();
        advanceMillis(10_050); // back where it was, plus one token's worth after the last refill
        assertThat(acquired(bucket, 5)).isEqualTo(1);
    }

    @Test
    void limitsEachAppSeparately() {
        AppRateLimiter limiter = new AppRateLimiter(2, nanos::get);
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
        assertThat(limiter.tryAcquire(2)).isTrue();
        advanceMillis(500);
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppRateLimiter(0, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int acquired(TokenBucket bucket, int attempts) {
        int n = 0;
        for (int i = 0; i < attempts; i++) {
            n += bucket.tryAcquire() ? 1 : 0;
        }
        return n;
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private void advanceMicros(long us) {
        nanos.addAndGet(TimeUnit.MICROSECONDS.toNanos(us));
    }
}
