package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ClosedBy;
import io.callstream.topology.TopologyConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * R6 across a restart: a call without a record keeps its deadline in memory only, so a processor started on the same
 * stores (a restarted, restored or moved task) must rebuild those deadlines from its open calls: a settling call is
 * still emitted after its settle delay, an idle one still closed by the idle timeout, and nothing is emitted twice.
 */
class CallRecordProcessorRestartTest {

    private static final long APP = 1400000001L;
    private static final long T = 1_795_420_800L;
    private static final long WALL = T * 1000;

    private final MockProcessorContext<String, CallRecord> context = context();
    private final List<KeyValueStore<String, ?>> stores = List.of(
            store(CallRecordProcessor.STATE_STORE, new CallStateSerde(new EmittedRecordSerde())),
            store(CallRecordProcessor.FACTS_STORE, new CallFactSerde()),
            store(CallRecordProcessor.DEADLINE_STORE, Serdes.String()),
            store(CallRecordProcessor.OPEN_CALLS_STORE, Serdes.Long()),
            store(CallRecordProcessor.OPEN_SPANS_STORE, Serdes.String()));

    private static MockProcessorContext<String, CallRecord> context() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "restart-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new MockProcessorContext<>(props);
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private CallRecordProcessor started() {
        CallRecordProcessor processor = new CallRecordProcessor(TopologyConfig.defaults().timings(), 100, FoldListener.NONE);
        processor.init(context);
        return processor;
    }

    private void send(CallRecordProcessor fold, String callId, List<CallFact> facts) {
        facts.forEach(f -> fold.process(new Record<>(APP + "/" + callId, ScenarioEvents.event(APP, callId, f), WALL)));
    }

    /** Runs the punctuators the latest processor scheduled, as the wall clock reaches {@code at}. */
    private void punctuate(long at) {
        context.setCurrentSystemTimeMs(at);
        var punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(at);
    }

    private List<String> emitted() {
        List<String> keys = context.forwarded().stream().map(f -> (String) f.record().key()).toList();
        context.resetForwards();
        return keys;
    }

    @Test
    void aRestartedProcessorStillEmitsItsSettlingCallsAndClosesItsIdleOnes() {
        context.setCurrentSystemTimeMs(WALL);
        CallRecordProcessor before = started();
        send(before, "settling", List.of(Facts.of("caller_start_call", "alice", T), Facts.of("callee_accept_call", "bob", T + 5),
                Facts.of("caller_call_accepted", "alice", T + 5), Facts.of("caller_call_end", "alice", T + 60),
                Facts.of("callee_call_end", "bob", T + 60)));
        send(before, "idle", List.of(Facts.of("caller_start_call", "carol", T), Facts.of("callee_accept_call", "dave", T + 5)));
        punctuate(WALL + 1000);
        assertThat(emitted()).isEmpty();
        before.close();

        CallRecordProcessor after = started(); // the same stores, as restored
        punctuate(WALL + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis() + 1);
        assertThat(emitted()).containsExactly(APP + "/settling");
        punctuate(WALL + TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis() + 1);
        List<CallRecord> closed = context.forwarded().stream().map(f -> (CallRecord) f.record().value()).toList();
        assertThat(emitted()).containsExactly(APP + "/idle");
        assertThat(closed).singleElement().satisfies(r -> assertThat(r.getClosedBy()).isEqualTo(ClosedBy.timeout));
        punctuate(WALL + Duration.ofDays(1).toMillis());
        assertThat(emitted()).as("nothing twice").isEmpty();
        after.close();
    }
}
