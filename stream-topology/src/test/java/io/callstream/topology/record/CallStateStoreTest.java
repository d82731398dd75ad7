package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.fold.CallFact;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** What the fold keeps decoded, and that a call not kept reads back whole from the stores, open or recorded. */
class CallStateStoreTest {

    private static final String CALL = "1400000001/call-1";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, FoldedCall> states = store(CallRecordProcessor.STATE_STORE, new CallStateSerde(new EmittedRecordSerde()));
    private final KeyValueStore<String, ArrivedFact> facts = store(CallRecordProcessor.FACTS_STORE, new ArrivedFactSerde());
    private final AtomicInteger readBack = new AtomicInteger();
    private final FoldListener counting = new FoldListener() {
        @Override
        public void callReadBack() {
            readBack.incrementAndGet();
        }
    };
    private final KeyValueStore<String, Long> openCalls = store(CallRecordProcessor.OPEN_CALLS_STORE, Serdes.Long());
    private final OpenCallSchedule schedule = new OpenCallSchedule(Duration.ofSeconds(3), Duration.ofMinutes(1));
    private final CallStateStore store = new CallStateStore(states, facts, openCalls, schedule, 10, counting);

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> kv = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        kv.init(context.getStateStoreContext(), kv);
        return kv;
    }

    @Test
    void anEmittedCallIsNotKeptDecodedAndReadsBackWhole() {
        FoldedCall state = FoldedCall.empty();
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        CallFact end = Facts.of("callee_accept_call", "bob", 105);
        add(state, start, 1_000);
        add(state, end, 2_000);
        state.schedule(FoldedCall.Phase.SETTLING, 5_000);
        store.save(CALL, state);
        assertThat(store.isDecoded(CALL)).isTrue(); // in progress: kept for its next callback

        state.schedule(FoldedCall.Phase.EMITTED, 9_000);
        store.saveEmitted(CALL, state);
        assertThat(store.isDecoded(CALL)).isFalse();

        FoldedCall read = store.get(CALL);
        assertThat(readBack).hasValue(1);
        assertThat(read).isNotSameAs(state);
        assertThat(read.phase()).isEqualTo(FoldedCall.Phase.EMITTED);
        assertThat(read.deadlineMs()).isEqualTo(9_000);
        assertThat(read.facts()).containsExactly(start, end);
        assertThat(read.lastEventMs()).isEqualTo(2_000);
        assertThat(store.isDecoded(CALL)).isTrue(); // a late callback came: its call is kept again
        assertThat(store.get(CALL)).isSameAs(read);
        assertThat(readBack).as("kept decoded: not read back again").hasValue(1);
    }

    @Test
    void theLeastRecentlyUsedCallLeavesFirst() {
        CallStateStore small = new CallStateStore(states, facts, openCalls, schedule, 2, counting);
        for (String call : new String[] {"1/a", "1/b"}) {
            FoldedCall s = FoldedCall.empty();
            small.save(call, s);
        }
        small.get("1/a"); // a is now the more recently used
        small.save("1/c", FoldedCall.empty());
        assertThat(small.isDecoded("1/a")).isTrue();
        assertThat(small.isDecoded("1/b")).isFalse();
        assertThat(small.isDecoded("1/c")).isTrue();
        assertThat(readBack).hasValue(0);
        assertThat(small.get("1/b")).isNotNull(); // written through: nothing is lost by leaving the cache
        assertThat(readBack).hasValue(1);
        assertThat(small.get("1/unknown")).isNull();
        assertThat(readBack).as("an unknown call is not a read back").hasValue(1);
    }

    @Test
    void aCallWithoutARecordIsWrittenOnlyAsItsFactsAndReadsBackWhereItStood() { // R6
        FoldedCall state = store.open(CALL, 1_000);
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        CallFact accept = Facts.of("callee_accept_call", "bob", 105);
        add(state, start, 1_000);
        state.schedule(FoldedCall.Phase.OPEN, 61_000);
        add(state, accept, 2_000);
        CallStateStore other = new CallStateStore(states, facts, openCalls, schedule, 10, counting); // a restarted task

        FoldedCall open = other.get(CALL);
        assertThat(states.approximateNumEntries()).as("no state written").isZero();
        assertThat(open.phase()).isEqualTo(FoldedCall.Phase.OPEN);
        assertThat(open.deadlineMs()).as("the idle timeout after it was first seen").isEqualTo(61_000);
        assertThat(open.facts()).containsExactly(start, accept);
        assertThat(open.lastEventMs()).isEqualTo(2_000);
        assertThat(open.lastEmitted()).isNull();
        assertThat(other.openCallKeys()).containsExactly(CALL);

        store.recorded(CALL);
        assertThat(store.openCallKeys()).isEmpty();
        assertThat(new CallStateStore(states, facts, openCalls, schedule, 10, counting).get(CALL))
                .as("neither open nor recorded: unknown").isNull();
    }

    @Test
    void anOpenCallsMovedIdleDeadlineIsItsStoredOne() {
        FoldedCall state = store.open(CALL, 1_000);
        add(state, Facts.of("caller_start_call", "alice", 100), 1_000);
        state.schedule(FoldedCall.Phase.OPEN, 95_000); // the punctuator moved it
        store.save(CALL, state);

        FoldedCall read = new CallStateStore(states, facts, openCalls, schedule, 10, counting).get(CALL);
        assertThat(read.phase()).isEqualTo(FoldedCall.Phase.OPEN);
        assertThat(read.deadlineMs()).isEqualTo(95_000);
    }

    private void add(FoldedCall state, CallFact fact, long arrivedMs) {
        assertThat(state.add(fact, arrivedMs)).isTrue();
        store.addFact(CALL, state, fact, arrivedMs);
    }
}
