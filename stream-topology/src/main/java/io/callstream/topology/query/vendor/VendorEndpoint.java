package io.callstream.topology.query.vendor;

import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One vendor API: where it lives, how it wraps answers, its rate limit, and what it answers to an authenticated,
 * admitted request. Everything else (authentication, rate limiting, body parsing, errors, metrics) is the request
 * pipeline's ({@link VendorRoute}, {@link VendorConventions}), the same for every API.
 */
interface VendorEndpoint {

    String path();

    /** The {@code api} tag of the metrics, e.g. {@code v1.get_record_by_callId}. */
    String metricName();

    Envelope envelope();

    AppRateLimiter rateLimiter();

    /**
     * The payload of a successful answer ({@code data} or {@code Response}); fails with {@link VendorException}
     * otherwise.
     */
    Future<JsonObject> answer(long sdkAppId, RequestBody body);
}
