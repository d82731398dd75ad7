package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.Facts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R6 across a task that moves to an instance with no local state: the fold's calls in progress (the {@code open-calls}
 * store, kept in memory) come back from their changelog, so a call that was settling when the first instance stopped is
 * still emitted by the second, once, and a call still open goes on from the facts it had.
 */
@WithKafka
class OpenCallsRestoreIT {

    private static final List<CallFact> CONNECTED = Facts.CONNECTED;
    private static final String SETTLING = FoldDriver.APP + "/c-settling";
    private static final String OPEN = FoldDriver.APP + "/c-open";

    @Test
    void callsInProgressComeBackFromTheChangelogOnAnInstanceWithoutLocalState(KafkaCluster kafka, @TempDir Path first,
                                                                              @TempDir Path second) throws Exception {
        Map<String, String> env = AppOnOwnTopics.settings(kafka, "open-calls", first);
        env.put("CALLSTREAM_SETTLE_DELAY_MS", "10000"); // long enough for the first instance to stop while it settles
        String events = env.get("CALLSTREAM_TOPIC_EVENTS");
        String records = env.get("CALLSTREAM_TOPIC_CALL_RECORDS");

        List<ProducerRecord<String, byte[]>> opening = new ArrayList<>();
        CONNECTED.forEach(f -> opening.add(event(events, "c-settling", f)));
        CONNECTED.subList(0, 3).forEach(f -> opening.add(event(events, "c-open", f)));
        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            kafka.produce(opening, new StringSerializer(), new ByteArraySerializer());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> openCalls(app).equals(Set.of(SETTLING, OPEN)));
        }
        assertThat(records(kafka, records)).as("nothing emitted before the settle delay passed").isEmpty();

        env.put("CALLSTREAM_STATE_DIR", second.toString());
        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            await().atMost(Duration.ofSeconds(30)).until(() -> records(kafka, records).size() == 1);
            assertThat(records(kafka, records)).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(SETTLING);
                assertThat(r.value()).isEqualTo(revisionOne("c-settling"));
            });
            assertThat(openCalls(app)).as("restored, less the call just recorded").containsExactly(OPEN);

            kafka.produce(CONNECTED.subList(3, CONNECTED.size()).stream().map(f -> event(events, "c-open", f)).toList(),
                    new StringSerializer(), new ByteArraySerializer());
            await().atMost(Duration.ofSeconds(30)).until(() -> records(kafka, records).size() == 2);
            assertThat(records(kafka, records).get(1).value()).as("folded from the facts before and after the move")
                    .isEqualTo(revisionOne("c-open"));
            assertThat(openCalls(app)).isEmpty();
        }
    }

    private static ProducerRecord<String, byte[]> event(String topic, String callId, CallFact fact) {
        return new ProducerRecord<>(topic, FoldDriver.APP + "/" + callId,
                CallstreamSerdes.callEvent().encode(FoldDriver.event(callId, fact)));
    }

    private static CallRecord revisionOne(String callId) {
        CallRecord record = CallRecordFolder.fold(FoldDriver.APP, callId, CONNECTED, false).record();
        record.setRevision(1);
        return record;
    }

    private static List<ConsumerRecord<String, CallRecord>> records(KafkaCluster kafka, String topic) {
        return kafka.readAll(topic, new StringDeserializer(), CallstreamSerdes.callRecord().deserializer());
    }

    private static Set<String> openCalls(StreamsApp app) {
        ReadOnlyKeyValueStore<String, Long> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                CallRecordProcessor.OPEN_CALLS_STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
        Set<String> keys = new TreeSet<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
