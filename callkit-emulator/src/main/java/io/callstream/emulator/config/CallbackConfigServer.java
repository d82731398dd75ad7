package io.callstream.emulator.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** The configuration API on its own HTTP port: {@code start}, then {@link #port()}, then {@link #close()}. */
public final class CallbackConfigServer implements AutoCloseable {

    private final HttpServer server;
    private final CallbackConfigStore store;

    private CallbackConfigServer(HttpServer server, CallbackConfigStore store) {
        this.server = server;
        this.store = store;
    }

    /** @param port 0 for any free port */
    public static Future<CallbackConfigServer> start(Vertx vertx, String host, int port, CallbackConfigStore store,
                                                     ConfigApiSettings settings) {
        Router router = Router.router(vertx);
        new CallbackConfigApi(store, settings).mount(router);
        return vertx.createHttpServer().requestHandler(router).listen(port, host)
                .map(server -> new CallbackConfigServer(server, store));
    }

    public int port() {
        return server.actualPort();
    }

    /** The configurations this server manages; the sender's {@link CallbackTarget}. */
    public CallbackConfigStore store() {
        return store;
    }

    public Future<Void> stop() {
        return server.close();
    }

    @Override
    public void close() {
        stop().toCompletionStage().toCompletableFuture().join();
    }
}
