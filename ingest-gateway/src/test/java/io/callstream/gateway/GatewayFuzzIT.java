package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.FuzzRun;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The vendor's own callbacks, mutated by a seeded generator (their bodies, queries, paths, methods, headers, encodings
 * and sizes), sent to a real gateway on a real broker: every request gets the answer the README's table documents
 * for it, no 5xx but the documented 503s, and every callback acknowledged with ErrorCode 0 is on the events topic or
 * the dead-letter topic, while nothing refused is on either.
 */
@WithKafka
class GatewayFuzzIT {

    /** One seed of 300 requests in the suite; more with {@link FuzzRun}'s properties. */
    private static final FuzzRun RUN = FuzzRun.fromSystemProperties(List.of(16L), 300);
    private static final int MAX_BODY_BYTES = 8192;
    private static final int MAX_LINE_BYTES = 4096;
    private static final List<String> FIELDS = List.of("CallId", "UserId", "Role", "CallType", "MediaType", "RoomId",
            "EventTime", "StartCallTs", "AcceptTs", "EndTs", "CallResult", "TotalNum", "UserIdList", "UserIDs");
    private static final List<String> TRICKY = List.of("", " ", "0", "-1", "2147483648", "9223372036854775808", "1e400",
            "NaN", "null", "true", "[]", "{}", "调用", "🙂", "\u0000", "\u202e", "%", "%zz", "<script>", "\\", "\"",
            "normal_end", "call_end", "caller_start_call", "single", "group", "video", "caller", "callee");
    /** The README's table: the ErrorCode of each status that carries one. */
    private static final Map<Integer, Set<Integer>> CODES = Map.of(200, Set.of(0), 400, Set.of(40000), 401, Set.of(40100),
            403, Set.of(40300), 404, Set.of(40400), 405, Set.of(40500), 413, Set.of(41300),
            503, Set.of(50300, 50301, 50302));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyRequestGetsItsDocumentedAnswerAndEveryAcknowledgedCallbackIsStored(KafkaCluster kafka) {
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES)))) {
            List<SeedRequest> seeds = List.of(SeedRequest.load("event-callback-caller_start_call.http"),
                    SeedRequest.load("status-callback-call_end.http"));
            Set<String> acknowledged = new HashSet<>();
            Set<String> refused = new HashSet<>();
            for (long seed : RUN.seeds()) {
                Random random = new Random(seed);
                for (int i = 0; i < RUN.requests(); i++) {
                    Mutated request = mutate(random.nextBoolean() ? seeds.get(0) : seeds.get(1), random);

                    Answer answer = send(gw, request);

                    String what = "seed " + seed + ", request " + i + ": " + request + " → " + answer;
                    if (request.requestLine().length() > MAX_LINE_BYTES) {
                        assertThat(answer.status()).as(what).isEqualTo(414);
                        continue;
                    }
                    assertThat(answer.status()).as(what).isIn(CODES.keySet());
                    JsonObject json = new JsonObject(answer.body());
                    assertThat(json.getInteger("ErrorCode")).as(what).isIn(CODES.get(answer.status()));
                    assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
                    assertThat(answer.requestId()).as(what).isNotBlank();
                    (answer.status() == 200 ? acknowledged : refused).add(answer.requestId());
                }
            }

            Set<String> stored = new HashSet<>();
            kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                    .forEach(r -> stored.add(requestId(r)));
            kafka.readAll(gw.dlqTopic, new StringDeserializer(), new ByteArrayDeserializer())
                    .forEach(r -> stored.add(requestId(r)));
            assertThat(acknowledged).as("the generator reaches the accepting paths").hasSizeGreaterThan(RUN.requests() / 5);
            assertThat(refused).as("and the refusing ones").hasSizeGreaterThan(RUN.requests() / 10);
            assertThat(stored).as("every acknowledged callback is stored").containsAll(acknowledged);
            assertThat(stored).as("no refused one is").doesNotContainAnyElementsOf(refused);
        }
    }

    /** A request as sent: its method, path and query, headers and body bytes. */
    private record Mutated(String method, String path, Map<String, String> query, String contentType, byte[] body) {

        String pathAndQuery() {
            return path + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
        }

        String requestLine() {
            return method + " " + pathAndQuery() + " HTTP/1.1";
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + abbreviated(pathAndQuery()) + " [" + contentType + "] " + abbreviated(text);
        }
    }

    private record Answer(int status, String body, String requestId) {
        @Override
        public String toString() {
            return status + " " + abbreviated(body);
        }
    }

    private static Mutated mutate(SeedRequest seed, Random random) {
        URI uri = URI.create("http://gateway" + seed.pathAndQuery());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        query.put("sdkappid", "1400000001");
        JsonObject body = new JsonObject(seed.body());
        String path = GatewayHarness.withToken("/callback");
        String method = "POST";
        String contentType = "application/json";
        Charset charset = StandardCharsets.UTF_8;
        for (int m = random.nextInt(4); m > 0; m--) {
            switch (random.nextInt(12)) {
                case 0 -> body.put(oneOf(FIELDS, random), value(random));
                case 1 -> body.remove(oneOf(FIELDS, random));
                case 2 -> body.put(oneOf(FIELDS, random), random.nextLong() >> random.nextInt(64));
                case 3 -> body.put(oneOf(FIELDS, random), new JsonArray().add(value(random)).add(random.nextInt()));
                case 4 -> query.put(oneOf(List.of("sdkappid", "command", "contenttype", "clientip", "optplatform",
                        "token", "x"), random), value(random));
                case 5 -> query.remove(oneOf(List.of("sdkappid", "command", "contenttype"), random));
                case 6 -> path = oneOf(List.of("/callback", "/", "/callback/wrong-token-0123456789",
                        GatewayHarness.withToken("/"), GatewayHarness.withToken("/callback") + "/extra",
                        "/no/where"), random);
                case 7 -> method = oneOf(List.of("GET", "PUT", "DELETE", "PATCH"), random);
                case 8 -> contentType = oneOf(List.of("text/plain", "application/json; charset=GBK",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""), random);
                case 9 -> charset = oneOf(List.of(StandardCharsets.UTF_16, Charset.forName("GBK"),
                        StandardCharsets.ISO_8859_1), random);
                case 10 -> body.put("UserId", "u".repeat(random.nextBoolean() ? 100 : 2 * MAX_BODY_BYTES));
                default -> query.put("command", oneOf(List.of("call_end", "normal_end", "caller_start_call",
                        "callee_accept_call", "no_such_command", "CALL_END"), random));
            }
        }
        byte[] bytes = body.encode().getBytes(charset);
        switch (random.nextInt(8)) {
            case 0 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // cut short
            case 1 -> bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // not UTF-8
            case 2 -> bytes = new JsonArray().add(body).encode().getBytes(charset); // not an object
            default -> {
            }
        }
        return new Mutated(method, path, query, contentType, bytes);
    }

    private Answer send(GatewayHarness gw, Mutated request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gw.uri(request.pathAndQuery())).timeout(Duration.ofSeconds(20))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (!request.contentType().isEmpty()) {
            builder.header("Content-Type", request.contentType());
        }
        // A request the gateway answers by closing its connection (a line too long to read) goes on a connection of
        // its own, so the pooled one the next request takes is never one being closed.
        HttpClient client = request.requestLine().length() > MAX_LINE_BYTES
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : http;
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("X-Request-Id").orElse(""));
        } catch (IOException e) {
            throw new AssertionError("no answer to " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String requestId(ConsumerRecord<?, ?> record) {
        Header h = record.headers().lastHeader(CallbackRoutes.HEADER_REQUEST_ID);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String value(Random random) {
        return random.nextInt(5) == 0 ? "9".repeat(1 + random.nextInt(3_000)) : oneOf(TRICKY, random);
    }

    private static <T> T oneOf(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
