package io.callstream.gateway;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.gateway.server.ConnectionGuard;
import io.callstream.gateway.server.ServerLimits;
import io.callstream.service.OpsRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
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
        ServerLimits limits = config.serverLimits();
        // HTTP/1.1 only: the sender posts HTTP/1.1, and the limits and the guard count one request at a time per
        // connection, which HTTP/2's streams (h2c, on by default) would get around.
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                .setTcpNoDelay(true));
        guard.start(vertx);
        return server.connectionHandler(guard::connected)
                .requestHandler(guard.tracking(router))
                .listen(config.port(), config.host());
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
