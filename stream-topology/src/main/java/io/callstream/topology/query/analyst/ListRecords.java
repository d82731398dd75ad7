package io.callstream.topology.query.analyst;

import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.RecordPage;
import io.callstream.topology.query.RecordQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** {@code GET /api/v1/records}: finished records by start time, filtered, in either order, a page at a time. */
final class ListRecords implements AnalystEndpoint {

    private static final Set<String> PARAMETERS;

    static {
        Set<String> names = new HashSet<>(RecordFilterParams.PARAMETERS);
        names.addAll(Paging.PARAMETERS);
        PARAMETERS = Set.copyOf(names);
    }

    private final RecordQueries queries;
    private final Clock clock;
    private final Duration retention;

    ListRecords(RecordQueries queries, Clock clock, Duration retention) {
        this.queries = queries;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String path() {
        return "/api/v1/records";
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        QueryParams params = request.params();
        Paging paging = Paging.from(params);
        AnalystCursor cursor = paging.cursor() == null ? null : AnalystCursor.decode(paging.cursor());
        TimeRange range = TimeRange.resolve(params.single("from"), params.single("to"), cursor, clock.instant(),
                retention);
        RecordFilter filter = RecordFilterParams.read(request.sdkAppId(), range, params);
        Future<RecordPage> page = range.isEmpty() ? Future.succeededFuture(RecordPage.empty())
                : queries.records(filter, paging.request(cursor == null ? null : cursor.position()));
        return page.map(p -> RecordJson.page(p,
                        p.next() == null ? null : new AnalystCursor(p.next(), range.from(), range.to()).encode())
                .put("from", range.from())
                .put("to", range.to())
                .put("fromClamped", range.fromClamped()));
    }
}
