package io.callstream.topology.query.http;

import io.callstream.topology.query.auth.AuthResult;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongFunction;

/**
 * One route of a query API, as {@link RequestPipeline} sees it: where it reads the credentials and what it answers to
 * an admitted request. Authentication's outcome, rate limiting, the deadline, errors and the response are the
 * pipeline's.
 */
public interface ApiRoute {

    /** The route's path as Vert.x writes it. */
    String path();

    /** The route in logs and metrics, e.g. {@code v1.get_record_by_callId} or the path. */
    String name();

    /** The route's per-app budget, spent only by authenticated requests. */
    AppRateLimiter rateLimiter();

    /**
     * Reads the request's credentials, and what must be valid before them; throws the API's client error when that
     * is malformed.
     */
    Admission read(RoutingContext ctx);

    /**
     * A request whose credentials have been read.
     *
     * @param answer the payload of a successful answer for the authenticated, rate-checked app; bad input throws, or
     *               fails the future with, the API's client error
     */
    record Admission(AuthResult credentials, LongFunction<Future<JsonObject>> answer) {
    }
}
