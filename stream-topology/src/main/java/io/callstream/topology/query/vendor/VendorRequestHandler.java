package io.callstream.topology.query.vendor;

import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.AuthResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every vendor API does with a request, in this order: common parameters and admin authentication (70001-70004),
 * the app's rate limit (70005), the body (70009), then the endpoint's own checks (70001) and answer. Every outcome is
 * HTTP 200 with the API's envelope, as the vendor's APIs answer.
 *
 * <p>Only authenticated requests spend the app's rate budget, so that nobody without the app's key can exhaust it.
 */
final class VendorRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VendorRequestHandler.class);

    private final VendorEndpoint endpoint;
    private final AdminAuth auth;
    private final VendorApiMetrics metrics;
    private final Duration timeout;

    VendorRequestHandler(VendorEndpoint endpoint, AdminAuth auth, VendorApiMetrics metrics, Duration timeout) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String requestId = endpoint.envelope().newRequestId();
        process(ctx).onComplete(ar -> {
            if (ar.succeeded()) {
                respond(ctx, started, requestId, 0, endpoint.envelope().success(requestId, ar.result()));
            } else {
                fail(ctx, started, requestId, ar.cause());
            }
        });
    }

    /** The route's failure handler: the body handler refused the body (too large), or a handler threw. */
    void handleFailure(RoutingContext ctx) {
        long started = System.nanoTime();
        String requestId = endpoint.envelope().newRequestId();
        Throwable cause = ctx.failure();
        if (cause == null) {
            cause = new ApiError(VendorError.UNPARSABLE_BODY, ctx.statusCode() == 413
                    ? "the body exceeds " + VendorQueryRoutes.MAX_BODY_BYTES + " bytes"
                    : "the request body could not be read (HTTP " + ctx.statusCode() + ")");
        }
        fail(ctx, started, requestId, cause);
    }

    private Future<JsonObject> process(RoutingContext ctx) {
        try {
            AuthResult result = auth.authenticateQuery(name -> ctx.queryParams().get(name));
            if (result instanceof AuthResult.Denied denied) {
                throw new ApiError(VendorError.of(denied.error()), denied.message());
            }
            long sdkAppId = ((AuthResult.Granted) result).sdkAppId();
            if (!endpoint.rateLimiter().tryAcquire(sdkAppId)) {
                throw new ApiError(VendorError.RATE_LIMITED, "over " + endpoint.rateLimiter().ratePerSecond()
                        + " requests per second for sdkappid " + sdkAppId + " on " + endpoint.path() + "; slow down");
            }
            RequestBody body = RequestBody.parse(ctx.body().buffer());
            // The vendor's server gives up after 3 s; so do we, rather than leave a client waiting on a stuck store.
            // Vert.x fails a late answer with a java.util.concurrent.TimeoutException (fail() maps it to 101001).
            return endpoint.answer(sdkAppId, body).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // ApiError, or a store that threw instead of failing its future
            return Future.failedFuture(e);
        }
    }

    private void fail(RoutingContext ctx, long started, String requestId, Throwable cause) {
        VendorError error;
        String message;
        if (cause instanceof ApiError api) {
            error = api.error();
            message = api.getMessage();
        } else if (cause instanceof PageTooDeepException deep) {
            error = VendorError.INVALID_PARAMETER;
            message = "the page would end at record " + deep.end() + ", past the " + PageRequest.MAX_DEPTH
                    + " records that paging reaches; narrow the time range to read further (records come in start-time"
                    + " order)";
        } else if (cause instanceof QueryUnavailableException) {
            error = VendorError.INTERNAL_ERROR;
            message = "internal error, retry: the records are not available right now (rebalancing or restoring)";
            LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("api", endpoint.metricName())
                    .addKeyValue("reason", cause.getMessage()).log("query answered 101001: records unavailable");
        } else if (cause instanceof TimeoutException) {
            error = VendorError.INTERNAL_ERROR;
            message = "internal error, retry: no answer from the records within " + timeout.toMillis() + " ms";
            LOG.atWarn().addKeyValue("requestId", requestId).addKeyValue("api", endpoint.metricName())
                    .log("query timed out");
        } else {
            error = VendorError.INTERNAL_ERROR;
            message = "internal error, retry (requestId " + requestId + ")";
            LOG.atError().setCause(cause).addKeyValue("requestId", requestId).addKeyValue("api", endpoint.metricName())
                    .log("query failed");
        }
        respond(ctx, started, requestId, error.code(), endpoint.envelope().failure(requestId, error, message));
    }

    private void respond(RoutingContext ctx, long started, String requestId, int code, JsonObject body) {
        metrics.record(endpoint.metricName(), code, System.nanoTime() - started);
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("X-Request-Id", requestId) // as the gateway's answers, for log correlation
                .end(body.encode());
    }
}
