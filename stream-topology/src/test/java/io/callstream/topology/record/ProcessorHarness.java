package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A {@link CallRecordProcessor} on in-memory stores with a hand-driven wall clock: processors started one after the
 * other on the same stores are a restarted (restored, moved) task, and {@link #punctuate} runs what the latest one
 * scheduled. Each event sent is first put into the event log under its own offset, as the topology's table does.
 */
final class ProcessorHarness {

    static final long APP = 1400000001L;

    final MockProcessorContext<String, CallRecord> context = context();
    private final CallRecordProcessor.Limits limits;
    private final TimestampedKeyValueStore<String, CallEvent> events =
            Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(CallRecordProcessor.EVENT_LOG_STORE),
                    Serdes.String(), CallstreamSerdes.callEvent()).withLoggingDisabled().withCachingDisabled().build();
    private long offset;
    /** Every entry the table put, as callkit.events still holds them: what a restore puts back. */
    private final List<KeyValue<String, ValueAndTimestamp<CallEvent>>> topic = new ArrayList<>();

    ProcessorHarness(CallRecordProcessor.Limits limits) {
        this.limits = limits;
        for (KeyValueStore<String, ?> store : List.of(
                store(CallRecordProcessor.STATE_STORE, new CallStateSerde(new EmittedRecordSerde())),
                store(CallRecordProcessor.FACTS_STORE, new ArrivedFactSerde()),
                store(CallRecordProcessor.DEADLINE_STORE, Serdes.String()),
                store(CallRecordProcessor.OPEN_CALLS_STORE, Serdes.Long()),
                store(CallRecordProcessor.OPEN_SPANS_STORE, Serdes.String()))) {
            context.addStateStore(store);
        }
        events.init(context.getStateStoreContext(), events);
        context.addStateStore(events);
    }

    ProcessorHarness() {
        this(TopologyConfig.defaultLimits());
    }

    private static MockProcessorContext<String, CallRecord> context() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-harness");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new MockProcessorContext<>(props);
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** A processor started on the stores at wall-clock {@code wallMs}. */
    CallRecordProcessor start(long wallMs) {
        return start(wallMs, 100);
    }

    /** A processor started on the stores at wall-clock {@code wallMs}, keeping that many calls decoded. */
    CallRecordProcessor start(long wallMs, int cachedCalls) {
        return start(wallMs, cachedCalls, false);
    }

    /** The same, also writing the state of calls without a record if {@code openCallStateWritten}. */
    CallRecordProcessor start(long wallMs, int cachedCalls, boolean openCallStateWritten) {
        return start(wallMs, TopologyConfig.defaults().timings(), cachedCalls, openCallStateWritten);
    }

    /** A processor with these timings started on the stores at wall-clock {@code wallMs}. */
    CallRecordProcessor start(long wallMs, CallRecordProcessor.Timings timings, int cachedCalls, boolean openCallStateWritten) {
        context.setCurrentSystemTimeMs(wallMs);
        CallRecordProcessor processor = new CallRecordProcessor(timings, limits, cachedCalls,
                openCallStateWritten, FoldListener.NONE);
        processor.init(context);
        return processor;
    }

    /** The facts' callbacks, received when they happened ({@link ScenarioEvents#receivedAt}), read at {@code wallMs}. */
    void send(CallRecordProcessor fold, String callId, List<CallFact> facts, long wallMs) {
        facts.forEach(f -> send(fold, callId, ScenarioEvents.event(APP, callId, f), wallMs));
    }

    void send(CallRecordProcessor fold, String callId, CallEvent event, long wallMs) {
        send(fold, new Record<>(APP + "/" + callId, event, wallMs));
    }

    /** The record as the table over callkit.events hands it on: logged under its offset first. */
    void send(CallRecordProcessor fold, Record<String, CallEvent> record) {
        context.setCurrentSystemTimeMs(record.timestamp());
        context.setRecordMetadata("callkit.events", 0, ++offset);
        if (record.key() != null && record.value() != null) {
            var entry = KeyValue.pair(StoredFacts.eventKey(record.key(), offset),
                    ValueAndTimestamp.make(record.value(), record.timestamp()));
            topic.add(entry);
            events.put(entry.key, entry.value);
        }
        fold.process(record);
    }

    /** Puts back every event sent, under its offset, as a restore from callkit.events does, whatever the fold deleted. */
    void restoreEventLog() {
        topic.forEach(entry -> events.put(entry.key, entry.value));
    }

    /** The fold's event log, as the processors see it. */
    TimestampedKeyValueStore<String, CallEvent> events() {
        return events;
    }

    /** Runs the punctuator the latest processor scheduled, as the wall clock reaches {@code at}. */
    void punctuate(long at) {
        context.setCurrentSystemTimeMs(at);
        var punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(at);
    }

    /** How many facts the fold's logged facts store holds, over all calls. */
    long loggedFacts() {
        KeyValueStore<String, ArrivedFact> facts = context.getStateStore(CallRecordProcessor.FACTS_STORE);
        long n = 0;
        try (var all = facts.all()) {
            for (; all.hasNext(); all.next()) {
                n++;
            }
        }
        return n;
    }

    /** The fold's store of call states, as the processors see it. */
    KeyValueStore<String, FoldedCall> states() {
        return context.getStateStore(CallRecordProcessor.STATE_STORE);
    }

    /** The records forwarded since the last call, and forgets them. */
    List<CallRecord> emitted() {
        List<CallRecord> records = context.forwarded().stream().map(f -> (CallRecord) f.record().value()).toList();
        context.resetForwards();
        return records;
    }
}
