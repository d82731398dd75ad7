package io.callstream.bench.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The benchmark's ceiling: a Vert.x server with the gateway's routing and body handling that answers the success
 * JSON at once, storing nothing. The gateway's throughput divided by this one's is what Kafka durability costs.
 */
public final class BareCallbackServer extends VerticleBase {

    private static final String OK = "{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}";

    private final int port;

    BareCallbackServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/healthz").handler(ctx -> ctx.end("{\"status\":\"UP\"}"));
        router.get("/readyz").handler(ctx -> ctx.end("{\"status\":\"READY\"}"));
        router.post("/callback").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(ctx ->
                ctx.response().putHeader("Content-Type", "application/json").end(OK));
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(router).listen(port, "127.0.0.1");
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("CALLSTREAM_GATEWAY_PORT", "8080"));
        int loops = Integer.parseInt(System.getenv().getOrDefault("CALLSTREAM_GATEWAY_EVENT_LOOPS", "2"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareCallbackServer(port), new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().join();
    }
}
