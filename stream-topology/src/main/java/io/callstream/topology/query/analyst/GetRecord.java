package io.callstream.topology.query.analyst;

import io.callstream.service.ClientText;
import io.callstream.topology.query.RecordQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** {@code GET /api/v1/records/{callId}}: one finished record, participants and all. */
final class GetRecord implements AnalystEndpoint {

    private final RecordQueries queries;

    GetRecord(RecordQueries queries) {
        this.queries = queries;
    }

    @Override
    public String path() {
        return "/api/v1/records/:callId";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        String callId = request.pathParam().apply("callId");
        return queries.record(request.sdkAppId(), callId).map(record -> record.map(RecordJson::of)
                .orElseThrow(() -> new AnalystException(AnalystError.NOT_FOUND, "no finished record of call "
                        + ClientText.quoted(callId) + " in app " + request.sdkAppId() + "; a call still in "
                        + "progress is at /api/v1/calls/open/{callId}, and records older than the retention are gone")));
    }
}
