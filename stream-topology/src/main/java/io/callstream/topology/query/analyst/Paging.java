package io.callstream.topology.query.analyst;

import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.PageRequest;
import java.util.Set;

/**
 * The pagination parameters of a listing: {@code limit} records, from the start, after a {@code cursor} (stable while
 * records arrive) or at a 1-based {@code page} (simple, but a page's contents shift when records arrive before it).
 *
 * @param cursor the cursor text as given, null when absent
 * @param page   1-based, 1 when absent
 */
record Paging(int limit, String cursor, int page) {

    static final Set<String> PARAMETERS = Set.of("limit", "cursor", "page");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    static Paging from(QueryParams params) {
        int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String cursor = params.single("cursor");
        // The deepest page must still be an int offset (PageRequest's); nobody pages that far on purpose.
        int page = params.integer("page", 1, 1, Integer.MAX_VALUE / limit);
        if (cursor != null && params.single("page") != null) {
            throw AnalystException.badParameter("give either cursor or page, not both: cursor continues from the "
                    + "previous page's nextCursor, page counts from the start");
        }
        return new Paging(limit, cursor, page);
    }

    /** @param after the decoded cursor, null when the request has none */
    PageRequest request(Cursor after) {
        return after != null ? PageRequest.after(after, limit) : PageRequest.page(page, limit);
    }
}
