package io.callstream.topology.query.vendor;

import io.callstream.service.ClientText;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /v1/records/get_record_by_callId}, body {@code {"callId":"..."}}: the finished record of one call, or
 * 70011. A call still in progress has no record yet, so it is 70011 too.
 */
final class GetRecordByCallId implements VendorEndpoint {

    static final String PATH = "/v1/records/get_record_by_callId";

    private final RecordQueries queries;
    private final AppRateLimiter rateLimiter;
    private final Envelope envelope = new V1Envelope();

    GetRecordByCallId(RecordQueries queries, AppRateLimiter rateLimiter) {
        this.queries = queries;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Future<JsonObject> answer(long sdkAppId, RequestBody body) {
        String callId = body.requiredString("callId");
        return queries.record(sdkAppId, callId).map(found -> found.map(V1RecordJson::of)
                .orElseThrow(() -> new VendorException(VendorError.NO_RECORD, "no record found for callId " + ClientText.quoted(callId))));
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String metricName() {
        return "v1.get_record_by_callId";
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public AppRateLimiter rateLimiter() {
        return rateLimiter;
    }
}
