package io.callstream.emulator.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A callback receiver for tests: records every request and answers what {@code policy} says. The default policy
 * mimics callstream's gateway closely enough for the emulator's tests: another app's sdkappid is refused (403,
 * 40300), everything else is acknowledged (stored or dead-lettered alike).
 */
public final class FakeReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String query, String command, String sdkAppId, String body, long atMs) {
    }

    /** An answer: HTTP status and ErrorCode. */
    public record Answer(int status, int errorCode) {
        public static final Answer OK = new Answer(200, 0);
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeReceiver(Vertx vertx, Function<Received, Answer> policy) {
        this.server = vertx.createHttpServer().requestHandler(req -> handle(req, policy));
    }

    public static FakeReceiver start(Vertx vertx, Function<Received, Answer> policy) {
        FakeReceiver receiver = new FakeReceiver(vertx, policy);
        receiver.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        return receiver;
    }

    /** Like callstream's gateway: refuses an sdkappid other than {@code sdkAppId}, acknowledges the rest. */
    public static FakeReceiver gatewayLike(Vertx vertx, long sdkAppId) {
        return start(vertx, r -> String.valueOf(sdkAppId).equals(r.sdkAppId()) ? Answer.OK : new Answer(403, 40300));
    }

    private void handle(HttpServerRequest req, Function<Received, Answer> policy) {
        req.body().onSuccess(body -> {
            Received r = new Received(req.query(), req.getParam("command"), req.getParam("sdkappid"), body.toString(),
                    System.currentTimeMillis());
            received.add(r);
            Answer answer = policy.apply(r);
            req.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                    .end("{\"ErrorCode\":" + answer.errorCode() + ",\"ErrorMessage\":\"" + (answer.errorCode() == 0 ? "Success" : "fail") + "\"}");
        });
    }

    public String address() {
        return "http://127.0.0.1:" + server.actualPort() + "/callback";
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
