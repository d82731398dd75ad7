package io.callstream.topology;

import static io.callstream.topology.record.Facts.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.CallEvent;
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
import io.callstream.topology.record.ArrivedFact;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.Facts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * R2 across a restore on a real broker: the fold's facts are its events, and an instance with no local state restores
 * its event log from {@code callkit.events} itself. A late callback after the restore revises the record from every
 * fact before it, and from none of the events the fold refused (out of their time window, not decodable, keyed to
 * another call). With {@code CALLSTREAM_LOG_ALL_FACTS}, an instance logs every call's facts when it starts, so that an
 * older build, which reads only {@code call-facts}, can take over.
 */
@WithKafka
class EventLogRestoreIT {

    private static final List<CallFact> CONNECTED = Facts.CONNECTED;
    private static final CallFact LATE = of("callee_call_end", "bob", 170); // a later end: a new fact, a new revision

    @Test
    void aCallIsRevisedAfterARestoreFromItsEventsAloneAndTheBridgeLogsItsFacts(KafkaCluster kafka, @TempDir Path first,
                                                                                @TempDir Path second, @TempDir Path third)
            throws Exception {
        Map<String, String> env = AppOnOwnTopics.settings(kafka, "event-log", first);
        String events = env.get("CALLSTREAM_TOPIC_EVENTS");
        String records = env.get("CALLSTREAM_TOPIC_CALL_RECORDS");

        List<ProducerRecord<String, byte[]>> call = new ArrayList<>();
        CONNECTED.forEach(f -> call.add(event(events, "c1", FoldDriver.event("c1", f))));
        CallEvent outOfWindow = FoldDriver.event("c1", of("callee_reject_call", "carol", 102));
        outOfWindow.setEventTime(102_000L); // in milliseconds: far in the future, refused
        call.add(event(events, "c1", outOfWindow));
        call.add(new ProducerRecord<>(events, FoldDriver.APP + "/c1", new byte[] {1, 2, 3})); // not an event
        call.add(new ProducerRecord<>(events, FoldDriver.APP + "/c1",
                CallstreamSerdes.callEvent().encode(FoldDriver.event("other", of("callee_reject_call", "dave", 103)))));
        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            kafka.produce(call, new StringSerializer(), new ByteArraySerializer());
            await().atMost(Duration.ofSeconds(30)).until(() -> records(kafka, records).size() == 1);
            assertThat(loggedFacts(app)).as("a call a few seconds old writes no fact").isZero();
        }
        assertThat(records(kafka, records).get(0).value()).isEqualTo(revision(CONNECTED, 1));

        env.put("CALLSTREAM_STATE_DIR", second.toString());
        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            kafka.produce(List.of(event(events, "c1", FoldDriver.event("c1", LATE))), new StringSerializer(),
                    new ByteArraySerializer());
            await().atMost(Duration.ofSeconds(30)).until(() -> records(kafka, records).size() == 2);
        }
        List<CallFact> all = new ArrayList<>(CONNECTED);
        all.add(LATE);
        assertThat(records(kafka, records).get(1).value()).as("every fact restored, no refused event among them")
                .isEqualTo(revision(all, 2));

        env.put("CALLSTREAM_STATE_DIR", third.toString());
        env.put("CALLSTREAM_LOG_ALL_FACTS", "true");
        try (Metrics metrics = new Metrics("it");
             StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> loggedFacts(app) == all.size());
        }
        assertThat(records(kafka, records)).as("nothing re-emitted").hasSize(2);
    }

    private static ProducerRecord<String, byte[]> event(String topic, String callId, CallEvent event) {
        return new ProducerRecord<>(topic, FoldDriver.APP + "/" + callId, CallstreamSerdes.callEvent().encode(event));
    }

    private static CallRecord revision(List<CallFact> facts, int revision) {
        CallRecord record = CallRecordFolder.fold(FoldDriver.APP, "c1", facts, false).record();
        record.setRevision(revision);
        return record;
    }

    private static List<ConsumerRecord<String, CallRecord>> records(KafkaCluster kafka, String topic) {
        return kafka.readAll(topic, new StringDeserializer(), CallstreamSerdes.callRecord().deserializer());
    }

    private static long loggedFacts(StreamsApp app) {
        ReadOnlyKeyValueStore<String, ArrivedFact> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                CallRecordProcessor.FACTS_STORE, QueryableStoreTypes.<String, ArrivedFact>keyValueStore()));
        long n = 0;
        try (KeyValueIterator<String, ArrivedFact> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
