package io.callstream.launcher.callback;

import io.callstream.service.usersig.UserSig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls the vendor's callback configuration API as the app's admin: {@code POST <base>/v1/callback/<op>?sdkappid=..
 * &identifier=..&usersig=..&random=<uint32>&contenttype=json}, with a UserSig generated for each call.
 */
public final class CallbackConfigClient {

    /** The domain the vendor documents for the configuration API (China). */
    public static final String VENDOR_BASE_URL = "https://callkit.trtc.tencent-cloud.com";
    static final Duration USERSIG_LIFETIME = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param sdkAppId   the app
     * @param identifier its admin account
     * @param secretKey  its secret key
     */
    public record Credentials(long sdkAppId, String identifier, String secretKey) {
        @Override
        public String toString() {
            return "Credentials[" + sdkAppId + ", " + identifier + "]";
        }
    }

    /**
     * @param status HTTP status
     * @param body   the body as received
     */
    public record Response(int status, String body) {
        /** The envelope's {@code errorCode}; empty when the body is not the API's JSON envelope. */
        public Optional<Integer> errorCode() {
            try {
                return Optional.ofNullable(new JsonObject(body).getInteger("errorCode"));
            } catch (DecodeException | ClassCastException e) {
                return Optional.empty();
            }
        }

        public boolean succeeded() {
            return status == 200 && errorCode().orElse(-1) == 0;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Credentials credentials;
    private final Clock clock;

    public CallbackConfigClient(HttpClient http, String baseUrl, Credentials credentials, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.clock = clock;
    }

    public Response call(CallbackConfigOperation operation, JsonObject body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(operation))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    URI uri(CallbackConfigOperation operation) {
        String userSig = UserSig.generate(credentials.sdkAppId(), credentials.secretKey(), credentials.identifier(),
                USERSIG_LIFETIME, clock.instant());
        long random = ThreadLocalRandom.current().nextLong(0, 1L << 32);
        // UserSigs are URL-safe as generated; the identifier is the only free text.
        return URI.create(baseUrl + operation.path() + "?sdkappid=" + credentials.sdkAppId()
                + "&identifier=" + java.net.URLEncoder.encode(credentials.identifier(), java.nio.charset.StandardCharsets.UTF_8)
                + "&usersig=" + userSig + "&random=" + random + "&contenttype=json");
    }
}
