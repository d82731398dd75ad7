package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.StoreBuilders;
import io.callstream.topology.TopologyConfig;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The fold as the topology adds it: a {@link CallRecordProcessor} per task, with the stores it uses.
 *
 * <p>None is cached. A callback writes only its fact, once, unless its call has a record and changes phase; the state,
 * deadline and open-call entries change a few times in a call's life, mostly seconds or minutes apart, so Kafka Streams'
 * record cache would seldom merge two writes, and its sorted map costs more than the writes it saves
 * (docs/benchmarks.md).
 */
public final class CallRecordFold implements ProcessorSupplier<String, CallEvent, String, CallRecord> {

    private final TopologyConfig config;
    private final EmittedRecordSerde emitted;

    /** @param emitted the emitted records' serde, shared with where else the records are written */
    public CallRecordFold(TopologyConfig config, EmittedRecordSerde emitted) {
        this.config = config;
        this.emitted = emitted;
    }

    @Override
    public Processor<String, CallEvent, String, CallRecord> get() {
        return new CallRecordProcessor(config.timings(), config.limits(), config.cachedCalls(), config.openCallStateWritten(),
                config.listener());
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                StoreBuilders.uncached(CallRecordProcessor.STATE_STORE, new CallStateSerde(emitted)),
                // Written only for calls old enough to outlive their events in callkit.events (StoredFacts).
                StoreBuilders.uncached(CallRecordProcessor.FACTS_STORE, new ArrivedFactSerde()),
                StoreBuilders.uncached(CallRecordProcessor.DEADLINE_STORE, Serdes.String()),
                // As many entries as calls in progress, which the fold holds in memory anyway (their deadlines, spans
                // and decoded states); each is written when its call opens and deleted when it is recorded.
                StoreBuilders.inMemory(CallRecordProcessor.OPEN_CALLS_STORE, Serdes.Long()),
                // The calls in progress seen another way, rebuilt whenever a task starts: no changelog, no disk.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CallRecordProcessor.OPEN_SPANS_STORE),
                        Serdes.String(), Serdes.String()).withLoggingDisabled().withCachingDisabled());
    }
}
