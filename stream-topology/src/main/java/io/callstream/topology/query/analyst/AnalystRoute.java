package io.callstream.topology.query.analyst;

import io.callstream.topology.query.http.ApiRoute;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * An {@link AnalystEndpoint} in the request pipeline: its query parameters are read strictly first (an unknown one is
 * refused before anything else), then the credentials, from a bearer token or the query; all routes share one limiter.
 */
final class AnalystRoute implements ApiRoute {

    private final AnalystEndpoint endpoint;
    private final Set<String> accepted;
    private final AnalystAuthenticator authenticator;
    private final AppRateLimiter limiter;

    AnalystRoute(AnalystEndpoint endpoint, AnalystAuthenticator authenticator, AppRateLimiter limiter) {
        this.endpoint = endpoint;
        this.accepted = new HashSet<>(endpoint.parameters());
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    @Override
    public String path() {
        return endpoint.path();
    }

    @Override
    public String name() {
        return endpoint.path();
    }

    @Override
    public AppRateLimiter rateLimiter() {
        return limiter;
    }

    @Override
    public Admission read(RoutingContext ctx) {
        QueryParams params = new QueryParams(ctx.queryParams(), accepted);
        return new Admission(authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), params),
                sdkAppId -> endpoint.answer(new AnalystRequest(sdkAppId, params, ctx::pathParam)));
    }
}
