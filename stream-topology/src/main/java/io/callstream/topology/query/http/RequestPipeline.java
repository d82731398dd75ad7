package io.callstream.topology.query.http;

import io.callstream.service.ClientText;
import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.auth.AuthResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every query API does with a request, in this order: read the credentials ({@link ApiRoute#read}), refuse them
 * when denied, spend a token of the app's budget (only authenticated requests spend it, so that nobody without the
 * app's key can exhaust it), ask the route within the deadline, and answer on the request's own thread.
 *
 * <p>Every failure is classified the same way for every API, after unwrapping {@link CompletionException} and
 * {@link ExecutionException}: the API's client error (and {@link PageTooDeepException}) is a refusal, logged at DEBUG
 * with its message cut short; {@link QueryUnavailableException} and the deadline are "retry", logged at WARN; anything
 * else is a fault of ours, logged at ERROR with its stack trace. The API's {@link ApiConventions} only words them.
 * Every answer carries {@code X-Request-Id}, and every log line the same id.
 */
public final class RequestPipeline<E extends RuntimeException> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
    private static final String JSON = "application/json; charset=utf-8";
    /** How much of a refusal's message a DEBUG line shows: enough to tell refusals apart, bounded per request. */
    private static final int LOGGED_MESSAGE_CHARS = 200;

    private final ApiConventions<E> api;
    private final ApiRoute route;
    private final Duration deadline;

    public RequestPipeline(ApiConventions<E> api, ApiRoute route, Duration deadline) {
        this.api = api;
        this.route = route;
        this.deadline = deadline;
    }

    /** The route's handler. */
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String requestId = api.newRequestId();
        Future<JsonObject> answer;
        try {
            answer = withinDeadline(admit(ctx));
        } catch (RuntimeException e) { // a client error, or a route or store that threw instead of failing its future
            answer = Future.failedFuture(e);
        }
        // The records may come back on another thread (a worker, a remote instance's answer); respond on the request's.
        Context context = ctx.vertx().getOrCreateContext();
        answer.onComplete(result -> context.runOnContext(v -> respond(ctx, started, requestId, result.succeeded()
                ? api.success(requestId, result.result())
                : failure(ctx, requestId, result.cause()))));
    }

    /** The route this pipeline answers for. */
    public ApiRoute route() {
        return route;
    }

    /** Answers a request that failed before the route's handler could (e.g. a body the body handler refused). */
    public void fail(RoutingContext ctx, Throwable failure) {
        long started = System.nanoTime();
        String requestId = api.newRequestId();
        respond(ctx, started, requestId, failure(ctx, requestId, failure));
    }

    private Future<JsonObject> admit(RoutingContext ctx) {
        ApiRoute.Admission admission = route.read(ctx);
        AuthResult credentials = admission.credentials();
        if (credentials instanceof AuthResult.Denied denied) {
            throw api.denied(denied);
        }
        long sdkAppId = ((AuthResult.Granted) credentials).sdkAppId();
        if (!route.rateLimiter().tryAcquire(sdkAppId)) {
            throw api.rateLimited(route, sdkAppId);
        }
        return admission.answer().apply(sdkAppId);
    }

    /**
     * Fails with {@link DeadlinePassed} when the answer is not there in time. Vert.x fails a late answer with a
     * {@link TimeoutException} of its own; a failure of the answer itself, a TimeoutException included, passes as is.
     */
    private Future<JsonObject> withinDeadline(Future<JsonObject> answer) {
        return answer.timeout(deadline.toMillis(), TimeUnit.MILLISECONDS).recover(e -> Future.failedFuture(
                e instanceof TimeoutException && e != answer.cause() ? new DeadlinePassed() : e));
    }

    private Answer failure(RoutingContext ctx, String requestId, Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof PageTooDeepException deep) {
            cause = api.tooDeep(deep);
        }
        if (api.clientError().isInstance(cause)) {
            LOG.atDebug().addKeyValue("requestId", requestId).addKeyValue("route", route.name())
                    .addKeyValue("path", ctx.normalizedPath())
                    .log("query refused: {}", ClientText.cut(String.valueOf(cause.getMessage()), LOGGED_MESSAGE_CHARS));
            return api.refused(requestId, api.clientError().cast(cause));
        }
        if (cause instanceof DeadlinePassed) {
            LOG.atWarn().addKeyValue("requestId", requestId).addKeyValue("route", route.name())
                    .addKeyValue("path", ctx.normalizedPath())
                    .log("query answered retry: no answer within {} ms", deadline.toMillis());
            return api.timedOut(requestId, deadline);
        }
        if (cause instanceof QueryUnavailableException unavailable) {
            // The reason is ours and says enough; a stack trace only when something beneath it failed.
            LOG.atWarn().setCause(unavailable.getCause()).addKeyValue("requestId", requestId)
                    .addKeyValue("route", route.name()).addKeyValue("path", ctx.normalizedPath())
                    .log("query answered retry: {}", unavailable.getMessage());
            return api.unavailable(requestId, unavailable);
        }
        LOG.atError().setCause(cause).addKeyValue("requestId", requestId).addKeyValue("route", route.name())
                .addKeyValue("path", ctx.normalizedPath()).log("query failed");
        return api.internal(requestId);
    }

    /** The failure a future or a blocking call wrapped: {@code join()} and {@code get()} wrap what failed. */
    static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void respond(RoutingContext ctx, long started, String requestId, Answer answer) {
        api.answered(route, answer.code(), System.nanoTime() - started);
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader("X-Request-Id", requestId);
        answer.headers().forEach(response::putHeader);
        response.end(answer.body().encode());
    }

    /** The deadline passed before the answer arrived; no stack trace, it is an outcome, not a fault. */
    private static final class DeadlinePassed extends RuntimeException {

        DeadlinePassed() {
            super(null, null, false, false);
        }
    }
}
