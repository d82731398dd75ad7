package io.callstream.topology.query.analyst;

import io.callstream.service.ClientText;
import io.callstream.topology.query.RecordQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * {@code GET /api/v1/calls/open/{callId}}: a call in progress with what is known of it so far ({@code state: open});
 * once it has finished, its record ({@code state: closed}), so that a client polling a call sees it end.
 */
final class GetOpenCall implements AnalystEndpoint {

    private final RecordQueries queries;

    GetOpenCall(RecordQueries queries) {
        this.queries = queries;
    }

    @Override
    public String path() {
        return "/api/v1/calls/open/:callId";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        long app = request.sdkAppId();
        String callId = request.pathParam().apply("callId");
        return queries.openCall(app, callId).compose(open -> open.isPresent() ? Future.succeededFuture(open)
                        : queries.record(app, callId))
                .map(record -> record.map(RecordJson::of).orElseThrow(() -> new AnalystException(AnalystError.NOT_FOUND,
                        "no call " + ClientText.quoted(callId) + " in app " + app + ", open or finished; check the "
                                + "callId (calls are known from their first callback)")));
    }
}
