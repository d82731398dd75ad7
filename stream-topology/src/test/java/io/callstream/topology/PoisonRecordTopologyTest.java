package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.deadletter.DeadLetters;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.Facts;
import io.callstream.topology.record.FoldedCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A poison record never stalls the fold: an event the fold refuses or cannot decode goes to the topology's dead-letter
 * topic, byte for byte, before it changes any state, and the calls around it fold exactly (R1, R6).
 */
class PoisonRecordTopologyTest {

    private static final List<CallFact> CONNECTED = Facts.CONNECTED;

    private final FoldDriver fold = new FoldDriver();

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void anEventWhoseKeyIsNotItsCallIsRefusedBeforeAnyStateChangesAndTheCallsAroundItFoldExactly() { // R1, R6
        fold.send("before", CONNECTED.subList(0, 3));
        CallEvent noSlash = FoldDriver.event("poison", CONNECTED.get(0));
        CallEvent otherCall = FoldDriver.event("poison", CONNECTED.get(1));
        fold.events.pipeInput("not-a-call-key", noSlash);
        fold.events.pipeInput(FoldDriver.key("someone-else"), otherCall);
        fold.send("before", CONNECTED.subList(3, 6));
        fold.send("after", CONNECTED);

        assertThat(keysOf(fold.states())).as("no call has a record yet: their facts say where they stand").isEmpty();
        assertThat(fold.loggedEvents()).as("the event log keeps the topic's every event; the refused are no call's facts")
                .isEqualTo(2L * CONNECTED.size() + 2);
        assertThat(fold.loggedFacts()).isZero();
        KeyValueStore<String, Long> open = fold.driver.getKeyValueStore(CallRecordProcessor.OPEN_CALLS_STORE);
        assertThat(keysOf(open)).containsExactlyInAnyOrder(FoldDriver.key("before"), FoldDriver.key("after"));

        List<TestRecord<byte[], byte[]>> letters = fold.deadLetters.readRecordsToList();
        assertThat(letters).hasSize(2);
        assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("not-a-call-key");
        assertThat(letters.get(0).value()).isEqualTo(CallstreamSerdes.callEvent().encode(noSlash));
        assertThat(new String(letters.get(1).key(), StandardCharsets.UTF_8)).isEqualTo(FoldDriver.key("someone-else"));
        assertThat(letters.get(1).value()).isEqualTo(CallstreamSerdes.callEvent().encode(otherCall));
        for (TestRecord<byte[], byte[]> letter : letters) {
            Map<String, String> headers = headers(letter.headers());
            assertThat(headers).containsEntry(DeadLetters.REASON, "INVALID_KEY")
                    .containsEntry(DeadLetters.SOURCE_TOPIC, TopologyConfig.defaults().eventsTopic())
                    .containsEntry(DeadLetters.EXCEPTION, "io.callstream.topology.record.RefusedEventException")
                    .containsKey(DeadLetters.SOURCE_PARTITION).containsKey(DeadLetters.SOURCE_OFFSET);
        }
        assertThat(headers(letters.get(0).headers()).get(DeadLetters.SOURCE_OFFSET)).isEqualTo("3");
        assertThat(headers(letters.get(1).headers()).get(DeadLetters.SOURCE_OFFSET)).isEqualTo("4");
        assertThat(deadLetterCount("invalid_key")).isEqualTo(2.0);

        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.emitted()).containsExactlyInAnyOrder(
                KeyValue.pair(FoldDriver.key("before"), firstRevision("before")),
                KeyValue.pair(FoldDriver.key("after"), firstRevision("after")));
    }

    @Test
    void anEventWithoutAKeyGoesToTheDeadLetterTopicInsteadOfBeingDroppedByTheTable() { // R1
        CallEvent keyless = FoldDriver.event("c1", CONNECTED.get(0));
        fold.events.pipeInput((String) null, keyless);
        fold.send("c1", CONNECTED.subList(1, CONNECTED.size()));

        List<TestRecord<byte[], byte[]>> letters = fold.deadLetters.readRecordsToList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isNull();
            assertThat(letter.value()).isEqualTo(CallstreamSerdes.callEvent().encode(keyless));
            assertThat(headers(letter.headers())).containsEntry(DeadLetters.REASON, "INVALID_KEY");
        });
        assertThat(deadLetterCount("invalid_key")).isEqualTo(1.0);
        assertThat(fold.loggedEvents()).as("not in the event log either").isEqualTo(CONNECTED.size() - 1);
    }

    @Test
    void bytesThatAreNoCallEventGoToTheDeadLetterTopicAsTheyWereAndTheFoldGoesOn() {
        byte[] garbage = {1, 2, 3, (byte) 0xff};
        byte[] good = CallstreamSerdes.callEvent().encode(FoldDriver.event("c1", CONNECTED.get(0)));
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        fold.rawEvents.pipeInput(FoldDriver.key("c1"), garbage);
        fold.rawEvents.pipeInput(FoldDriver.key("c1"), truncated);
        fold.send("c1", CONNECTED);

        List<TestRecord<byte[], byte[]>> letters = fold.deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::value).containsExactly(garbage, truncated);
        assertThat(letters).allSatisfy(l -> assertThat(headers(l.headers())).containsEntry(DeadLetters.REASON, "UNDECODABLE"));
        assertThat(deadLetterCount("undecodable")).isEqualTo(2.0);
        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.emitted()).containsExactly(KeyValue.pair(FoldDriver.key("c1"), firstRevision("c1")));
    }

    @Test
    void theSweepSkipsAStoredCallWhoseKeyIsNotACallsAndFoldsTheOthers() {
        // A call kept under a key no call has (by a version that did not refuse such keys), due for emission now.
        CallRecord any = firstRevision("c0");
        long due = FoldDriver.START.toEpochMilli() + 1_000;
        fold.states().put("not-a-call-key", new FoldedCall(FoldedCall.Phase.SETTLING, due, false, due, any, null));
        KeyValueStore<String, String> deadlines = fold.driver.getKeyValueStore(CallRecordProcessor.DEADLINE_STORE);
        deadlines.put(SortableKeys.padded(due) + "|not-a-call-key", "not-a-call-key");
        fold.send("c1", CONNECTED);

        fold.advance(Duration.ofSeconds(4));

        assertThat(fold.emitted()).containsExactly(KeyValue.pair(FoldDriver.key("c1"), firstRevision("c1")));
        assertThat(fold.meters.find("callstream.topology.dead.letters").tag("reason", "processing_failed").counter().count())
                .as("nothing failed").isZero();
        assertThat(fold.skipped.get()).isEqualTo(1);
    }

    private CallRecord firstRevision(String callId) {
        CallRecord record = CallRecordFolder.fold(FoldDriver.APP, callId, CONNECTED, false).record();
        record.setRevision(1);
        return record;
    }

    private double deadLetterCount(String reason) {
        return fold.meters.find("callstream.topology.dead.letters").tag("reason", reason).counter().count();
    }

    private static Map<String, String> headers(Headers headers) {
        return Arrays.stream(headers.toArray()).collect(Collectors.toMap(h -> h.key(),
                h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }

    private static <V> List<String> keysOf(KeyValueStore<String, V> store) {
        try (KeyValueIterator<String, V> it = store.all()) {
            List<String> keys = new java.util.ArrayList<>();
            it.forEachRemaining(kv -> keys.add(kv.key));
            return keys;
        }
    }
}
