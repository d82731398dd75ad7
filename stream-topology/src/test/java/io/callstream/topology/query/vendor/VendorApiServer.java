package io.callstream.topology.query.vendor;

import io.callstream.topology.query.InMemoryRecordQueries;
import io.callstream.testkit.ManualClock;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.SignatureCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The vendor routes on a real HTTP server (free port), over {@link InMemoryRecordQueries}, with a {@link ManualClock},
 * a fake UserSig check and a simple meter registry; and a client that posts as the vendor's clients do.
 *
 * <p>The fake check knows {@link #APP}, {@link #OTHER_APP} and 88888888 (the vendor examples' app): UserSig
 * {@code valid} verifies, {@code expired} has expired, anything else is invalid. Other apps are unknown.
 */
final class VendorApiServer implements AutoCloseable {

    static final long APP = 1400000001L;
    static final long OTHER_APP = 1400000002L;
    static final long EXAMPLE_APP = 88888888L;
    static final String ADMIN = "administrator";
    /** Thursday 2023-11-16 22:13:20 UTC. */
    static final long NOW = 1_700_172_800L;

    private static final Set<Long> KNOWN_APPS = Set.of(APP, OTHER_APP, EXAMPLE_APP);
    static final SignatureCheck FAKE_SIGNATURES = (app, identifier, sig) -> !KNOWN_APPS.contains(app)
            ? SignatureCheck.Result.UNKNOWN_APP
            : switch (sig) {
                case "valid" -> SignatureCheck.Result.VALID;
                case "expired" -> SignatureCheck.Result.EXPIRED;
                default -> SignatureCheck.Result.INVALID;
            };

    final InMemoryRecordQueries queries = new InMemoryRecordQueries();
    final ManualClock clock = new ManualClock(Instant.ofEpochSecond(NOW));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Rates high enough that only the rate-limit tests meet them. */
    static QueryApiConfig relaxed() {
        return new QueryApiConfig(ADMIN, 1_000_000, 1_000_000, Duration.ofSeconds(3));
    }

    VendorApiServer(Vertx vertx, QueryApiConfig config) {
        this.vertx = vertx;
        Router router = Router.router(vertx);
        new VendorQueryRoutes(config, queries, new AdminAuth(config.adminIdentifier(), FAKE_SIGNATURES), registry,
                clock, clock::nanoTime).mount(router);
        this.server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
    }

    /** Forgets records and failure modes, and sets the clock back to {@link #NOW}. */
    void reset() {
        queries.reset();
        clock.setEpochSecond(NOW);
    }

    /** The common query parameters of an admin request for {@code app}. */
    static Map<String, String> adminParams(long app) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sdkappid", Long.toString(app));
        params.put("identifier", ADMIN);
        params.put("usersig", "valid");
        params.put("random", "99999999");
        params.put("contenttype", "json");
        return params;
    }

    Reply post(String path, String body) {
        return post(path, adminParams(APP), body);
    }

    Reply post(String path, Map<String, String> params, String body) {
        return send("POST", path, params, body);
    }

    Reply send(String method, String path, Map<String, String> params, String body) {
        return send(http, method, path, params, body);
    }

    /**
     * A POST on a connection of its own, for requests the server answers by closing the connection (a request line
     * too long to read): a pooled connection it closes could be picked for the next request before the close is seen.
     */
    Reply postOnNewConnection(String path, Map<String, String> params, String body) {
        return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "POST", path, params, body);
    }

    private Reply send(HttpClient client, String method, String path, Map<String, String> params, String body) {
        String query = queryOf(params);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path + "?" + query))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Request-Id").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The query string of a request with these parameters (null values left out). */
    static String queryOf(Map<String, String> params) {
        return params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    record Reply(int status, String body, String contentType, String requestIdHeader) {

        JsonObject json() {
            return new JsonObject(body);
        }

        /** v1's errorCode or v4's ErrorCode. */
        int code() {
            JsonObject json = json();
            return json.containsKey("errorCode") ? json.getInteger("errorCode") : json.getInteger("ErrorCode");
        }

        String message() {
            JsonObject json = json();
            return json.containsKey("errorMessage") ? json.getString("errorMessage") : json.getString("ErrorInfo");
        }

        JsonObject data() {
            return json().getJsonObject("data");
        }

        JsonObject response() {
            return json().getJsonObject("Response");
        }
    }
}
