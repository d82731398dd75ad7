package io.callstream.topology.query.analyst;

import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.service.RequestIds;
import io.callstream.topology.query.auth.AuthResult;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every analyst route does around its {@link AnalystEndpoint}: a request id, authentication, the per-app rate
 * limit, a deadline for the records, and the JSON response, success or error. Every response carries
 * {@code X-Request-Id}; errors also carry it in their body, and it is in the log line of a failure of ours.
 */
final class AnalystRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AnalystRequestHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    /** Seconds a client should wait after 429 or 503: a token refills within it, a rebalance often settles. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final AnalystEndpoint endpoint;
    private final Set<String> accepted;
    private final AnalystAuthenticator authenticator;
    private final AppRateLimiter limiter;
    private final Duration timeout;

    AnalystRequestHandler(AnalystEndpoint endpoint, AnalystAuthenticator authenticator, AppRateLimiter limiter,
                          Duration timeout) {
        this.endpoint = endpoint;
        this.accepted = new HashSet<>(endpoint.parameters());
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.timeout = timeout;
    }

    void handle(RoutingContext ctx) {
        String requestId = RequestIds.hex32();
        ctx.response().putHeader("X-Request-Id", requestId);
        Future<JsonObject> answer;
        try {
            answer = within(answer(ctx));
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        // The records may come back on another thread (a remote instance's answer); respond on the request's own.
        Context context = ctx.vertx().getOrCreateContext();
        answer.onComplete(result -> context.runOnContext(v -> {
            if (result.succeeded()) {
                ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .end(result.result().encode());
            } else {
                fail(ctx, requestId, result.cause());
            }
        }));
    }

    /** Authenticates, spends a token of the app's budget, and asks the endpoint. */
    private Future<JsonObject> answer(RoutingContext ctx) {
        return endpoint.answer(authorized(ctx));
    }

    /** The request as the endpoint sees it, once authenticated and within the app's rate; else throws. */
    AnalystRequest authorized(RoutingContext ctx) {
        QueryParams params = new QueryParams(ctx.queryParams(), accepted);
        AuthResult auth = authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), params);
        if (auth instanceof AuthResult.Denied denied) {
            throw new ApiException(ApiError.of(denied.error()), denied.message());
        }
        long app = ((AuthResult.Granted) auth).sdkAppId();
        if (!limiter.tryAcquire(app)) {
            throw new ApiException(ApiError.RATE_LIMITED, "more than " + limiter.ratePerSecond()
                    + " requests a second for app " + app + "; retry after " + RETRY_AFTER_SECONDS + " s");
        }
        return new AnalystRequest(app, params, ctx::pathParam);
    }

    /**
     * Fails with {@link QueryUnavailableException} when the records are not there within the timeout. Vert.x fails a
     * late answer with a {@link TimeoutException} of its own; a failure of the answer itself passes unchanged.
     */
    private Future<JsonObject> within(Future<JsonObject> answer) {
        return answer.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).recover(e -> Future.failedFuture(
                e instanceof TimeoutException && e != answer.cause() ? new QueryUnavailableException(
                        "the answer did not arrive within " + timeout.toMillis() + " ms") : e));
    }

    /** Answers the failure of a request with its JSON error. */
    static void fail(RoutingContext ctx, String requestId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            respond(ctx, requestId, api.error(), api.getMessage());
        } else if (cause instanceof PageTooDeepException deep) {
            respond(ctx, requestId, ApiError.BAD_PARAMETER, "page would end at record " + deep.end() + ", past the "
                    + PageRequest.MAX_DEPTH + " records that page numbers reach; follow nextCursor to read further");
        } else if (cause instanceof QueryUnavailableException) {
            // Expected during rebalances, and then for every request: Streams' own state log says why, once.
            LOG.atDebug().addKeyValue("requestId", requestId).addKeyValue("path", ctx.normalizedPath())
                    .log("analyst query unavailable: {}", cause.getMessage());
            respond(ctx, requestId, ApiError.UNAVAILABLE, "the answer cannot be complete right now ("
                    + cause.getMessage() + "); retry after " + RETRY_AFTER_SECONDS + " s");
        } else {
            LOG.atError().setCause(cause).addKeyValue("requestId", requestId).addKeyValue("path", ctx.normalizedPath())
                    .log("analyst request failed");
            respond(ctx, requestId, ApiError.INTERNAL, "internal error; if it persists, report requestId "
                    + requestId);
        }
    }

    private static void respond(RoutingContext ctx, String requestId, ApiError error, String message) {
        var response = ctx.response().setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (error.retryable()) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (error.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(new JsonObject().put("errorCode", error.code()).put("errorMessage", message)
                .put("requestId", requestId).encode());
    }
}
