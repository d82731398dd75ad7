package io.callstream.topology.query.analyst;

import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.service.usersig.UserSig;
import io.callstream.testkit.ManualClock;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.AppSecretKeys;
import io.callstream.topology.query.auth.UserSigSignatureCheck;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analyst routes on a real HTTP server, over {@link FakeRecordQueries}, with real UserSig checks for two apps
 * ({@link #APP}, {@link #OTHER_APP}), a wall clock and a monotonic clock that move only when told, and a client.
 */
final class AnalystApiServer implements AutoCloseable {

    static final long APP = 1400000001L;
    static final long OTHER_APP = 1400000002L;
    /** Well-formed, but no key is configured for it. */
    static final long UNSERVED_APP = 1400000009L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final String OTHER_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String ADMIN = "administrator";
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    static {
        CallstreamSerdes.trustGeneratedClasses(); // tests copy records (CallRecord.newBuilder(other))
    }

    final ManualClock clock = new ManualClock(START);
    final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);
    final FakeRecordQueries queries = new FakeRecordQueries();
    final Router router;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final WebClient client;

    AnalystApiServer(AnalystApiConfig config) {
        this(config, null);
    }

    /** @param stats the statistics behind the statistics' routes; null: without them */
    AnalystApiServer(AnalystApiConfig config, io.callstream.topology.query.stats.StatsQueries stats) {
        AdminAuth auth = new AdminAuth(ADMIN, new UserSigSignatureCheck(
                AppSecretKeys.parse(APP + ":" + KEY + "," + OTHER_APP + ":" + OTHER_KEY), clock));
        router = Router.router(vertx);
        new AnalystRoutes(config, queries, stats, auth, clock, nanoTime::get).mount(router);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        client = WebClient.create(vertx);
    }

    /** The defaults, but a rate limit no test reaches unless it means to. */
    static AnalystApiServer start() {
        return new AnalystApiServer(new AnalystApiConfig(1_000_000, AnalystApiConfig.DEFAULT_RETENTION,
                AnalystApiConfig.DEFAULT_TIMEOUT, AnalystApiConfig.DEFAULT_STATS_RETENTION));
    }

    /** A UserSig of {@code identifier} for {@code app}, issued a minute ago, valid a day. */
    String sig(long app, String identifier) {
        return UserSig.generate(app, app == OTHER_APP ? OTHER_KEY : KEY, identifier, Duration.ofDays(1),
                clock.instant().minusSeconds(60));
    }

    /** GET as the admin of {@link #APP}, credentials in the query string. */
    Response get(String uri) {
        return send(withCredentials(uri), Map.of());
    }

    /** The URI with the credentials of {@link #APP}'s admin added to its query. */
    String withCredentials(String uri) {
        String credentials = "sdkappid=" + APP + "&identifier=" + ADMIN + "&usersig=" + encode(sig(APP, ADMIN));
        return uri + (uri.contains("?") ? "&" : "?") + credentials;
    }

    /**
     * GET as the admin of {@link #APP} on a connection of its own, for requests the server answers by closing the
     * connection (a request line too long to read): a pooled connection it closes could be picked for the next request
     * before the close is seen.
     */
    Response getOnNewConnection(String uri) {
        WebClient once = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
        try {
            return send(once, withCredentials(uri), Map.of());
        } finally {
            once.close();
        }
    }

    /** GET exactly as given: the caller brings its own credentials, if any. */
    Response send(String uri, Map<String, String> headers) {
        return send(client, uri, headers);
    }

    private Response send(WebClient client, String uri, Map<String, String> headers) {
        HttpRequest<Buffer> request = client.get(server.actualPort(), "127.0.0.1", uri);
        headers.forEach(request::putHeader);
        return new Response(await(request.send()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    record Response(HttpResponse<Buffer> http) {
        int status() {
            return http.statusCode();
        }

        String header(String name) {
            return http.getHeader(name);
        }

        JsonObject json() {
            return http.bodyAsJsonObject();
        }

        int errorCode() {
            return json().getInteger("errorCode");
        }

        String errorMessage() {
            return json().getString("errorMessage");
        }

        @Override
        public String toString() {
            return status() + " " + http.bodyAsString();
        }
    }
}
