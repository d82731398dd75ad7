package io.callstream.topology.query.vendor;

import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.http.ApiRoute;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.ext.web.RoutingContext;

/**
 * A {@link VendorEndpoint} in the request pipeline: the credentials are the vendor's admin query parameters
 * (70001-70004); once the app is admitted, the body (70009), then the endpoint's own checks and answer.
 */
final class VendorRoute implements ApiRoute {

    private final VendorEndpoint endpoint;
    private final AdminAuth auth;

    VendorRoute(VendorEndpoint endpoint, AdminAuth auth) {
        this.endpoint = endpoint;
        this.auth = auth;
    }

    @Override
    public String path() {
        return endpoint.path();
    }

    @Override
    public String name() {
        return endpoint.metricName();
    }

    @Override
    public AppRateLimiter rateLimiter() {
        return endpoint.rateLimiter();
    }

    @Override
    public Admission read(RoutingContext ctx) {
        return new Admission(auth.authenticateQuery(name -> ctx.queryParams().get(name)),
                sdkAppId -> endpoint.answer(sdkAppId, RequestBody.parse(ctx.body().buffer())));
    }
}
