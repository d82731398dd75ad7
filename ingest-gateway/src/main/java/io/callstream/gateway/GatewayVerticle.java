package io.callstream.gateway;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.service.OpsRoutes;
import io.callstream.service.http.ConnectionGuard;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** One HTTP server on one event loop; the gateway deploys one per event loop, all sharing the port. */
final class GatewayVerticle extends VerticleBase {

    private final GatewayConfig config;
    private final CallbackRoutes callbacks;
    private final Supplier<OpsRoutes.Readiness> readiness;
    private final PrometheusMeterRegistry registry;
    private final ConnectionGuard guard;
    private HttpServer server;

    GatewayVerticle(GatewayConfig config, CallbackRoutes callbacks, Supplier<OpsRoutes.Readiness> readiness,
                    PrometheusMeterRegistry registry, ConnectionGuard guard) {
        this.config = config;
        this.callbacks = callbacks;
        this.readiness = readiness;
        this.registry = registry;
        this.guard = guard;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        OpsRoutes.mount(router, readiness, registry);
        callbacks.mount(router);
        return guard.listen(vertx, router, config.host(), config.port()).onSuccess(listening -> server = listening);
    }

    /** Stops accepting connections and lets requests in progress finish, up to the shutdown grace. */
    @Override
    public Future<?> stop() {
        guard.stop();
        return server == null ? Future.succeededFuture() : server.shutdown(config.shutdownGrace());
    }

    int actualPort() {
        return server.actualPort();
    }
}
