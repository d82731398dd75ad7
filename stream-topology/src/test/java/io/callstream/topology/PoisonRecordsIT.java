package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.deadletter.DeadLetterReason;
import io.callstream.topology.deadletter.DeadLetterReplay;
import io.callstream.topology.deadletter.DeadLetters;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.Facts;
import io.callstream.topology.fold.CallRecordFolder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records on a real broker: garbage, a truncated CallEvent, a CallEvent of a newer schema (a gateway upgraded
 * before the topology) and events whose key is not their call, interleaved with good calls. The application stays
 * RUNNING and ready, replaces no thread, folds the good calls exactly (R1, R6), and the topology's dead-letter topic
 * holds exactly the bad records, verbatim, with their source and reason.
 */
@WithKafka
class PoisonRecordsIT {

    private static final long APP = 1400000001L;
    private static final List<CallFact> CONNECTED = Facts.CONNECTED;

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheFoldGoesOn(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        Map<String, String> env = AppOnOwnTopics.settings(kafka, "poison", dir);
        String events = env.get("CALLSTREAM_TOPIC_EVENTS");
        String records = env.get("CALLSTREAM_TOPIC_CALL_RECORDS");
        String dlq = env.get("CALLSTREAM_TOPIC_TOPOLOGY_DLQ");

        byte[] good = encode(event("c-0", CONNECTED.get(0)));
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(good, good.length - 7);
        byte[] future = encodeWithNewerSchema(event("c-future", CONNECTED.get(0)));
        byte[] noSlash = encode(event("c-noslash", CONNECTED.get(0)));
        byte[] otherCall = encode(event("c-other", CONNECTED.get(0)));
        Map<String, byte[]> poison = new java.util.LinkedHashMap<>();
        poison.put(APP + "/c-garbage", garbage);
        poison.put(APP + "/c-0", truncated);
        poison.put(APP + "/c-future", future);
        poison.put("c-noslash", noSlash);
        poison.put(APP + "/c-someone-else", otherCall);

        // Ten good calls; after each of the first five calls' opening event, one poison record.
        List<ProducerRecord<String, byte[]>> input = new ArrayList<>();
        List<Map.Entry<String, byte[]>> bad = new ArrayList<>(poison.entrySet());
        for (int e = 0; e < CONNECTED.size(); e++) {
            for (int c = 0; c < 10; c++) {
                input.add(new ProducerRecord<>(events, APP + "/c-" + c, encode(event("c-" + c, CONNECTED.get(e)))));
                if (e == 0 && c < bad.size()) {
                    input.add(new ProducerRecord<>(events, bad.get(c).getKey(), bad.get(c).getValue()));
                }
            }
        }

        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            kafka.produce(input, new StringSerializer(), new ByteArraySerializer());

            Map<String, CallRecord> expected = new HashMap<>();
            for (int c = 0; c < 10; c++) {
                CallRecord record = CallRecordFolder.fold(APP, "c-" + c, CONNECTED, false).record();
                record.setRevision(1);
                expected.put(APP + "/c-" + c, record);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll(records, new StringDeserializer(),
                    CallstreamSerdes.callRecord().deserializer()).size() >= expected.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readAll(dlq, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).size() >= poison.size());

            List<ConsumerRecord<String, CallRecord>> folded = kafka.readAll(records, new StringDeserializer(),
                    CallstreamSerdes.callRecord().deserializer());
            assertThat(folded.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value)))
                    .isEqualTo(expected);
            assertThat(folded).as("one record per call").hasSize(expected.size());

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(dlq, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Map<String, byte[]> kept = new HashMap<>();
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                String key = new String(letter.key(), StandardCharsets.UTF_8);
                kept.put(key, letter.value());
                Map<String, String> headers = headers(letter.headers());
                reasons.put(key, headers.get(DeadLetters.REASON));
                assertThat(headers).containsEntry(DeadLetters.SOURCE_TOPIC, events)
                        .containsKeys(DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET, DeadLetters.EXCEPTION,
                                DeadLetters.MESSAGE);
            }
            assertThat(letters).as("exactly the poison records, once each").hasSize(poison.size());
            assertThat(kept).containsOnlyKeys(poison.keySet());
            poison.forEach((key, value) -> assertThat(kept.get(key)).as(key).isEqualTo(value));
            assertThat(reasons).isEqualTo(Map.of(APP + "/c-garbage", "UNDECODABLE", APP + "/c-0", "UNDECODABLE",
                    APP + "/c-future", "UNKNOWN_SCHEMA", "c-noslash", "INVALID_KEY", APP + "/c-someone-else", "INVALID_KEY"));

            // Upgrade order: the newer gateway's event waits on the dead-letter topic; no thread failed over it.
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(metrics.registry().get("callstream.topology.thread.replacements").counter().count()).isZero();
            assertThat(metrics.registry().get("callstream.topology.dead.letters").tag("reason", "unknown_schema")
                    .counter().count()).isEqualTo(1.0);
            HttpResponse<String> ready = get(app, "/readyz");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            // ... and once the topology knows its schema, the letter as kept replays into the fold.
            CallEvent replayed = AvroSerde.withWriterSchemas(CallEvent.class, List.of(newerSchema()))
                    .decode(kept.get(APP + "/c-future"));
            assertThat(replayed.getCallId()).isEqualTo("c-future");

            // The replay command puts the letters of the chosen reasons back, byte for byte, without their DLQ headers.
            String replayTopic = kafka.newTopicName("replayed");
            kafka.createTopic(replayTopic, 1, Map.of());
            long count = DeadLetterReplay.replay(kafka.clientProperties(), dlq, replayTopic,
                    EnumSet.of(DeadLetterReason.UNKNOWN_SCHEMA, DeadLetterReason.INVALID_KEY));
            List<ConsumerRecord<byte[], byte[]>> back = kafka.readAll(replayTopic, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            assertThat(count).isEqualTo(3);
            assertThat(back).hasSize(3).allSatisfy(r -> {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                assertThat(r.value()).as(key).isEqualTo(poison.get(key));
                assertThat(headers(r.headers())).as(key).doesNotContainKeys(DeadLetters.HEADERS.toArray(String[]::new));
            });
            assertThat(back).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(APP + "/c-future", "c-noslash", APP + "/c-someone-else");
        }
    }

    /**
     * A fault the handlers do not keep out of the thread (here: the processing handler configured to fail) fails the
     * stream thread; past the replacements allowed (none here), the client shuts down, and both probes say so: not
     * ready, and not alive, so that the pod restarts.
     */
    @Test
    void aThreadFailingBeyondItsReplacementsShutsTheClientDownAndTheProbesSaySo(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        Map<String, String> env = AppOnOwnTopics.settings(kafka, "poison", dir);
        env.put("CALLSTREAM_THREAD_REPLACEMENTS_MAX", "0");
        env.put("KAFKA_STREAMS_PROCESSING_EXCEPTION_HANDLER",
                "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler");
        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            assertThat(get(app, "/healthz").statusCode()).isEqualTo(200);
            kafka.produce(List.of(new ProducerRecord<>(env.get("CALLSTREAM_TOPIC_EVENTS"), "c-noslash",
                    encode(event("c-noslash", CONNECTED.get(0))))), new StringSerializer(), new ByteArraySerializer());

            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.ERROR);
            assertThat(get(app, "/healthz").statusCode()).isEqualTo(503);
            assertThat(get(app, "/readyz").statusCode()).isEqualTo(503);
            assertThat(metrics.registry().get("callstream.topology.thread.replacements").counter().count()).isZero();
        }
    }

    private static HttpResponse<String> get(StreamsApp app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CallEvent event(String callId, CallFact fact) {
        return FoldDriver.event(callId, fact);
    }

    private static byte[] encode(CallEvent event) {
        return CallstreamSerdes.callEvent().encode(event);
    }

    /** CallEvent as a newer version would have it: one more field. */
    private static Schema newerSchema() {
        Schema current = CallEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("region", Schema.create(Schema.Type.STRING), "added by a newer gateway", ""));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] encodeWithNewerSchema(CallEvent event) throws IOException {
        Schema newer = newerSchema();
        GenericRecord generic = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), CallEvent.getClassSchema())
                .decode(encode(event));
        GenericRecord extended = new GenericData.Record(newer);
        CallEvent.getClassSchema().getFields().forEach(f -> extended.put(f.name(), generic.get(f.name())));
        extended.put("region", "ap-singapore");
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(extended);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static Map<String, String> headers(Headers headers) {
        return Arrays.stream(headers.toArray()).collect(Collectors.toMap(h -> h.key(),
                h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }
}
