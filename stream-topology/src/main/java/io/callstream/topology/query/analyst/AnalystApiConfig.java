package io.callstream.topology.query.analyst;

import io.callstream.service.Env;
import java.time.Duration;

/**
 * Configuration of the analyst API, from environment variables. The admin account and the secret keys are shared
 * with the vendor-compatible APIs and come with the {@link io.callstream.topology.query.auth.AdminAuth} it is given;
 * the record retention is the topology's, read once by {@code StreamsAppConfig}.
 *
 * @param ratePerSecond requests per second per app and instance ({@code CALLSTREAM_RATE_ANALYST})
 * @param retention     how far back records are queryable, record-semantics R9 (the topology's record retention,
 *                      {@code CALLSTREAM_RECORD_RETENTION_MS}); earlier {@code from} values are raised to now minus this
 * @param timeout       how long a request may wait for the records before it is answered 503
 *                      ({@code CALLSTREAM_ANALYST_API_TIMEOUT_MS})
 * @param statsRetention how far back statistics are queryable, R9 (the topology's {@code CALLSTREAM_STATS_RETENTION_MS})
 */
public record AnalystApiConfig(int ratePerSecond, Duration retention, Duration timeout, Duration statsRetention) {

    public static final int DEFAULT_RATE = 200;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    /** Longer than the vendor APIs' 3 s: an analyst's range may span the whole retention. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATS_RETENTION = Duration.ofDays(365);

    public AnalystApiConfig {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be >= 1, was " + ratePerSecond);
        }
        if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("retention must be at least a second, was " + retention);
        }
        if (statsRetention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("statistics retention must be at least a second, was " + statsRetention);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public static AnalystApiConfig defaults() {
        return new AnalystApiConfig(DEFAULT_RATE, DEFAULT_RETENTION, DEFAULT_TIMEOUT, DEFAULT_STATS_RETENTION);
    }

    /**
     * @param retention      the topology's record retention: how long the records are kept is how far back they are queryable
     * @param statsRetention the topology's statistics retention, likewise
     */
    public static AnalystApiConfig from(Env env, Duration retention, Duration statsRetention) {
        return new AnalystApiConfig(
                env.positiveInt("CALLSTREAM_RATE_ANALYST", DEFAULT_RATE),
                retention,
                Duration.ofMillis(env.longValue("CALLSTREAM_ANALYST_API_TIMEOUT_MS", DEFAULT_TIMEOUT.toMillis(),
                        1, 600_000)),
                statsRetention);
    }
}
