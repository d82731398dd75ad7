package io.callstream.topology.query.analyst;

import io.callstream.service.RequestIds;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.auth.AuthResult;
import io.callstream.topology.query.http.Answer;
import io.callstream.topology.query.http.ApiConventions;
import io.callstream.topology.query.http.ApiRoute;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the analyst API answers: the success body as it is, errors as {@code {errorCode, errorMessage, requestId}} with
 * the HTTP status of their {@link AnalystError}, {@code Retry-After} on those worth retrying and
 * {@code WWW-Authenticate} on 401.
 */
final class AnalystConventions implements ApiConventions<AnalystException> {

    /** Seconds a client should wait after 429 or 503: a token refills within it, a rebalance often settles. */
    static final int RETRY_AFTER_SECONDS = 1;

    @Override
    public Class<AnalystException> clientError() {
        return AnalystException.class;
    }

    @Override
    public String newRequestId() {
        return RequestIds.hex32();
    }

    @Override
    public AnalystException denied(AuthResult.Denied denied) {
        return new AnalystException(AnalystError.of(denied.error()), denied.message());
    }

    @Override
    public AnalystException rateLimited(ApiRoute route, long sdkAppId) {
        return new AnalystException(AnalystError.RATE_LIMITED, "more than " + route.rateLimiter().ratePerSecond()
                + " requests a second for app " + sdkAppId + "; retry after " + RETRY_AFTER_SECONDS + " s");
    }

    @Override
    public AnalystException tooDeep(PageTooDeepException deep) {
        return AnalystException.badParameter("page would end at record " + deep.end() + ", past the "
                + PageRequest.MAX_DEPTH + " records that page numbers reach; follow nextCursor to read further");
    }

    @Override
    public Answer success(String requestId, JsonObject payload) {
        return new Answer(200, 0, payload);
    }

    @Override
    public Answer refused(String requestId, AnalystException error) {
        return failure(requestId, error.error(), error.getMessage());
    }

    @Override
    public Answer unavailable(String requestId, QueryUnavailableException cause) {
        return retry(requestId, cause.getMessage());
    }

    @Override
    public Answer timedOut(String requestId, Duration deadline) {
        return retry(requestId, "the answer did not arrive within " + deadline.toMillis() + " ms");
    }

    @Override
    public Answer internal(String requestId) {
        return failure(requestId, AnalystError.INTERNAL, "internal error; if it persists, report requestId "
                + requestId);
    }

    private static Answer retry(String requestId, String reason) {
        return failure(requestId, AnalystError.UNAVAILABLE, "the answer cannot be complete right now (" + reason
                + "); retry after " + RETRY_AFTER_SECONDS + " s");
    }

    private static Answer failure(String requestId, AnalystError error, String message) {
        Map<String, String> headers = new HashMap<>();
        if (error.retryable()) {
            headers.put(HttpHeaders.RETRY_AFTER.toString(), Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (error.status() == 401) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        return new Answer(error.status(), error.code(), new JsonObject().put("errorCode", error.code())
                .put("errorMessage", message).put("requestId", requestId), headers);
    }
}
