package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The callback token: required unless opted out of, two at once during a rotation, checked first, never stored. */
@WithKafka
class CallbackTokenIT {

    private static final String SUCCESS = "{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}";
    private static final String QUERY = "?sdkappid=1400000001&command=caller_start_call";

    @Test
    void duringARotationTheNewAndTheOldTokenAreAcceptedAndNothingElse(KafkaCluster kafka) {
        String fresh = "rotation-new-token-0001";
        String old = "rotation-old-token-0002";
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_CALLBACK_TOKEN", fresh + "," + old))) {
            String body = GatewayHarness.body("rot-1", "alice", "caller", 1L);
            for (String token : List.of(fresh, old)) {
                assertThat(gw.post("/callback/" + token + QUERY, body).body()).isEqualTo(SUCCESS);
                assertThat(gw.post("/callback" + QUERY + "&token=" + token, body).body()).isEqualTo(SUCCESS);
                assertThat(gw.post("/" + token + QUERY, body).body()).isEqualTo(SUCCESS);
            }
            for (String refused : List.of("/callback" + QUERY, "/callback" + QUERY + "&token=wrong", "/callback/wrong" + QUERY,
                    "/callback/" + fresh + "," + old + QUERY, "/callback/" + fresh.substring(1) + QUERY,
                    "/callback/" + old + "x" + QUERY, "/" + QUERY)) {
                HttpResponse<String> response = gw.post(refused, body);
                assertThat(response.statusCode()).as(refused).isEqualTo(401);
                assertThat(new JsonObject(response.body()).getInteger("ErrorCode")).isEqualTo(40100);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gw.get("/readyz").statusCode()).isEqualTo(200));
            assertThat(gw.get("/readyz").body()).doesNotContain("NOT authenticated");
        }
    }

    @Test
    void theTokenReachesNeitherTheEventsTopicNorTheDeadLetterTopic(KafkaCluster kafka) {
        String token = GatewayHarness.TOKEN;
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of())) {
            HttpResponse<String> stored = gw.post("/callback?token=" + token + "&sdkappid=1400000001&command=caller_start_call"
                    + "&clientip=10.0.0.1", GatewayHarness.body("tok-stored", "alice", "caller", 1L));
            // The server reads parameter names decoded and in any case, and ';' as a separator: so does the stripping.
            HttpResponse<String> encoded = gw.post("/callback?sdkappid=1400000001&command=callee_accept_call&tok%65n=" + token
                    + ";clientip=10.0.0.2", GatewayHarness.body("tok-encoded", "bob", "callee", 1L));
            HttpResponse<String> dead = gw.post("/callback?sdkappid=1400000001&command=caller_start_call&TOKEN=" + token,
                    "{not json");
            for (HttpResponse<String> response : List.of(stored, encoded, dead)) {
                assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
            }

            List<ConsumerRecord<String, CallEvent>> events = gw.kafka.readAll(gw.eventsTopic, new StringDeserializer(),
                    CallstreamSerdes.callEvent().deserializer());
            assertThat(withRequestId(events, stored).value().getRawQuery())
                    .isEqualTo("sdkappid=1400000001&command=caller_start_call&clientip=10.0.0.1");
            assertThat(withRequestId(events, encoded).value().getRawQuery())
                    .isEqualTo("sdkappid=1400000001&command=callee_accept_call;clientip=10.0.0.2");
            List<ConsumerRecord<String, byte[]>> letters = gw.kafka.readAll(gw.dlqTopic, new StringDeserializer(),
                    new ByteArrayDeserializer());
            assertThat(header(withRequestId(letters, dead), CallbackRoutes.HEADER_DLQ_QUERY))
                    .isEqualTo("sdkappid=1400000001&command=caller_start_call");

            // Nowhere in either topic: not in a key, a value or a header.
            List<ConsumerRecord<String, byte[]>> raw = new java.util.ArrayList<>(letters);
            raw.addAll(gw.kafka.readAll(gw.eventsTopic, new StringDeserializer(), new ByteArrayDeserializer()));
            assertThat(raw).hasSizeGreaterThanOrEqualTo(3);
            for (ConsumerRecord<String, byte[]> record : raw) {
                assertThat(record.key()).doesNotContain(token);
                assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
                for (Header h : record.headers()) {
                    assertThat(new String(h.value(), StandardCharsets.ISO_8859_1)).as(h.key()).doesNotContain(token);
                }
            }
        }
    }

    /**
     * The head alone decides a missing token or a foreign app: the answer comes although the body, announced as
     * 60,000 bytes, never does. A gateway that buffered the body first would still be waiting for it.
     */
    @Test
    void withoutTheTokenOrForAnotherAppTheAnswerComesBeforeTheBodyIsSent(KafkaCluster kafka) {
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of())) {
            Map<String, String> expected = Map.of(
                    "/callback" + QUERY, "HTTP/1.1 401",
                    GatewayHarness.withToken("/callback?sdkappid=1234&command=caller_start_call"), "HTTP/1.1 403",
                    GatewayHarness.withToken("/callback?command=caller_start_call"), "HTTP/1.1 403");
            for (var entry : expected.entrySet()) {
                try (RawConnection connection = new RawConnection(gw.gateway.port())) {
                    connection.send("POST " + entry.getKey() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"CallId\":");

                    String answer = connection.receive(Duration.ofSeconds(2));

                    assertThat(answer).as(entry.getKey()).startsWith(entry.getValue()).contains("\"ErrorCode\":40");
                }
            }
        }
    }

    @Test
    void optingOutIsExplicitAndReadinessSaysCallbacksAreNotAuthenticated(KafkaCluster kafka) {
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_CALLBACK_TOKEN", "none"))) {
            assertThat(gw.post("/callback" + QUERY, GatewayHarness.body("open-1", "alice", "caller", 1L)).body()).isEqualTo(SUCCESS);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> readyz = gw.get("/readyz");
                assertThat(readyz.statusCode()).isEqualTo(200);
                assertThat(new JsonObject(readyz.body()).getString("detail"))
                        .contains("callbacks are NOT authenticated (CALLSTREAM_CALLBACK_TOKEN=none)");
            });
        }
    }

    private static <V> ConsumerRecord<String, V> withRequestId(List<ConsumerRecord<String, V>> records, HttpResponse<?> response) {
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        return records.stream().filter(r -> id.equals(header(r, CallbackRoutes.HEADER_REQUEST_ID))).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
