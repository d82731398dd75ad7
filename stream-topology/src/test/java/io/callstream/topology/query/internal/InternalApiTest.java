package io.callstream.topology.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.query.QueryUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The internal listener's router on a real socket: only signed requests reach a route, and a body only as signed. */
class InternalApiTest {

    private static final String SECRET = "internal-api-test-secret-0123456789abcdef";
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<Instant> serverTime = new AtomicReference<>(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        InternalApi api = new InternalApi(router, new InternalRequestAuth(SECRET, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return serverTime.get();
            }
        }), registry);
        api.get("/ping").handler(ctx -> ctx.end("pong"));
        api.post("/echo", 1024).handler(ctx -> ctx.end(ctx.body().buffer()));
        api.post("/length", 1 << 20).handler(ctx -> ctx.end(Integer.toString(ctx.body().length())));
        api.get("/late").handler(ctx -> InternalApi.answer(ctx, () -> {
            throw new QueryUnavailableException("the query ran past its deadline; retry");
        }));
        api.get("/out-of-bounds").handler(ctx -> InternalApi.answer(ctx, () -> {
            throw new IllegalArgumentException("take must be at most 100001");
        }));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A part past its deadline, like stores not queryable here, is 503: the asking instance answers "retry". */
    @Test
    void aLocalPartPastItsDeadlineIsUnavailableAndOneOutOfBoundsIsABadRequest() throws Exception {
        HttpResponse<String> late = send("GET", "/internal/v1/late", "", signer(T0).sign("GET", "/internal/v1/late", new byte[0]));
        assertThat(late.statusCode()).isEqualTo(503);
        HttpResponse<String> outOfBounds = send("GET", "/internal/v1/out-of-bounds", "",
                signer(T0).sign("GET", "/internal/v1/out-of-bounds", new byte[0]));
        assertThat(outOfBounds.statusCode()).isEqualTo(400);
    }

    @Test
    void aSignedRequestReachesItsRoute() throws Exception {
        HttpResponse<String> get = send("GET", "/internal/v1/ping?x=1", "", signer(T0).sign("GET", "/internal/v1/ping?x=1", new byte[0]));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("pong");
        String body = "{\"entries\":[]}";
        HttpResponse<String> post = send("POST", "/internal/v1/echo", body, signer(T0).sign("POST", "/internal/v1/echo", bytes(body)));
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo(body);
    }

    @Test
    void withoutValidCredentialsEveryPathIsABare401() throws Exception {
        for (String path : new String[] {"/internal/v1/ping", "/internal/v1/unknown", "/"}) {
            HttpResponse<String> response = send("GET", path, "", Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as("nothing said about why").isEmpty();
        }
        Map<String, String> otherSecret = new InternalRequestAuth(SECRET.replace('0', '1'), Clock.fixed(T0, ZoneOffset.UTC))
                .sign("GET", "/internal/v1/ping", new byte[0]);
        assertThat(send("GET", "/internal/v1/ping", "", otherSecret).statusCode()).isEqualTo(401);
        Map<String, String> forAnotherPath = signer(T0).sign("GET", "/internal/v1/echo", new byte[0]);
        assertThat(send("GET", "/internal/v1/ping", "", forAnotherPath).statusCode()).isEqualTo(401);
        assertThat(registry.get("callstream_internal_requests_refused_total").tag("reason", "missing").counter().count())
                .isEqualTo(3);
        assertThat(registry.get("callstream_internal_requests_refused_total").tag("reason", "bad_signature").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aRequestReplayedAfterItsValidityIsRefused() throws Exception {
        Map<String, String> captured = signer(T0).sign("GET", "/internal/v1/ping", new byte[0]);
        assertThat(send("GET", "/internal/v1/ping", "", captured).statusCode()).isEqualTo(200);
        serverTime.set(T0.plus(InternalRequestAuth.VALIDITY).plusSeconds(1));
        assertThat(send("GET", "/internal/v1/ping", "", captured).statusCode()).isEqualTo(401);
        assertThat(registry.get("callstream_internal_requests_refused_total").tag("reason", "expired").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aBodyMustBeTheSignedOneAndWithinItsRoutesLimit() throws Exception {
        Map<String, String> signed = signer(T0).sign("POST", "/internal/v1/echo", bytes("{\"take\":11}"));
        assertThat(send("POST", "/internal/v1/echo", "{\"take\":99999}", signed).statusCode()).isEqualTo(401);
        String large = "x".repeat(1025);
        assertThat(send("POST", "/internal/v1/echo", large, signer(T0).sign("POST", "/internal/v1/echo", bytes(large))).statusCode())
                .isEqualTo(413);
    }

    /** Bodies over {@link InternalApi#HASH_ON_EVENT_LOOP_BYTES} are hashed on a worker, with the same verdicts. */
    @Test
    void aLargeBodyIsCheckedAsASmallOneIs() throws Exception {
        String large = "y".repeat(InternalApi.HASH_ON_EVENT_LOOP_BYTES * 3);
        Map<String, String> signed = signer(T0).sign("POST", "/internal/v1/length", bytes(large));
        HttpResponse<String> accepted = send("POST", "/internal/v1/length", large, signed);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo(Integer.toString(large.length()));
        String tampered = large.substring(1) + "z";
        assertThat(send("POST", "/internal/v1/length", tampered, signed).statusCode()).isEqualTo(401);
    }

    private static InternalRequestAuth signer(Instant at) {
        return new InternalRequestAuth(SECRET, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
