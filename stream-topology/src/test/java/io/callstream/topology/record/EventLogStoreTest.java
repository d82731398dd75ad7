package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log on RocksDB: where the table's puts and a restore keep events, and how it forgets them. */
class EventLogStoreTest {

    private static final Duration RETENTION = Duration.ofDays(8);
    private static final long NOW = System.currentTimeMillis();
    /** How much longer than the topic the log keeps an event: the clocks' slack. */
    private static final long SLACK = CallRecordProcessor.Timings.CLOCK_SLACK.toMillis();
    private static final long OLD = NOW - RETENTION.toMillis() - SLACK - 1;

    @TempDir
    Path stateDir;
    private MockProcessorContext<Object, Object> context;
    private EventLogStore store;
    private RecordBatchingStateRestoreCallback restore;

    @BeforeEach
    void open() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "event-log-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
        store = new EventLogStore(CallRecordProcessor.EVENT_LOG_STORE, RETENTION);
        store.init(capturingRestore(context.getStateStoreContext()), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theTablesPutKeepsTheEventUnderItsCallAndOffsetWithItsArrivalAndATombstoneKeepsNothing() {
        context.setRecordMetadata("callkit.events", 0, 42);
        long before = System.currentTimeMillis();
        store.put(key("1/a"), value(7, "event"));
        store.put(key("1/b"), null);
        long after = System.currentTimeMillis();

        List<String> keys = keys();
        assertThat(keys).containsExactly(StoredFacts.eventKey("1/a", 42));
        byte[] stored = first();
        assertThat(ByteBuffer.wrap(stored).getLong()).as("its arrival in place of its record timestamp").isBetween(before, after);
        assertThat(new String(stored, Long.BYTES, stored.length - Long.BYTES, StandardCharsets.UTF_8)).isEqualTo("event");
        assertThat(store.get(key("1/a"))).as("the table reads no previous value").isNull();
        assertThat(EventLogStore.offsetOf(keys.get(0))).isEqualTo(42);
    }

    @Test
    void aRestoreKeepsEachEventUnderItsOwnOffsetWithoutItsRawPartsAndForgetsWhatIsOlderThanTheRetentionAndSlackOrNoEvent() {
        restore.restoreBatch(List.of(
                record("1/a", 5, OLD, event("a")),
                record("1/a", 6, NOW, event("a")),
                new ConsumerRecord<>("callkit.events", 0, 7, null, value(NOW, event("b"))),
                new ConsumerRecord<>("callkit.events", 0, 8, "1/b".getBytes(StandardCharsets.UTF_8), null),
                record("1/b", 9, NOW, new byte[] {1, 2, 3}),
                record("1/c", 10, NOW, event("c")),
                record("1/d", 11, NOW - RETENTION.toMillis() - SLACK / 2, event("d")))); // past the retention, not the slack

        assertThat(keys()).containsExactly(StoredFacts.eventKey("1/a", 6), StoredFacts.eventKey("1/c", 10),
                StoredFacts.eventKey("1/d", 11));
        byte[] kept = first();
        assertThat(ByteBuffer.wrap(kept).getLong()).as("its record timestamp, as its arrival").isEqualTo(NOW);
        CallEvent restored = CallstreamSerdes.callEvent().decode(Arrays.copyOfRange(kept, Long.BYTES, kept.length));
        CallEvent original = CallstreamSerdes.callEvent().decode(event("a"));
        assertThat(restored.getRawBody().remaining()).isZero();
        assertThat(restored.getRawQuery()).isNull();
        assertThat(CallFact.of(restored)).as("the same fact").isEqualTo(CallFact.of(original));
    }

    @Test
    void theVacuumVisitsSomeEntriesAtATimeFromWhereItStoppedAndWrapsAround() {
        for (int i = 0; i < 10; i++) {
            context.setRecordMetadata("callkit.events", 0, i);
            store.put(key("1/call-" + i), value(0, "e" + i)); // kept with their arrival, now
        }
        long later = System.currentTimeMillis() + RETENTION.toMillis() + SLACK + 1;

        store.vacuum(NOW, 4); // visits calls 0-3, none old yet
        assertThat(keys()).hasSize(10);
        store.vacuum(later, 4); // 4-7
        assertThat(keys()).hasSize(6).contains(StoredFacts.eventKey("1/call-0", 0)).doesNotContain(StoredFacts.eventKey("1/call-4", 4));
        store.vacuum(later, 4); // 8, 9, and the end
        assertThat(keys()).hasSize(4);
        store.vacuum(later, 4); // from the first key again
        assertThat(keys()).isEmpty();
    }

    private byte[] first() {
        try (var all = store.all()) {
            return all.next().value;
        }
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> keys.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
        }
        return keys;
    }

    private static Bytes key(String callKey) {
        return Bytes.wrap(callKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A value as Kafka Streams hands a timestamped store: the record timestamp, then the event's bytes. */
    private static byte[] value(long timestamp, String event) {
        return value(timestamp, event.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(long timestamp, byte[] event) {
        return ByteBuffer.allocate(Long.BYTES + event.length).putLong(timestamp).put(event).array();
    }

    private static ConsumerRecord<byte[], byte[]> record(String callKey, long offset, long timestamp, byte[] event) {
        return new ConsumerRecord<>("callkit.events", 0, offset, callKey.getBytes(StandardCharsets.UTF_8), value(timestamp, event));
    }

    private static byte[] event(String callId) {
        return CallstreamSerdes.callEvent().encode(ScenarioEvents.event(1, callId, Facts.of("caller_start_call", "alice", 100)));
    }

    /** The context, keeping the restore callback the store registers. */
    private StateStoreContext capturingRestore(StateStoreContext delegate) {
        return (StateStoreContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StateStoreContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        restore = (RecordBatchingStateRestoreCallback) (StateRestoreCallback) args[1];
                    }
                    return method.invoke(delegate, args);
                });
    }
}
