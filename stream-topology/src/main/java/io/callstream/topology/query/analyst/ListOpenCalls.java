package io.callstream.topology.query.analyst;

import io.callstream.service.ClientText;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.RecordQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** {@code GET /api/v1/calls/open}: calls still in progress, newest start first, a page at a time. */
final class ListOpenCalls implements AnalystEndpoint {

    private final RecordQueries queries;

    ListOpenCalls(RecordQueries queries) {
        this.queries = queries;
    }

    @Override
    public String path() {
        return "/api/v1/calls/open";
    }

    @Override
    public Set<String> parameters() {
        return Paging.PARAMETERS;
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        Paging paging = Paging.from(request.params());
        Cursor after = paging.cursor() == null ? null : decode(paging.cursor());
        return queries.openCalls(request.sdkAppId(), paging.request(after))
                .map(page -> RecordJson.page(page, page.next() == null ? null : page.next().encode()));
    }

    private static Cursor decode(String text) {
        try {
            return Cursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw AnalystException.badParameter("cursor " + ClientText.quoted(text) + " is not a nextCursor of "
                    + "/api/v1/calls/open; pass the previous page's nextCursor unchanged, or start again without cursor");
        }
    }
}
