package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {

    private GatewayHarness gw;

    @BeforeAll
    void start(KafkaCluster kafka) {
        gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_MAX_BODY_BYTES", "4096"));
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private List<ConsumerRecord<String, CallEvent>> events() {
        return gw.kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer());
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters() {
        return gw.kafka.readAll(gw.dlqTopic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private <V> List<ConsumerRecord<String, V>> withRequestId(List<ConsumerRecord<String, V>> records, String id) {
        return records.stream().filter(r -> id.equals(header(r, CallbackRoutes.HEADER_REQUEST_ID))).toList();
    }

    // ---- golden: the vendor's own examples ----

    @Test
    void theSeedEventCallbackIsAcknowledgedExactlyAsTheVendorDocumentsAndStoredWhole() {
        SeedRequest seed = SeedRequest.load("event-callback-caller_start_call.http");

        HttpResponse<String> response = gw.post(GatewayHarness.withToken(seed.pathAndQuery()), seed.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject(SeedRequest.resource("callback-response.json")));
        ConsumerRecord<String, CallEvent> stored = withRequestId(events(), requestId(response)).get(0);
        assertThat(stored.key()).isEqualTo("8888888/aheahfo-eqwnknoihfsd-qweqf");
        assertThat(header(stored, CallbackRoutes.HEADER_COMMAND)).isEqualTo("caller_start_call");
        CallEvent e = stored.value();
        assertThat(e.getKind()).isEqualTo(EventKind.event);
        assertThat(e.getUserId()).isEqualTo("Alice");
        assertThat(e.getRoomId()).isEqualTo("Alice's Room");
        assertThat(e.getTotalNum()).isEqualTo(2);
        assertThat(e.getMediaType()).isEqualTo("audio");
        assertThat(e.getCallType()).isEqualTo("single");
        assertThat(e.getRole()).isEqualTo("caller");
        assertThat(e.getEvent()).isEqualTo("start_call");
        assertThat(e.getEventTime()).isEqualTo(1704695566L);
        assertThat(e.getStartCallTs()).isEqualTo(1704856873L);
        assertThat(e.getAcceptTs()).isEqualTo(1704856876L);
        assertThat(e.getEndTs()).isEqualTo(1704856885L);
        assertThat(e.getClientIp()).isEqualTo("127.0.0.1");
        assertThat(e.getPlatform()).isEqualTo("iOS");
        assertThat(e.getRawQuery()).isEqualTo(seed.pathAndQuery().substring(2));
        assertThat(StandardCharsets.UTF_8.decode(e.getRawBody()).toString()).isEqualTo(seed.body());
    }

    @Test
    void theSeedStatusCallbackWithCallEndAndTheMisspeltPlatformIsStoredAsAStatus() {
        SeedRequest seed = SeedRequest.load("status-callback-call_end.http");

        HttpResponse<String> response = gw.post(GatewayHarness.withToken(seed.pathAndQuery()), seed.body());

        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject(SeedRequest.resource("callback-response.json")));
        CallEvent e = withRequestId(events(), requestId(response)).get(0).value();
        assertThat(e.getSdkAppId()).isEqualTo(888888L);
        assertThat(e.getCommand()).isEqualTo("call_end");
        assertThat(e.getKind()).isEqualTo(EventKind.status);
        assertThat(e.getCallResult()).isEqualTo("normal_end");
        assertThat(e.getEvent()).isNull();
        assertThat(e.getPlatform()).as("optplatfrom").isEqualTo("iOS");
        assertThat(StandardCharsets.UTF_8.decode(e.getRawBody()).toString()).isEqualTo(seed.body());
    }

    // ---- bad input, one test per row of the table ----

    @Test
    void anAppThatIsNotOursIsForbiddenAndNotStored() {
        HttpResponse<String> foreign = gw.post(GatewayHarness.callback(1234L, "caller_start_call", "x", "u"),
                GatewayHarness.body("foreign-call", "u", "caller", 1L));
        HttpResponse<String> missing = gw.post(GatewayHarness.withToken("/callback?command=caller_start_call"),
                GatewayHarness.body("no-app", "u", "caller", 1L));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(foreign.body()).getInteger("ErrorCode")).isNotZero();
        assertThat(new JsonObject(foreign.body()).getString("ErrorMessage")).contains("1234");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(missing.body()).getString("ErrorMessage")).contains("sdkappid is missing");
        assertThat(withRequestId(events(), requestId(foreign))).isEmpty();
        assertThat(withRequestId(deadLetters(), requestId(foreign))).isEmpty();
    }

    @Test
    void malformedCallbacksAreAcknowledgedAndKeptInTheDeadLetterTopicWithTheReason() {
        String query = GatewayHarness.callback(1400000001L, "callee_accept_call", "c", "u");
        Map<String, String> bodies = Map.of(
                "{not json", "body is not valid JSON",
                "{\"UserId\":\"bob\"}", "CallId is missing",
                "{\"CallId\":\"typed\",\"EventTime\":{\"s\":1}}", "EventTime must be a Unix time in seconds");

        for (var entry : bodies.entrySet()) {
            HttpResponse<String> response = gw.post(query, entry.getKey());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject answer = new JsonObject(response.body());
            assertThat(answer.getInteger("ErrorCode")).isZero();
            assertThat(answer.getString("ErrorMessage")).contains("dead-letter topic").contains(entry.getValue());
            ConsumerRecord<String, byte[]> letter = withRequestId(deadLetters(), requestId(response)).get(0);
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(entry.getKey());
            assertThat(header(letter, CallbackRoutes.HEADER_DLQ_REASON)).contains(entry.getValue());
            assertThat(header(letter, CallbackRoutes.HEADER_DLQ_QUERY)).isEqualTo(query.substring(query.indexOf('?') + 1));
            assertThat(withRequestId(events(), requestId(response))).isEmpty();
        }
        assertThat(gw.registry.scrape()).contains("callstream_gateway_dlq_total{application=\"callstream-gateway\",reason=\"invalid_json\"}");
    }

    @Test
    void anUnknownCommandIsStoredWithKindUnknown() {
        HttpResponse<String> response = gw.post(GatewayHarness.callback(1400000001L, "caller_started_hologram", "c", "u"),
                GatewayHarness.body("holo-1", "alice", "caller", 1704695566L));

        assertThat(new JsonObject(response.body()).getInteger("ErrorCode")).isZero();
        CallEvent e = withRequestId(events(), requestId(response)).get(0).value();
        assertThat(e.getKind()).isEqualTo(EventKind.unknown);
        assertThat(e.getCommand()).isEqualTo("caller_started_hologram");
        assertThat(gw.registry.scrape()).contains("command=\"other\"");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"CallId\":\"big\",\"Padding\":\"" + "x".repeat(5000) + "\"}";

        HttpResponse<String> response = gw.post(GatewayHarness.callback(1400000001L, "caller_start_call", "big", "u"), huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(response.body()).getInteger("ErrorCode")).isNotZero();
        assertThat(events().stream().filter(r -> r.value().getCallId().equals("big"))).isEmpty();
    }

    /**
     * A chunked body carries no Content-Length to refuse it by, so only counting the bytes as they arrive stops it:
     * 5 KiB in 512-byte chunks against a limit of 4 KiB.
     */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413AsItArrives() {
        String huge = "{\"CallId\":\"big-chunked\",\"UserId\":\"u\",\"Padding\":\"" + "x".repeat(5000) + "\"}";
        String request = RawConnection.chunkedPost(GatewayHarness.callback(1400000001L, "caller_start_call", "big-chunked", "u"),
                huge, 512);
        assertThat(request).contains("Transfer-Encoding: chunked").doesNotContain("Content-Length");

        String answer;
        try (RawConnection connection = new RawConnection(gw.gateway.port())) {
            connection.send(request); // the gateway may answer and close before the last chunk: a failed write is fine
            answer = connection.receive(Duration.ofSeconds(2));
        }

        assertThat(RawConnection.status(answer)).as(answer).isEqualTo(413);
        assertThat(new JsonObject(RawConnection.body(answer)))
                .isEqualTo(new JsonObject().put("ErrorCode", 41300).put("ErrorMessage", "body exceeds 4096 bytes"));
        assertThat(events().stream().filter(r -> "big-chunked".equals(r.value().getCallId()))).isEmpty();
        assertThat(deadLetters().stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("big-chunked")))
                .isEmpty();
    }

    @Test
    void wrongMethodAndWrongPathAreAnsweredWithJson() {
        HttpResponse<String> get = gw.get("/callback?sdkappid=1400000001&command=caller_start_call");
        HttpResponse<String> nowhere = gw.post("/no/where?sdkappid=1400000001", "{}");

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(new JsonObject(get.body()).getInteger("ErrorCode")).isEqualTo(40500);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(nowhere.body()).getInteger("ErrorCode")).isEqualTo(40400);
    }

    // ---- operations ----

    @Test
    void servesHealthReadinessAndMetrics() {
        assertThat(gw.get("/healthz").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gw.get("/readyz").statusCode()).isEqualTo(200));
        gw.post(GatewayHarness.callback(1400000001L, "caller_start_call", "m", "u"), GatewayHarness.body("metrics-1", "u", "caller", 1L));

        String metrics = gw.get("/metrics").body();

        assertThat(metrics)
                .contains("callstream_gateway_requests_total{application=\"callstream-gateway\",command=\"caller_start_call\",outcome=\"stored\"}")
                .contains("callstream_gateway_ack_latency_seconds_bucket")
                .contains("callstream_gateway_in_flight")
                .contains("kafka_producer_record_send_total")
                .contains("jvm_memory_used_bytes");
    }

    // ---- scale ----

    @Test
    void aThousandConcurrentCallbacksBecomeExactlyAThousandRecordsOnTheirCallsPartitions() throws Exception {
        int partitions = gw.kafka.admin().describeTopics(List.of(gw.eventsTopic)).allTopicNames().get()
                .get(gw.eventsTopic).partitions().size();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String callId = "load-" + (i % 250); // four callbacks per call
            sent.add(gw.postAsync(GatewayHarness.callback(1400000001L, "callee_receive_call", callId, "u"),
                    GatewayHarness.body(callId, "user-" + i, "callee", 1704695566L + i)));
        }
        Set<String> acknowledged = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> response = f.get();
            assertThat(response.body()).isEqualTo("{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}");
            acknowledged.add(requestId(response));
        }

        List<ConsumerRecord<String, CallEvent>> load = events().stream()
                .filter(r -> r.value().getCallId().startsWith("load-")).toList();

        assertThat(load).hasSize(1000);
        assertThat(load.stream().map(r -> header(r, CallbackRoutes.HEADER_REQUEST_ID))).containsExactlyInAnyOrderElementsOf(acknowledged);
        for (ConsumerRecord<String, CallEvent> r : load) {
            assertThat(r.key()).isEqualTo("1400000001/" + r.value().getCallId());
            int expected = Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % partitions;
            assertThat(r.partition()).as("partition of %s", r.key()).isEqualTo(expected);
        }
    }
}
