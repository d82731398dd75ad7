package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.gateway.Gateway;
import io.callstream.gateway.GatewayConfig;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallScenarios;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks over HTTP into the real gateway, through callkit.events, folded by the Streams application into
 * callkit.call-records, on a real broker. The Streams application is replaced mid-stream by one with an empty state
 * directory (so it restores from the changelog): no record may be lost or duplicated (exactly-once).
 */
@WithKafka
class GatewayToRecordsIT {

    private static final long APP = 1400000001L;
    private static final String TOKEN = "gateway-to-records-token";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyCompleteCallBecomesExactlyOneCorrectRecordAcrossARestart(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String events = kafka.newTopicName("events");
        String records = kafka.newTopicName("records");
        kafka.createTopics(Topics.EVENTS.withName(events).toNewTopic(Optional.empty()),
                Topics.EVENTS_DLQ.withName(events + ".dlq").toNewTopic(Optional.empty()),
                Topics.CALL_RECORDS.withName(records).toNewTopic(Optional.empty()),
                Topics.CONCURRENCY.withName(records + ".concurrency").toNewTopic(Optional.empty()),
                Topics.DAILY_STATS.withName(records + ".daily").toNewTopic(Optional.empty()));
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_SDKAPPIDS", Long.toString(APP));
        env.put("CALLSTREAM_CALLBACK_TOKEN", TOKEN);
        env.put("CALLSTREAM_GATEWAY_PORT", Integer.toString(FreePort.find()));
        env.put("CALLSTREAM_GATEWAY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_TOPIC_EVENTS", events);
        env.put("CALLSTREAM_TOPIC_EVENTS_DLQ", events + ".dlq");
        env.put("CALLSTREAM_TOPIC_CALL_RECORDS", records);
        env.put("CALLSTREAM_TOPIC_CONCURRENCY", records + ".concurrency");
        env.put("CALLSTREAM_TOPIC_DAILY_STATS", records + ".daily");
        env.put("CALLSTREAM_APPLICATION_ID", kafka.newTopicName("fold"));
        env.put("CALLSTREAM_SETTLE_DELAY_MS", "4000");
        env.put("CALLSTREAM_PUNCTUATE_INTERVAL_MS", "100");
        env.put("CALLSTREAM_QUERY_PORT", "0");
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        env.put("KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        env.put("KAFKA_STREAMS_STATESTORE_CACHE_MAX_BYTES", "0");

        // 300 calls of every kind, started within the last hour (the gateway's receive time is now, and a callback's
        // times must lie near it); the events of each in the order they happened, a quarter of them retried.
        CallScenarios scenarios = new CallScenarios(new Random(11));
        Random random = new Random(12);
        long hourAgo = Instant.now().getEpochSecond() - 3600;
        Map<String, List<CallFact>> calls = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            CallScenarios.Scenario s = scenarios.next().startingAt(hourAgo + i);
            calls.put(s.callId(), s.facts());
        }
        List<String> ids = new ArrayList<>(calls.keySet());

        try (Metrics metrics = new Metrics("it");
             Gateway gateway = Gateway.start(GatewayConfig.from(new Env(env)), metrics.registry()).toCompletionStage().toCompletableFuture().join()) {
            Map<String, String> first = new HashMap<>(env);
            first.put("CALLSTREAM_STATE_DIR", dir.resolve("first").toString());
            StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(first)), metrics.registry());
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);

            // Calls 0-199 completely; wait until the first instance has emitted what it can.
            send(gateway, calls, ids.subList(0, 200), random, false);
            int completeInFirst = (int) ids.subList(0, 200).stream()
                    .filter(id -> CallRecordFolder.fold(APP, id, calls.get(id), false).complete()).count();
            await().atMost(Duration.ofSeconds(60)).until(() -> latest(kafka, records).size() >= completeInFirst);

            // Calls 200-299: the first half of each call's events, then the instance is replaced.
            send(gateway, calls, ids.subList(200, 300), random, true);
            app.close();
            Map<String, String> second = new HashMap<>(env);
            second.put("CALLSTREAM_STATE_DIR", dir.resolve("second").toString());
            try (StreamsApp replacement = StreamsApp.start(StreamsAppConfig.from(new Env(second)), metrics.registry())) {
                sendRest(gateway, calls, ids.subList(200, 300));

                Map<String, CallRecord> expected = new HashMap<>();
                calls.forEach((id, facts) -> {
                    CallRecordFolder.Folded f = CallRecordFolder.fold(APP, id, facts, false);
                    if (f.complete()) {
                        expected.put(APP + "/" + id, CallRecord.newBuilder(f.record()).setRevision(1).build());
                    }
                });
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> latest(kafka, records).size() >= expected.size());
                Thread.sleep(5_000); // longer than the settle delay: anything extra would show now

                // Events arrive shuffled, so a call may complete, be emitted and then learn something new: that is a
                // revision (R6). A duplicate would be a revision emitted twice; a loss, a missing call or revision.
                List<ConsumerRecord<String, CallRecord>> all = kafka.readAll(records, new StringDeserializer(),
                        CallstreamSerdes.callRecord().deserializer());
                Map<String, List<Integer>> revisions = new HashMap<>();
                all.forEach(r -> revisions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getRevision()));
                assertThat(revisions.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                revisions.forEach((key, revs) -> assertThat(revs).as("revisions of %s, in order, none twice", key)
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, revs.size()).boxed().toList()));
                latest(kafka, records).forEach((key, record) -> assertThat(CallRecord.newBuilder(record).setRevision(1).build())
                        .as(key).isEqualTo(expected.get(key)));
                assertThat(expected).hasSizeGreaterThan(200);
            }
        }
    }

    private static Map<String, CallRecord> latest(KafkaCluster kafka, String topic) {
        Map<String, CallRecord> latest = new HashMap<>();
        kafka.readAll(topic, new StringDeserializer(), CallstreamSerdes.callRecord().deserializer())
                .forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private final Map<String, Integer> sentUpTo = new HashMap<>();

    /** Sends the calls' events (all, or the first half of each), interleaved across calls, some twice. */
    private void send(Gateway gateway, Map<String, List<CallFact>> calls, List<String> ids, Random random, boolean half) throws Exception {
        List<Map.Entry<String, CallFact>> arrivals = new ArrayList<>();
        for (String id : ids) {
            List<CallFact> facts = calls.get(id);
            int upTo = half ? facts.size() / 2 : facts.size();
            sentUpTo.put(id, upTo);
            for (CallFact f : facts.subList(0, upTo)) {
                arrivals.add(Map.entry(id, f));
                if (random.nextInt(4) == 0) {
                    arrivals.add(Map.entry(id, f));
                }
            }
        }
        Collections.shuffle(arrivals, random); // across and within calls: the fold must not care (R2)
        post(gateway, arrivals);
    }

    private void sendRest(Gateway gateway, Map<String, List<CallFact>> calls, List<String> ids) throws Exception {
        List<Map.Entry<String, CallFact>> arrivals = new ArrayList<>();
        for (String id : ids) {
            List<CallFact> facts = calls.get(id);
            facts.subList(sentUpTo.get(id), facts.size()).forEach(f -> arrivals.add(Map.entry(id, f)));
        }
        post(gateway, arrivals);
    }

    private void post(Gateway gateway, List<Map.Entry<String, CallFact>> arrivals) throws Exception {
        for (int from = 0; from < arrivals.size(); from += 50) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (Map.Entry<String, CallFact> a : arrivals.subList(from, Math.min(arrivals.size(), from + 50))) {
                batch.add(http.sendAsync(callback(gateway.port(), a.getKey(), a.getValue()), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : batch) {
                assertThat(f.get().body()).isEqualTo("{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}");
            }
        }
    }

    private static HttpRequest callback(int port, String callId, CallFact f) {
        JsonObject body = new JsonObject().put("CallId", callId);
        put(body, "UserId", f.userId());
        put(body, "Role", f.role());
        put(body, "Event", f.event());
        put(body, "CallResult", f.callResult());
        put(body, "EventTime", f.eventTime());
        put(body, "StartCallTs", f.startCallTs());
        put(body, "AcceptTs", f.acceptTs());
        put(body, "EndTs", f.endTs());
        put(body, "TotalNum", f.totalNum());
        put(body, "MediaType", f.mediaType());
        put(body, "CallType", f.callType());
        put(body, "RoomId", f.roomId());
        String query = "sdkappid=" + APP + "&command=" + f.command() + "&contenttype=json&clientip=10.0.0.9"
                + (f.platform() == null ? "" : "&optplatform=" + f.platform());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callback/" + TOKEN + "?" + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    }

    private static void put(JsonObject body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
