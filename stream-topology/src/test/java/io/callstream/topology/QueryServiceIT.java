package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.service.usersig.UserSig;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.record.CallFact;
import io.callstream.topology.record.CallRecordFolder;
import io.callstream.topology.record.CallScenarios;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Issue #5 on a real broker: two instances of the Streams app share 6 partitions; every vendor query gives the same
 * answer from either instance (by-callId routed to the key's owner, filters fanned out and merged), and the answers
 * are the records the calls fold to.
 */
@WithKafka
class QueryServiceIT {

    private static final long APP = 1400000001L;
    private static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.util.concurrent.atomic.AtomicLong BASE = new java.util.concurrent.atomic.AtomicLong();

    @Test
    void eitherInstanceAnswersEveryQueryTheSameAndRight(KafkaCluster kafka) throws Exception {
        String events = kafka.newTopicName("events");
        String records = kafka.newTopicName("records");
        kafka.createTopics(Topics.EVENTS.withName(events).toNewTopic(Optional.empty()),
                Topics.CALL_RECORDS.withName(records).toNewTopic(Optional.empty()));
        String applicationId = kafka.newTopicName("query");

        // The generator spreads calls over ~12 days: start them 20 days ago, well within the retention (R9).
        long base = Instant.now().getEpochSecond() - 20 * 86_400;
        BASE.set(base);
        CallScenarios scenarios = new CallScenarios(new Random(11));
        Map<String, List<CallFact>> calls = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            CallScenarios.Scenario s = scenarios.next();
            calls.put(s.callId(), s.facts().stream().map(f -> shifted(f, base - 1_763_000_000L)).toList());
        }
        Map<String, JsonObject> expected = new HashMap<>();
        calls.forEach((id, facts) -> {
            CallRecordFolder.Folded f = CallRecordFolder.fold(APP, id, facts, false);
            if (f.complete()) {
                expected.put(id, new JsonObject().put("startCallTs", f.record().getStartCallTs())
                        .put("callResult", f.record().getCallResult().name()).put("caller", f.record().getCaller()));
            }
        });

        try (Metrics metrics = new Metrics("query-it");
             StreamsApp one = start(kafka, metrics, applicationId, events, records);
             StreamsApp two = start(kafka, metrics, applicationId, events, records)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> one.streams().state() == KafkaStreams.State.RUNNING
                    && two.streams().state() == KafkaStreams.State.RUNNING && activeTasks(one) > 0 && activeTasks(two) > 0);
            produce(kafka, events, calls);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonObject answer = filter(one, 1, 100);
                return answer.getInteger("errorCode") == 0 && answer.getJsonObject("data").getInteger("totalNum") == expected.size();
            });

            // Filter pages: identical from both instances, every complete call exactly once, in order.
            List<String> seen = new ArrayList<>();
            for (int page = 1; page <= 4; page++) {
                JsonObject fromOne = filter(one, page, 40);
                JsonObject fromTwo = filter(two, page, 40);
                assertThat(fromOne.getJsonObject("data")).isEqualTo(fromTwo.getJsonObject("data"));
                JsonArray list = fromOne.getJsonObject("data").getJsonArray("callRecordList");
                for (int i = 0; i < list.size(); i++) {
                    JsonObject r = list.getJsonObject(i);
                    seen.add(r.getString("callId"));
                    JsonObject want = expected.get(r.getString("callId"));
                    assertThat(want).as(r.getString("callId")).isNotNull();
                    assertThat(r.getLong("startCallTs")).isEqualTo(want.getLong("startCallTs"));
                    assertThat(r.getString("caller")).isEqualTo(want.getString("caller"));
                }
            }
            assertThat(seen).hasSize(expected.size()).doesNotHaveDuplicates();

            // By callId: the owner answers whichever instance is asked; each instance owns some of the calls.
            for (String callId : expected.keySet()) {
                JsonObject fromOne = byCallId(one, callId);
                JsonObject fromTwo = byCallId(two, callId);
                assertThat(fromOne.getInteger("errorCode")).as(callId).isZero();
                assertThat(fromOne.getJsonObject("data")).isEqualTo(fromTwo.getJsonObject("data"));
                String result = expected.get(callId).getString("callResult");
                assertThat(fromOne.getJsonObject("data").getString("callResult"))
                        .isEqualTo(result.equals("unknown") ? "offline" : result);
            }
            String open = calls.keySet().stream().filter(id -> !expected.containsKey(id)).findFirst().orElseThrow();
            assertThat(byCallId(one, open).getInteger("errorCode")).as("an open call has no record yet").isEqualTo(70011);
        }
    }

    private static StreamsApp start(KafkaCluster kafka, Metrics metrics, String applicationId, String events, String records)
            throws Exception {
        int port = FreePort.find();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_APPLICATION_ID", applicationId);
        env.put("CALLSTREAM_STATE_DIR", Files.createTempDirectory("query-it").toString());
        env.put("CALLSTREAM_TOPIC_EVENTS", events);
        env.put("CALLSTREAM_TOPIC_CALL_RECORDS", records);
        env.put("CALLSTREAM_SETTLE_DELAY_MS", "500");
        env.put("CALLSTREAM_PUNCTUATE_INTERVAL_MS", "100");
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_QUERY_PORT", Integer.toString(port));
        env.put("CALLSTREAM_ADVERTISED_HOST", "127.0.0.1");
        env.put("CALLSTREAM_SECRET_KEYS", APP + ":" + KEY);
        env.put("CALLSTREAM_RATE_BY_CALLID", "100000");
        env.put("KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        // The default (high-availability) assignor moves tasks to a new instance only after warming it up, in a probing
        // rebalance minutes later; the sticky one spreads the 6 partitions over both instances at once.
        env.put("KAFKA_STREAMS_TASK_ASSIGNOR_CLASS", "org.apache.kafka.streams.processor.assignment.assignors.StickyTaskAssignor");
        return StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry());
    }

    private static int activeTasks(StreamsApp app) {
        int n = app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
        return n;
    }

    private static void produce(KafkaCluster kafka, String topic, Map<String, List<CallFact>> calls) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        try (KafkaProducer<String, CallEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                CallstreamSerdes.callEvent().serializer())) {
            calls.forEach((id, facts) -> facts.forEach(f ->
                    producer.send(new ProducerRecord<>(topic, APP + "/" + id, FoldDriver.event(id, f)))));
        }
    }

    private static CallFact shifted(CallFact f, long by) {
        return new CallFact(f.command(), f.kind(), f.userId(), f.role(), f.event(), f.callResult(),
                f.eventTime() == null ? null : f.eventTime() + by, f.startCallTs() == null ? null : f.startCallTs() + by,
                f.acceptTs() == null ? null : f.acceptTs() + by, f.endTs() == null ? null : f.endTs() + by,
                f.totalNum(), f.mediaType(), f.callType(), f.roomId(), f.platform());
    }

    private static JsonObject filter(StreamsApp app, int page, int perPage) throws Exception {
        return post(app, "/v1/records/get_records_by_filter", new JsonObject()
                .put("startTimestamp", BASE.get() - 1).put("endTimestamp", BASE.get() + 1_100_000)
                .put("numberPerPage", perPage).put("page", page));
    }

    private static JsonObject byCallId(StreamsApp app, String callId) throws Exception {
        return post(app, "/v1/records/get_record_by_callId", new JsonObject().put("callId", callId));
    }

    private static JsonObject post(StreamsApp app, String path, JsonObject body) throws Exception {
        String sig = UserSig.generate(APP, KEY, "administrator", Duration.ofHours(1), Instant.now());
        URI uri = URI.create("http://127.0.0.1:" + app.port() + path + "?sdkappid=" + APP + "&identifier=administrator&usersig="
                + sig + "&random=12345&contenttype=json");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
