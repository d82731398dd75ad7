package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.service.usersig.UserSig;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
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
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Several instances of the Streams app sharing one application id on a real broker, the calls they fold, and the
 * vendor queries the query ITs ask them. Each instance gets its own state directory and query port.
 */
final class QueryInstances {

    static final long APP = 1400000001L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    /** Every instance's, so that they accept each other's requests. */
    static final String CLUSTER_SECRET = "query-it-cluster-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final KafkaCluster kafka;
    final String events;
    final String records;
    final String concurrency;
    final String daily;
    final String applicationId;
    /** The calls, their facts shifted to start 20 days ago (well within the retention, R9). */
    final Map<String, List<CallFact>> calls = new HashMap<>();
    /** The complete calls' records, folded in order: what the queries must answer. */
    final Map<String, io.callstream.schemas.CallRecord> expected = new HashMap<>();
    final long base = Instant.now().getEpochSecond() - 20 * 86_400;
    private final Map<String, String> settings = new HashMap<>();

    QueryInstances(KafkaCluster kafka, int callCount, long seed) throws Exception {
        this.kafka = kafka;
        this.events = kafka.newTopicName("events");
        this.records = kafka.newTopicName("records");
        this.applicationId = kafka.newTopicName("query");
        this.concurrency = kafka.newTopicName("concurrency");
        this.daily = kafka.newTopicName("daily");
        kafka.createTopics(Topics.EVENTS.withName(events).toNewTopic(Optional.empty()),
                Topics.CALL_RECORDS.withName(records).toNewTopic(Optional.empty()),
                Topics.CONCURRENCY.withName(concurrency).toNewTopic(Optional.empty()),
                Topics.DAILY_STATS.withName(daily).toNewTopic(Optional.empty()));
        CallScenarios scenarios = new CallScenarios(new Random(seed));
        for (int i = 0; i < callCount; i++) {
            CallScenarios.Scenario s = scenarios.next();
            calls.put(s.callId(), s.shiftedBy(base - 1_763_000_000L).facts());
        }
        calls.forEach((id, facts) -> {
            CallRecordFolder.Folded f = CallRecordFolder.fold(APP, id, facts, false);
            if (f.complete()) {
                expected.put(id, f.record());
            }
        });
    }

    /** The complete calls' ids in the APIs' order (start time, then call id), from the in-order fold. */
    List<String> expectedOrder() {
        return expected.values().stream().sorted(io.callstream.topology.query.local.LocalRecordQueries.ORDER)
                .map(io.callstream.schemas.CallRecord::getCallId).toList();
    }

    /** An extra setting for every instance started after this call. */
    QueryInstances with(String variable, String value) {
        settings.put(variable, value);
        return this;
    }

    StreamsApp start(Metrics metrics) throws Exception {
        int port = FreePort.find();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_APPLICATION_ID", applicationId);
        env.put("CALLSTREAM_STATE_DIR", Files.createTempDirectory("query-it").toString());
        env.put("CALLSTREAM_TOPIC_EVENTS", events);
        env.put("CALLSTREAM_TOPIC_CALL_RECORDS", records);
        env.put("CALLSTREAM_TOPIC_CONCURRENCY", concurrency);
        env.put("CALLSTREAM_TOPIC_DAILY_STATS", daily);
        env.put("CALLSTREAM_SETTLE_DELAY_MS", "500");
        env.put("CALLSTREAM_PUNCTUATE_INTERVAL_MS", "100");
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_QUERY_PORT", Integer.toString(port));
        env.put("CALLSTREAM_INTERNAL_HOST", "127.0.0.1");
        env.put("CALLSTREAM_INTERNAL_PORT", "0"); // advertised once bound
        env.put("CALLSTREAM_ADVERTISED_HOST", "127.0.0.1");
        env.put("CALLSTREAM_SECRET_KEYS", APP + ":" + KEY);
        env.put("CALLSTREAM_CLUSTER_SECRET", CLUSTER_SECRET);
        env.put("CALLSTREAM_RATE_BY_CALLID", "100000");
        env.put("CALLSTREAM_RATE_BY_FILTER", "100000");
        env.put("KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        // The default (high-availability) assignor moves tasks to a new instance only after warming it up, in a probing
        // rebalance minutes later; the sticky one spreads the partitions over the instances at once.
        env.put("KAFKA_STREAMS_TASK_ASSIGNOR_CLASS", "org.apache.kafka.streams.processor.assignment.assignors.StickyTaskAssignor");
        env.putAll(settings);
        return StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry());
    }

    void produceAll() {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        try (KafkaProducer<String, CallEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                CallstreamSerdes.callEvent().serializer())) {
            calls.forEach((id, facts) -> facts.forEach(f ->
                    producer.send(new ProducerRecord<>(events, APP + "/" + id, FoldDriver.event(id, f)))));
        }
    }

    /**
     * The topology has two sub-topologies: the fold with the query stores it feeds, one task per events partition, and
     * the statistics, one task per partition of their repartition topic, which has as many.
     */
    static final int TASKS = 2 * Topics.EVENTS.partitions();

    static int activeTasks(StreamsApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    /** A v1 filter covering every generated call. */
    JsonObject filter(StreamsApp app, int page, int perPage) throws Exception {
        return post(app, "/v1/records/get_records_by_filter", new JsonObject()
                .put("startTimestamp", base - 1).put("endTimestamp", base + 1_100_000)
                .put("numberPerPage", perPage).put("page", page));
    }

    JsonObject byCallId(StreamsApp app, String callId) throws Exception {
        return post(app, "/v1/records/get_record_by_callId", new JsonObject().put("callId", callId));
    }

    /** The analyst API's calls in progress, {@code limit} per page, after a page's {@code nextCursor} (or from the start). */
    JsonObject openCalls(StreamsApp app, int limit, String cursor) throws Exception {
        return analyst(app, "/api/v1/calls/open?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
    }

    /** A GET of the analyst API as the app's admin; asserts 200. */
    JsonObject analyst(StreamsApp app, String pathAndQuery) throws Exception {
        HttpResponse<String> response = analystResponse(app, pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** A GET of the analyst API as the app's admin, whatever its status. */
    HttpResponse<String> analystResponse(StreamsApp app, String pathAndQuery) throws Exception {
        String sig = UserSig.generate(APP, KEY, "administrator", Duration.ofHours(1), Instant.now());
        URI uri = URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + sig).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The analyst API's daily statistics over every generated call's day. */
    String dailyStatsPath() {
        return "/api/v1/stats/daily?from=" + java.time.LocalDate.ofEpochDay(base / 86_400 - 1)
                + "&to=" + java.time.LocalDate.ofEpochDay((base + 1_100_000) / 86_400);
    }

    private static JsonObject post(StreamsApp app, String path, JsonObject body) throws Exception {
        String sig = UserSig.generate(APP, KEY, "administrator", Duration.ofHours(1), Instant.now());
        URI uri = URI.create("http://127.0.0.1:" + app.port() + path + "?sdkappid=" + APP + "&identifier=administrator&usersig="
                + sig + "&random=12345&contenttype=json");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
