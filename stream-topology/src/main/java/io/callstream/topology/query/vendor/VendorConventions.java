package io.callstream.topology.query.vendor;

import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.auth.AuthResult;
import io.callstream.topology.query.http.Answer;
import io.callstream.topology.query.http.ApiConventions;
import io.callstream.topology.query.http.ApiRoute;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How a vendor API answers, in its own {@link Envelope} (v1 or v4): every outcome is HTTP 200 with the outcome's code
 * in the body, as the vendor's APIs answer; "retry" and faults of ours are both 101001, the vendor's only code for
 * them. Each answer's code and latency go to the metrics.
 */
final class VendorConventions implements ApiConventions<VendorException> {

    private final Envelope envelope;
    private final VendorApiMetrics metrics;

    VendorConventions(Envelope envelope, VendorApiMetrics metrics) {
        this.envelope = envelope;
        this.metrics = metrics;
    }

    @Override
    public Class<VendorException> clientError() {
        return VendorException.class;
    }

    @Override
    public String newRequestId() {
        return envelope.newRequestId();
    }

    @Override
    public VendorException denied(AuthResult.Denied denied) {
        return new VendorException(VendorError.of(denied.error()), denied.message());
    }

    @Override
    public VendorException rateLimited(ApiRoute route, long sdkAppId) {
        return new VendorException(VendorError.RATE_LIMITED, "over " + route.rateLimiter().ratePerSecond()
                + " requests per second for sdkappid " + sdkAppId + " on " + route.path() + "; slow down");
    }

    @Override
    public VendorException tooDeep(PageTooDeepException deep) {
        return new VendorException(VendorError.INVALID_PARAMETER, "the page would end at record " + deep.end()
                + ", past the " + PageRequest.MAX_DEPTH + " records that paging reaches; narrow the time range to read"
                + " further (records come in start-time order)");
    }

    @Override
    public Answer success(String requestId, JsonObject payload) {
        return new Answer(200, 0, envelope.success(requestId, payload));
    }

    @Override
    public Answer refused(String requestId, VendorException error) {
        return failure(requestId, error.error(), error.getMessage());
    }

    @Override
    public Answer unavailable(String requestId, QueryUnavailableException cause) {
        return failure(requestId, VendorError.INTERNAL_ERROR,
                "internal error, retry: the records are not available right now (rebalancing or restoring)");
    }

    @Override
    public Answer timedOut(String requestId, Duration deadline) {
        return failure(requestId, VendorError.INTERNAL_ERROR,
                "internal error, retry: no answer from the records within " + deadline.toMillis() + " ms");
    }

    @Override
    public Answer internal(String requestId) {
        return failure(requestId, VendorError.INTERNAL_ERROR, "internal error, retry (requestId " + requestId + ")");
    }

    @Override
    public void answered(ApiRoute route, int code, long nanos) {
        metrics.record(route.name(), code, nanos);
    }

    private Answer failure(String requestId, VendorError error, String message) {
        return new Answer(200, error.code(), envelope.failure(requestId, error, message));
    }
}
