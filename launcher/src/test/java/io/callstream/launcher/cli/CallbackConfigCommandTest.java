package io.callstream.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.launcher.callback.CallbackConfigOperation;
import io.callstream.schemas.CallbackCommand;
import io.callstream.service.usersig.UserSigVerifier;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code callback-config} against a stand-in for the vendor's configuration API that records what it receives. */
class CallbackConfigCommandTest {

    private static final String KEY = "vendor-secret-key";

    private record Received(String method, String path, MultiMap query, String contentType, JsonObject body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String answer = "{\"errorCode\":0,\"errorMessage\":\"Success\",\"requestId\":\"a1d8543a9b1daef5d0f0c21517a4bc0a\",\"data\":\"x\"}";
    private HttpServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startVendor() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.method().name(), request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
                    request.getHeader("Content-Type"), body.toJsonObject()));
            request.response().putHeader("Content-Type", "application/json").end(answer);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stopVendor() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void setSendsTheAddressAndAll25ActionsSignedAsTheAdmin() {
        assertThat(run("set", "--address", "https://calls.example.com/callback/t0k3n")).isZero();
        assertThat(out.toString().trim()).isEqualTo(answer);

        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/callback/set");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.query().get("sdkappid")).isEqualTo("1400000001");
        assertThat(request.query().get("identifier")).isEqualTo("administrator");
        assertThat(request.query().get("contenttype")).isEqualTo("json");
        assertThat(Long.parseLong(request.query().get("random"))).isBetween(0L, 4294967295L);
        assertThat(new UserSigVerifier(1400000001L, KEY, Clock.systemUTC()).verify("administrator", request.query().get("usersig")))
                .isEqualTo(UserSigVerifier.Verdict.VALID);
        assertThat(request.body().getString("address")).isEqualTo("https://calls.example.com/callback/t0k3n");
        JsonArray actions = request.body().getJsonArray("actions");
        assertThat(actions).hasSize(25);
        assertThat(actions.getList()).containsExactlyInAnyOrderElementsOf(
                CallbackCommand.documented().stream().map(CallbackCommand::wireName).toList());
        assertThat(request.body().fieldNames()).containsExactlyInAnyOrder("address", "actions");
    }

    @Test
    void updateSendsTheChosenActionsForTheChosenAppAndAdmin() {
        assertThat(run("update", "--address", "http://x/cb", "--actions", "call_busy,normal_end", "--sdkappid", "1400000002",
                "--identifier", "admin2")).isZero();
        Received request = received.get(0);
        assertThat(request.path()).isEqualTo("/v1/callback/update");
        assertThat(request.query().get("sdkappid")).isEqualTo("1400000002");
        assertThat(new UserSigVerifier(1400000002L, KEY, Clock.systemUTC()).verify("admin2", request.query().get("usersig")))
                .isEqualTo(UserSigVerifier.Verdict.VALID);
        assertThat(request.body()).isEqualTo(new JsonObject().put("address", "http://x/cb").put("actions", new JsonArray(List.of("call_busy", "normal_end"))));
    }

    @Test
    void getAndDeleteSendAnEmptyObject() {
        assertThat(run("get")).isZero();
        assertThat(run("delete")).isZero();
        assertThat(received).extracting(Received::path).containsExactly("/v1/callback/get", "/v1/callback/delete");
        assertThat(received).extracting(Received::body).containsOnly(new JsonObject());
    }

    @Test
    void anErrorAnswerIsPrintedAndFailsTheCommand() {
        answer = "{\"errorCode\":999,\"errorMessage\":\"no configuration\",\"requestId\":\"355c3c394f0602ed81a13c34999abebb\"}";
        assertThat(run("update", "--address", "http://x/cb")).isEqualTo(1);
        assertThat(out.toString().trim()).isEqualTo(answer);
        assertThat(err.toString()).contains("update failed", "errorCode 999");
    }

    @Test
    void setWithoutAnAddressIsAUsageError() {
        assertThat(run("set")).isEqualTo(2);
        assertThat(err.toString()).contains("--address");
        assertThat(received).isEmpty();
    }

    @Test
    void theVendorsDomainIsTheDefault() {
        assertThat(CallbackConfigOperation.SET.path()).isEqualTo("/v1/callback/set");
        assertThat(io.callstream.launcher.callback.CallbackConfigClient.VENDOR_BASE_URL).isEqualTo("https://callkit.trtc.tencent-cloud.com");
    }

    private int run(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "callback-config";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--base-url";
        full[args.length + 2] = "http://127.0.0.1:" + server.actualPort();
        full[args.length + 3] = "--key=" + KEY;
        var commandLine = CallstreamCommand.commandLine(Map.of(), settings -> {
            throw new AssertionError("must not launch");
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(full);
    }
}
