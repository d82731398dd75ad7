package io.callstream.topology.query.vendor;

import io.callstream.topology.query.RecordPage;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * {@code POST /v4/call_record_http_srv/get_record_by_filter}: the PascalCase variant,
 * {@code {"TotalNum":n,"Page":p,"CallRecordList":[...]}}. 101050 only when nothing matches at all; a page past the end
 * is an empty list.
 */
final class V4GetRecordByFilter implements VendorEndpoint {

    static final String PATH = "/v4/call_record_http_srv/get_record_by_filter";

    private final RecordQueries queries;
    private final AppRateLimiter rateLimiter;
    private final Clock clock;
    private final Envelope envelope = new V4Envelope();

    V4GetRecordByFilter(RecordQueries queries, AppRateLimiter rateLimiter, Clock clock) {
        this.queries = queries;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    @Override
    public Future<JsonObject> answer(long sdkAppId, RequestBody body) {
        V4FilterRequest request = V4FilterRequest.parse(sdkAppId, body, clock.instant().getEpochSecond());
        Future<RecordPage> page = request.emptyRange() ? Future.succeededFuture(RecordPage.empty())
                : queries.records(request.filter(), request.pageRequest());
        return page.map(found -> {
            if (found.totalNum() == 0) {
                throw new VendorException(VendorError.NO_CALL_RECORDS, "call records do not exist between "
                        + request.filter().fromTs() + " and " + request.filter().toTs() + " with these filters");
            }
            return new JsonObject()
                    .put("TotalNum", found.totalNum())
                    .put("Page", request.page())
                    .put("CallRecordList", new JsonArray(found.records().stream().map(V4RecordJson::of).toList()));
        });
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String metricName() {
        return "v4.get_record_by_filter";
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
