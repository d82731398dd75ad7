package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.EventTimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * What the fold keeps decoded; that a call not kept reads back whole from the stores, open or recorded; and where its
 * facts are read from: its admitted events in the event log, or its logged facts once it is old enough (R2).
 */
class CallStateStoreTest {

    private static final long APP = 1400000001L;
    private static final String CALL = APP + "/call-1";
    private static final CallFact START = Facts.of("caller_start_call", "alice", 100);
    private static final CallFact ACCEPT = Facts.of("callee_accept_call", "bob", 105);
    private static final int MAX_FACTS = 5;
    /** What callkit.events keeps. */
    private static final Duration KEPT = Duration.ofDays(8);

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, FoldedCall> states = store(CallRecordProcessor.STATE_STORE, new CallStateSerde(new EmittedRecordSerde()));
    private final KeyValueStore<String, ArrivedFact> facts = store(CallRecordProcessor.FACTS_STORE, new ArrivedFactSerde());
    private final TimestampedKeyValueStore<String, CallEvent> events = eventLog();
    private final AtomicInteger readBack = new AtomicInteger();
    private final AtomicInteger logged = new AtomicInteger();
    private final FoldListener counting = new FoldListener() {
        @Override
        public void callReadBack() {
            readBack.incrementAndGet();
        }

        @Override
        public void factsLogged(int count) {
            logged.addAndGet(count);
        }
    };
    private final KeyValueStore<String, Long> openCalls = store(CallRecordProcessor.OPEN_CALLS_STORE, Serdes.Long());
    private final OpenCallSchedule schedule = new OpenCallSchedule(Duration.ofSeconds(3), Duration.ofMinutes(1));
    private final CallStateStore store = restarted(10);
    private long offset;
    private long now = 300_000;

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> kv = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        kv.init(context.getStateStoreContext(), kv);
        return kv;
    }

    private TimestampedKeyValueStore<String, CallEvent> eventLog() {
        TimestampedKeyValueStore<String, CallEvent> kv = Stores.timestampedKeyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(CallRecordProcessor.EVENT_LOG_STORE), Serdes.String(), CallstreamSerdes.callEvent())
                .withLoggingDisabled().build();
        kv.init(context.getStateStoreContext(), kv);
        return kv;
    }

    /** The store as a task that starts on the same stores sees it, keeping {@code cached} calls decoded. */
    private CallStateStore restarted(int cached) {
        return new CallStateStore(states, facts, events, openCalls, schedule,
                new EventAdmission(EventTimeWindow.defaults(), KEPT), MAX_FACTS, cached, counting, () -> now);
    }

    @Test
    void anEmittedCallIsNotKeptDecodedAndReadsBackWhole() {
        FoldedCall state = settlingCall();
        assertThat(store.isDecoded(CALL)).isTrue(); // in progress: kept for its next callback

        emit(state);
        assertThat(store.isDecoded(CALL)).isFalse();

        FoldedCall read = store.get(CALL);
        assertThat(readBack).hasValue(1);
        assertThat(read).isNotSameAs(state);
        assertThat(read.phase()).isEqualTo(FoldedCall.Phase.EMITTED);
        assertThat(read.deadlineMs()).isEqualTo(9_000);
        assertThat(read.facts()).containsExactly(START, ACCEPT);
        assertThat(read.lastEventMs()).isEqualTo(2_000);
        assertThat(store.isDecoded(CALL)).isTrue(); // a late callback came: its call is kept again
        assertThat(store.get(CALL)).isSameAs(read);
        assertThat(readBack).as("kept decoded: not read back again").hasValue(1);
    }

    @Test
    void aPeekReadsACallWholeWithoutKeepingItDecodedSoTheCallsInProgressStay() {
        emit(settlingCall());
        CallStateStore small = restarted(1);
        FoldedCall inProgress = FoldedCall.empty();
        small.save("1/in-progress", inProgress);

        FoldedCall peeked = small.peek(CALL);
        assertThat(peeked.facts()).containsExactly(START, ACCEPT);
        assertThat(peeked.deadlineMs()).isEqualTo(9_000);
        assertThat(readBack).hasValue(1);
        assertThat(small.isDecoded(CALL)).isFalse();
        assertThat(small.isDecoded("1/in-progress")).as("not pushed out by the peek").isTrue();
        assertThat(small.peek("1/in-progress")).as("a decoded call is its decoded state").isSameAs(inProgress);
        assertThat(small.peek("1/unknown")).isNull();
        assertThat(readBack).hasValue(1);
    }

    @Test
    void theLeastRecentlyUsedCallLeavesFirst() {
        CallStateStore small = restarted(2);
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
    void aCallWithoutARecordWritesNothingButWhenItWasFirstSeenAndReadsBackWhereItStood() { // R6
        FoldedCall state = store.open(CALL, 1_000, offset + 1);
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        CallFact accept = Facts.of("callee_accept_call", "bob", 105);
        add(state, start, 1_000);
        state.schedule(FoldedCall.Phase.OPEN, 61_000);
        add(state, accept, 2_000);

        FoldedCall open = restarted(10).get(CALL);
        assertThat(states.approximateNumEntries()).as("no state written").isZero();
        assertThat(facts.approximateNumEntries()).as("no fact written: its events are its facts").isZero();
        assertThat(open.phase()).isEqualTo(FoldedCall.Phase.OPEN);
        assertThat(open.deadlineMs()).as("the idle timeout after it was first seen").isEqualTo(61_000);
        assertThat(open.facts()).containsExactly(start, accept);
        assertThat(open.lastEventMs()).isEqualTo(2_000);
        assertThat(open.lastEmitted()).isNull();
        assertThat(restarted(10).openCallKeys()).containsExactly(CALL);

        store.recorded(CALL);
        assertThat(store.openCallKeys()).isEmpty();
        assertThat(restarted(10).get(CALL)).as("neither open nor recorded: unknown, whatever its events").isNull();
    }

    @Test
    void anOpenCallsMovedIdleDeadlineIsItsStoredOne() {
        FoldedCall state = store.open(CALL, 1_000, offset + 1);
        add(state, Facts.of("caller_start_call", "alice", 100), 1_000);
        state.schedule(FoldedCall.Phase.OPEN, 95_000); // the punctuator moved it
        store.save(CALL, state);

        FoldedCall read = restarted(10).get(CALL);
        assertThat(read.phase()).isEqualTo(FoldedCall.Phase.OPEN);
        assertThat(read.deadlineMs()).isEqualTo(95_000);
    }

    @Test
    void aCallReadBackHasTheAdmittedEventsBeforeTheOneBeingFoldedDistinctInArrivalOrderAndAtMostTheCap() { // R1, R2
        log(CALL, ScenarioEvents.event(APP, "call-1", Facts.of("callee_call_end", "carol", 99)), now - KEPT.toMillis() - 1);
        store.open(CALL, 1_000, offset + 1);
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        log(CALL, ScenarioEvents.event(APP, "call-1", start), 1_000);
        log(CALL, ScenarioEvents.event(APP, "someone-else", Facts.of("callee_accept_call", "bob", 101)), 1_001);
        CallEvent unknown = ScenarioEvents.event(APP, "call-1", Facts.of("caller_call_end", "alice", 102));
        unknown.setKind(EventKind.unknown);
        log(CALL, unknown, 1_002);
        CallEvent outOfWindow = ScenarioEvents.event(APP, "call-1", Facts.of("callee_call_end", "bob", 103));
        outOfWindow.setEventTime(103_000L); // in milliseconds: far in the future
        log(CALL, outOfWindow, 1_003);
        log(CALL, ScenarioEvents.event(APP, "call-1", start), 1_004); // a retry
        List<CallFact> more = new ArrayList<>();
        for (int i = 0; i < MAX_FACTS + 1; i++) {
            more.add(Facts.of("callee_reject_call", "user-" + i, 110 + i));
            log(CALL, ScenarioEvents.event(APP, "call-1", more.get(i)), 1_010 + i);
        }
        long folding = offset; // the last of them is the event being folded

        FoldedCall read = restarted(10).get(CALL, folding);
        assertThat(read.facts()).containsExactly(start, more.get(0), more.get(1), more.get(2), more.get(3));
        assertThat(read.lastEventMs()).as("the arrival of the last fact read").isEqualTo(1_013);
        assertThat(read.firstEventTimestamp()).as("the earliest arrival of its facts").isEqualTo(1_000);
        assertThat(read.loggedFacts()).isEqualTo(-1);
    }

    @Test
    void aCallOldEnoughHasItsFactsLoggedOnceThenEachNewOneAndReadsBackFromThemAlone() {
        FoldedCall state = store.open(CALL, 1_000, offset + 1);
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        CallFact accept = Facts.of("callee_accept_call", "bob", 105);
        add(state, start, 1_000);
        add(state, accept, 2_000);
        store.logFactsIfOlder(CALL, state, 10_000, 9_000);
        assertThat(facts.approximateNumEntries()).as("9 s old, not older than 9 s").isZero();

        store.logFactsIfOlder(CALL, state, 10_001, 9_000);
        assertThat(logged).hasValue(2);
        store.logFactsIfOlder(CALL, state, 20_000, 9_000);
        assertThat(logged).as("once").hasValue(2);
        CallFact end = Facts.of("caller_call_end", "alice", 160);
        add(state, end, 30_000);
        assertThat(facts.approximateNumEntries()).as("and then each new fact").isEqualTo(3);

        try (var all = events.all()) { // the topic forgot its events
            List<String> keys = new ArrayList<>();
            all.forEachRemaining(kv -> keys.add(kv.key));
            keys.forEach(events::delete);
        }
        FoldedCall read = restarted(10).get(CALL);
        assertThat(read.facts()).containsExactly(start, accept, end);
        assertThat(read.lastEventMs()).isEqualTo(30_000);
        assertThat(read.loggedFacts()).isEqualTo(3);
    }

    @Test
    void loggedFactsKeepTheOrderOfTheirEventsWhateverTheirTimesSoTheCallReadsBackAlike() { // R2, R6
        FoldedCall state = store.open(CALL, 1_000, offset + 1);
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        CallFact accept = Facts.of("callee_accept_call", "bob", 105);
        CallFact end = Facts.of("caller_call_end", "alice", 160);
        add(state, start, 1_000);
        add(state, accept, 1_005);
        add(state, end, 1_004); // restored events keep the gateways' times, which need not follow their offsets
        FoldedCall fromEvents = restarted(10).get(CALL);

        store.logFactsIfOlder(CALL, state, 100_000, 0);
        assertThat(List.of(0, 1, 2)).extracting(seq -> facts.get(StoredFacts.factKey(CALL, seq)))
                .containsExactly(new ArrivedFact(start, 1_000), new ArrivedFact(accept, 1_005), new ArrivedFact(end, 1_004));
        FoldedCall fromFacts = restarted(10).get(CALL);
        assertThat(fromFacts.loggedFacts()).isEqualTo(3);
        assertThat(fromFacts.lastEventMs()).isEqualTo(fromEvents.lastEventMs());
        assertThat(fromFacts.phase()).isEqualTo(fromEvents.phase());
        assertThat(fromFacts.deadlineMs()).as("due when it was").isEqualTo(fromEvents.deadlineMs());
    }

    @Test
    void aDroppedCallLeavesNoFactsAndOfItsEventsOnlyTheNewestAndNotTheEventBeingFolded() {
        FoldedCall state = store.open(CALL, 1_000, offset + 1);
        add(state, Facts.of("caller_start_call", "alice", 100), 1_000);
        add(state, Facts.of("callee_accept_call", "bob", 105), 3_000);
        add(state, Facts.of("caller_call_end", "alice", 160), 2_000);
        store.logFactsIfOlder(CALL, state, 100_000, 0);
        log(CALL, ScenarioEvents.event(APP, "call-1", Facts.of("callee_call_end", "bob", 170)), 250_000);
        store.delete(CALL, state, offset); // the last event is a late callback being folded: the next call's
        store.recorded(CALL);

        assertThat(facts.approximateNumEntries()).isZero();
        assertThat(eventTimestamps()).as("the newest event of the dropped call, and the event being folded")
                .containsExactly(3_000L, 250_000L);
    }

    @Test
    void aKeyUsedAgainAfterADropHasItsFactsLoggedFromTheFirstSoThatARestoreOfTheOldEventsChangesNothing() { // R2
        FoldedCall dropped = store.open(CALL, 1_000, offset + 1);
        CallFact start = Facts.of("caller_start_call", "alice", 100);
        add(dropped, start, 1_000);
        add(dropped, Facts.of("callee_accept_call", "bob", 105), 2_000);
        long droppedUpTo = offset;
        store.delete(CALL, dropped, Long.MAX_VALUE);
        store.recorded(CALL);

        CallFact late = Facts.of("callee_call_end", "bob", 170);
        log(CALL, ScenarioEvents.event(APP, "call-1", late), 250_000);
        FoldedCall again = store.open(CALL, 250_000, offset);
        assertThat(again.loggedFacts()).as("the key had events: facts logged from the first").isZero();
        assertThat(again.add(late, 250_000)).isTrue();
        store.addFact(CALL, again, late, 250_000);
        assertThat(facts.approximateNumEntries()).isEqualTo(1);

        for (long o = 1; o <= droppedUpTo; o++) { // a restore puts back the dropped call's events
            events.put(StoredFacts.eventKey(CALL, o), ValueAndTimestamp.make(ScenarioEvents.event(APP, "call-1", start), 1_000));
        }
        FoldedCall read = restarted(10).get(CALL);
        assertThat(read.facts()).containsExactly(late);

        String other = APP + "/call-2"; // a key never used before: read from its events alone
        assertThat(store.open(other, 250_000, offset + 1).loggedFacts()).isEqualTo(-1);
    }

    private List<Long> eventTimestamps() {
        List<Long> timestamps = new ArrayList<>();
        try (var all = events.all()) {
            all.forEachRemaining(kv -> timestamps.add(kv.value.timestamp()));
        }
        return timestamps;
    }

    /** {@link #CALL} with {@link #START} (at 1,000) and {@link #ACCEPT} (at 2,000), settling until 5,000. */
    private FoldedCall settlingCall() {
        FoldedCall state = store.open(CALL, 1_000, offset + 1);
        add(state, START, 1_000);
        add(state, ACCEPT, 2_000);
        state.schedule(FoldedCall.Phase.SETTLING, 5_000);
        store.save(CALL, state);
        return state;
    }

    /** The call recorded, and then held until its retention ends at 9,000. */
    private void emit(FoldedCall state) {
        store.recorded(CALL);
        state.schedule(FoldedCall.Phase.EMITTED, 9_000);
        store.saveEmitted(CALL, state);
    }

    private void add(FoldedCall state, CallFact fact, long arrivedMs) {
        log(CALL, ScenarioEvents.event(APP, "call-1", fact), arrivedMs);
        assertThat(state.add(fact, arrivedMs)).isTrue();
        state.eventAt(arrivedMs);
        store.addFact(CALL, state, fact, arrivedMs);
    }

    /** An event of {@code key} at the next offset, as the table over callkit.events puts it. */
    private void log(String key, CallEvent event, long arrivedMs) {
        events.put(StoredFacts.eventKey(key, ++offset), ValueAndTimestamp.make(event, arrivedMs));
    }
}
