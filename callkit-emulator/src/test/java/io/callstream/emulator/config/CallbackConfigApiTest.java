package io.callstream.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.testkit.ManualClock;
import io.callstream.service.usersig.UserSig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callback configuration API (protocol §2) through HTTP: every endpoint and every error code. */
class CallbackConfigApiTest {

    private static final long APP = 1400000001L;
    private static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.250Z");

    private static Vertx vertx;
    private static WebClient client;

    private ManualClock clock;
    private CallbackConfigStore store;
    private CallbackConfigServer server;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stopVertx() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startServer() {
        clock = new ManualClock(T0);
        store = new CallbackConfigStore();
        start(ConfigApiSettings.of(APP, KEY).withClock(clock).withRatePerSecond(1000));
    }

    private void start(ConfigApiSettings settings) {
        if (server != null) {
            server.close();
        }
        server = CallbackConfigServer.start(vertx, "127.0.0.1", 0, store, settings)
                .toCompletionStage().toCompletableFuture().join();
    }

    @org.junit.jupiter.api.AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void setGetUpdateDeleteAsTheSeedExamplesShow() {
        JsonObject set = call("set", seed("callback-config-set.request.json"));
        JsonObject seedSet = new JsonObject(seed("callback-config-set.response.json"));
        assertThat(set.fieldNames()).containsExactlyInAnyOrderElementsOf(seedSet.fieldNames());
        assertThat(set.getInteger("errorCode")).isZero();
        assertThat(set.getString("errorMessage")).isEqualTo("Success");
        assertThat(set.getString("requestId")).matches("[0-9a-f]{32}");
        assertThat(set.getValue("data")).isEqualTo(seedSet.getValue("data"));

        JsonObject get = call("get", "{}");
        assertThat(get.getJsonObject("data")).isEqualTo(new JsonObject(seed("callback-config-get.response.json")).getJsonObject("data"));
        assertThat(store.current(APP)).contains(new CallbackConfig("http://www.example.com/callback", List.of("call_busy", "normal_end")));

        JsonObject update = call("update", "{\"address\":\"https://www.example2.com/callback\",\"actions\":[\"call_busy\",\"cancel\",\"normal_end\"]}");
        assertThat(update.getInteger("errorCode")).isZero();
        assertThat(update.getString("data")).isEqualTo("https://www.example2.com/callback");
        assertThat(call("get", "{}").getJsonObject("data").getJsonArray("actions").getList())
                .containsExactly("call_busy", "cancel", "normal_end");

        JsonObject delete = call("delete", "{}");
        assertThat(delete.getInteger("errorCode")).isZero();
        assertThat(delete.getString("data")).isEmpty();
        assertThat(store.current(APP)).isEmpty();
    }

    @Test
    void setTwiceLastWins() {
        call("set", "{\"address\":\"http://a.example/cb\",\"actions\":[\"cancel\"]}");
        call("set", "{\"address\":\"http://b.example/cb\",\"actions\":[\"reject\"]}");
        assertThat(store.current(APP)).contains(new CallbackConfig("http://b.example/cb", List.of("reject")));
    }

    @Test
    void getAndUpdateWithoutConfigurationAnswer999DeleteSucceeds() {
        assertThat(call("get", "{}").getInteger("errorCode")).isEqualTo(999);
        assertThat(call("update", "{\"address\":\"http://a.example/cb\",\"actions\":[\"cancel\"]}").getInteger("errorCode"))
                .isEqualTo(999);
        assertThat(store.current(APP)).isEmpty();
        assertThat(call("delete", "{}").getInteger("errorCode")).isZero();
    }

    @Test
    void invalidBodiesAnswer70001Or70009() {
        assertThat(code("set", "{\"address\":\"ftp://www.example.com/callback\",\"actions\":[\"cancel\"]}")).isEqualTo(70001);
        assertThat(call("set", "{\"address\":\"www.example.com\",\"actions\":[\"cancel\"]}").getString("errorMessage"))
                .isEqualTo("address must start with http or https");
        assertThat(code("set", "{\"actions\":[\"cancel\"]}")).isEqualTo(70001);
        assertThat(code("set", "{\"address\":\"http://a.example/cb\"}")).isEqualTo(70001);
        assertThat(code("set", "{\"address\":\"http://a.example/cb\",\"actions\":[]}")).isEqualTo(70001);
        assertThat(code("set", "{\"address\":\"http://a.example/cb\",\"actions\":[\"call_end\"]}")).isEqualTo(70001);
        assertThat(code("set", "{\"address\":\"http://a.example/cb\",\"actions\":[42]}")).isEqualTo(70001);
        assertThat(code("update", "{\"address\":\"mailto:x@example.com\",\"actions\":[\"cancel\"]}")).isEqualTo(70001);
        assertThat(code("set", "{not json")).isEqualTo(70009);
        assertThat(code("set", "[1,2]")).isEqualTo(70009);
        assertThat(store.current(APP)).isEmpty();
    }

    @Test
    void commonParametersAnswer70001() {
        String sig = sig(KEY, "administrator", Duration.ofDays(1));
        assertThat(codeWithQuery("set", "identifier=administrator&usersig=" + sig + "&random=1&contenttype=json")).isEqualTo(70001);
        assertThat(codeWithQuery("set", "sdkappid=" + APP + "&identifier=administrator&random=1&contenttype=json")).isEqualTo(70001);
        assertThat(codeWithQuery("set", q(APP, "administrator", sig).replace("random=99999999", "random=4294967296"))).isEqualTo(70001);
        assertThat(codeWithQuery("set", q(APP, "administrator", sig).replace("contenttype=json", "contenttype=xml"))).isEqualTo(70001);
        // An app the emulator does not know is an invalid parameter: there is no key to check its UserSig with.
        assertThat(codeWithQuery("get", q(1400000002L, "administrator", UserSig.generate(1400000002L, KEY, "administrator",
                Duration.ofDays(1), T0)))).isEqualTo(70001);
    }

    @Test
    void userSigChecksAnswer70002To70004() {
        assertThat(codeWithQuery("get", q(APP, "alice", sig(KEY, "alice", Duration.ofDays(1))))).isEqualTo(70004);
        assertThat(codeWithQuery("get", q(APP, "administrator", sig("another-key", "administrator", Duration.ofDays(1))))).isEqualTo(70002);
        assertThat(codeWithQuery("get", q(APP, "administrator", sig(KEY, "alice", Duration.ofDays(1))))).isEqualTo(70002);
        assertThat(codeWithQuery("get", q(APP, "administrator", "not-a-usersig"))).isEqualTo(70002);

        String shortLived = sig(KEY, "administrator", Duration.ofSeconds(60));
        assertThat(codeWithQuery("get", q(APP, "administrator", shortLived))).isEqualTo(999); // valid: no config yet
        clock.advance(Duration.ofSeconds(61));
        assertThat(codeWithQuery("get", q(APP, "administrator", shortLived))).isEqualTo(70003);
    }

    @Test
    void moreThanTheRatePerSecondAnswers70005PerApi() {
        start(ConfigApiSettings.of(APP, KEY).withClock(clock)); // the vendor's 10 per second
        for (int i = 0; i < 10; i++) {
            assertThat(code("delete", "{}")).isZero();
        }
        assertThat(code("delete", "{}")).isEqualTo(70005);
        assertThat(code("get", "{}")).isEqualTo(999); // another API has its own budget
        clock.advance(Duration.ofSeconds(1));
        assertThat(code("delete", "{}")).isZero();
    }

    @Test
    void anAppWithoutTheGroupCallPackageGets50001() {
        start(ConfigApiSettings.of(APP, KEY).withClock(clock).withGroupPackage(false));
        assertThat(code("set", seed("callback-config-set.request.json"))).isEqualTo(50001);
    }

    @Test
    void answersCarryTheRequestIdInTheHeader() {
        HttpResponse<Buffer> response = post("get", q(APP, "administrator", sig(KEY, "administrator", Duration.ofDays(1))), "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(response.bodyAsJsonObject().getString("requestId"));
    }

    @Test
    void theStoreIsTheSendersTarget() {
        CallbackTarget target = store;
        assertThat(target.current(APP)).isEmpty();
        call("set", "{\"address\":\"http://receiver.example/cb\",\"actions\":[\"caller_start_call\"]}");
        assertThat(target.current(APP).orElseThrow().selects(io.callstream.schemas.CallbackCommand.CALLER_START_CALL)).isTrue();
        assertThat(target.current(APP).orElseThrow().selects(io.callstream.schemas.CallbackCommand.NORMAL_END)).isFalse();
    }

    private JsonObject call(String api, String body) {
        return post(api, q(APP, "administrator", sig(KEY, "administrator", Duration.ofDays(1))), body).bodyAsJsonObject();
    }

    private int code(String api, String body) {
        return call(api, body).getInteger("errorCode");
    }

    private int codeWithQuery(String api, String query) {
        return post(api, query, "{}").bodyAsJsonObject().getInteger("errorCode");
    }

    private HttpResponse<Buffer> post(String api, String query, String body) {
        return client.post(server.port(), "127.0.0.1", "/v1/callback/" + api + "?" + query)
                .sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture().join();
    }

    private String sig(String key, String identifier, Duration expire) {
        return UserSig.generate(APP, key, identifier, expire, clock.instant());
    }

    private static String q(long app, String identifier, String sig) {
        return "sdkappid=" + app + "&identifier=" + identifier + "&usersig=" + sig + "&random=99999999&contenttype=json";
    }

    private static String seed(String name) {
        try (InputStream in = CallbackConfigApiTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
