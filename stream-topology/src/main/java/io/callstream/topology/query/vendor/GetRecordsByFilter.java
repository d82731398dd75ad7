package io.callstream.topology.query.vendor;

import io.callstream.topology.query.RecordPage;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * {@code POST /v1/records/get_records_by_filter}: one page of the records matching a filter, in start-time order,
 * {@code {"totalNum":n,"page":p,"callRecordList":[...]}}. 70011 only when nothing matches at all; a page past the end
 * is an empty list.
 */
final class GetRecordsByFilter implements VendorEndpoint {

    static final String PATH = "/v1/records/get_records_by_filter";

    private final RecordQueries queries;
    private final AppRateLimiter rateLimiter;
    private final Clock clock;
    private final Envelope envelope = new V1Envelope();

    GetRecordsByFilter(RecordQueries queries, AppRateLimiter rateLimiter, Clock clock) {
        this.queries = queries;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    @Override
    public Future<JsonObject> answer(long sdkAppId, RequestBody body) {
        V1FilterRequest request = V1FilterRequest.parse(sdkAppId, body, clock.instant().getEpochSecond());
        Future<RecordPage> page = request.emptyRange() ? Future.succeededFuture(RecordPage.empty())
                : queries.records(request.filter(), request.pageRequest());
        return page.map(found -> {
            if (found.totalNum() == 0) {
                throw new VendorException(VendorError.NO_RECORD, "no record found between " + request.filter().fromTs()
                        + " and " + request.filter().toTs() + " with these filters");
            }
            return new JsonObject()
                    .put("totalNum", found.totalNum())
                    .put("page", request.page())
                    .put("callRecordList", new JsonArray(found.records().stream().map(V1RecordJson::of).toList()));
        });
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String metricName() {
        return "v1.get_records_by_filter";
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
