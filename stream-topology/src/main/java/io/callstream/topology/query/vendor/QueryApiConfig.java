package io.callstream.topology.query.vendor;

import io.callstream.service.Env;
import io.callstream.topology.query.auth.AdminAuth;
import java.time.Duration;

/**
 * Configuration of the vendor-compatible query APIs, from environment variables. Secret keys are not here: the
 * {@link io.callstream.topology.query.auth.SignatureCheck} holds them.
 *
 * @param adminIdentifier the admin account whose UserSig the APIs accept ({@code CALLSTREAM_ADMIN_IDENTIFIER})
 * @param rateByCallId    v1 get_record_by_callId requests per second per app and instance ({@code CALLSTREAM_RATE_BY_CALLID})
 * @param rateByFilter    v1 get_records_by_filter and v4 get_record_by_filter requests per second per app and
 *                        instance, each API its own budget ({@code CALLSTREAM_RATE_BY_FILTER})
 * @param timeout         how long a request may wait for the records before it is answered 101001
 *                        ({@code CALLSTREAM_VENDOR_API_TIMEOUT_MS}; the vendor's own server-side timeout is 3 s)
 */
public record QueryApiConfig(String adminIdentifier, int rateByCallId, int rateByFilter, Duration timeout) {

    /** The vendor's documented rates. */
    public static final int DEFAULT_RATE_BY_CALLID = 20;
    public static final int DEFAULT_RATE_BY_FILTER = 200;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public QueryApiConfig {
        if (adminIdentifier == null || adminIdentifier.isBlank()) {
            throw new IllegalArgumentException("the admin identifier must not be blank");
        }
        if (rateByCallId < 1 || rateByFilter < 1) {
            throw new IllegalArgumentException("rates must be >= 1, were " + rateByCallId + " and " + rateByFilter);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public static QueryApiConfig defaults() {
        return new QueryApiConfig(AdminAuth.DEFAULT_ADMIN_IDENTIFIER, DEFAULT_RATE_BY_CALLID, DEFAULT_RATE_BY_FILTER,
                DEFAULT_TIMEOUT);
    }

    public static QueryApiConfig from(Env env) {
        return new QueryApiConfig(
                env.string("CALLSTREAM_ADMIN_IDENTIFIER", AdminAuth.DEFAULT_ADMIN_IDENTIFIER),
                env.positiveInt("CALLSTREAM_RATE_BY_CALLID", DEFAULT_RATE_BY_CALLID),
                env.positiveInt("CALLSTREAM_RATE_BY_FILTER", DEFAULT_RATE_BY_FILTER),
                Duration.ofMillis(env.longValue("CALLSTREAM_VENDOR_API_TIMEOUT_MS", DEFAULT_TIMEOUT.toMillis(), 1, 60_000)));
    }
}
