package io.callstream.topology.query.analyst;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One {@code GET} route of the analyst API: what it reads from the request and the JSON it answers with.
 * Authentication, rate limiting, the timeout and all error responses are the request pipeline's ({@link AnalystRoute},
 * {@link AnalystConventions}).
 */
interface AnalystEndpoint {

    /** The route's path as Vert.x writes it ({@code :name} for a path parameter). */
    String path();

    /** The query parameters it accepts besides the credentials. */
    Set<String> parameters();

    /**
     * The response body of a successful request (status 200). Bad input throws, or fails the future with, an
     * {@link AnalystException}; a missing record fails it with a {@link AnalystError#NOT_FOUND} one.
     */
    Future<JsonObject> answer(AnalystRequest request);
}
