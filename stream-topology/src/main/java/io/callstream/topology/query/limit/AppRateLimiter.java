package io.callstream.topology.query.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One API's rate limit, per app, in this process: a {@link TokenBucket} per SDKAppID holding one second's worth of
 * requests, so a client may burst up to the documented per-second rate and then sustain it.
 *
 * <p>Callers check only authenticated requests, so the map holds at most one bucket per app this service serves: an
 * unauthenticated client can neither grow it nor spend an app's budget.
 */
public final class AppRateLimiter {

    private final int ratePerSecond;
    private final LongSupplier nanoTime;
    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

    public AppRateLimiter(int ratePerSecond, LongSupplier nanoTime) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.nanoTime = nanoTime;
    }

    public boolean tryAcquire(long sdkAppId) {
        return buckets.computeIfAbsent(sdkAppId, app -> new TokenBucket(ratePerSecond, ratePerSecond, nanoTime)).tryAcquire();
    }

    public int ratePerSecond() {
        return ratePerSecond;
    }
}
