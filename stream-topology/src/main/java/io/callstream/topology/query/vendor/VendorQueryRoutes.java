package io.callstream.topology.query.vendor;

import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.http.RequestPipeline;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The vendor-compatible records APIs (docs/query-api.md), served from our own records:
 * <ul>
 *   <li>{@code POST /v1/records/get_record_by_callId}</li>
 *   <li>{@code POST /v1/records/get_records_by_filter}</li>
 *   <li>{@code POST /v4/call_record_http_srv/get_record_by_filter}</li>
 * </ul>
 * {@link #mount} puts them on a router; other methods on these paths get the router's 405, other paths its 404.
 */
public final class VendorQueryRoutes {

    /** The vendor's requests are a few hundred bytes; anything near this is not one of them. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final List<VendorEndpoint> endpoints;
    private final AdminAuth auth;
    private final VendorApiMetrics metrics;
    private final QueryApiConfig config;

    public VendorQueryRoutes(QueryApiConfig config, RecordQueries queries, AdminAuth auth, MeterRegistry registry) {
        this(config, queries, auth, registry, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param clock    wall time, for the default time ranges
     * @param nanoTime a monotonic clock, for the rate limits
     */
    public VendorQueryRoutes(QueryApiConfig config, RecordQueries queries, AdminAuth auth, MeterRegistry registry,
                             Clock clock, LongSupplier nanoTime) {
        this.config = config;
        this.auth = auth;
        this.metrics = new VendorApiMetrics(registry);
        this.endpoints = List.of(
                new GetRecordByCallId(queries, new AppRateLimiter(config.rateByCallId(), nanoTime)),
                new GetRecordsByFilter(queries, new AppRateLimiter(config.rateByFilter(), nanoTime), clock),
                new V4GetRecordByFilter(queries, new AppRateLimiter(config.rateByFilter(), nanoTime), clock));
    }

    public void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        for (VendorEndpoint endpoint : endpoints) {
            var pipeline = new RequestPipeline<>(new VendorConventions(endpoint.envelope(), metrics),
                    new VendorRoute(endpoint, auth), config.timeout());
            router.post(endpoint.path()).handler(body).handler(pipeline::handle)
                    .failureHandler(ctx -> pipeline.fail(ctx, failure(ctx)));
        }
    }

    /** Why a route failed: the body handler refused the body (too large, unreadable), or a handler threw. */
    private static Throwable failure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            return ctx.failure();
        }
        return new VendorException(VendorError.UNPARSABLE_BODY, ctx.statusCode() == 413
                ? "the body exceeds " + MAX_BODY_BYTES + " bytes"
                : "the request body could not be read (HTTP " + ctx.statusCode() + ")");
    }
}
