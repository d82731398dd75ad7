package io.callstream.topology;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.query.RecordCounts;
import io.callstream.topology.query.RecordIndex;
import io.callstream.topology.query.RecordIndexProcessor;
import java.time.Duration;
import org.apache.kafka.streams.kstream.KStream;
import io.callstream.topology.record.CallFactSerde;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.CallStateSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds callstream's topology from a {@link TopologyConfig}: {@code callkit.events} → fold per call →
 * {@code callkit.call-records}, and the same records → query stores. Pure: no clients, no threads, no I/O.
 */
public final class CallRecordTopology {

    private static final Duration RECORD_SWEEP_EVERY = Duration.ofMinutes(1);

    private CallRecordTopology() {
    }

    public static Topology build(TopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        // Not cached. A callback that does not change its call's phase writes only its fact, once; the state,
        // deadline and open-call entries change a few times in a call's life, mostly seconds or minutes apart, so a
        // record cache would seldom merge two writes, and its sorted map cost more than the writes it saved
        // (docs/benchmarks.md).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CallRecordProcessor.STATE_STORE),
                Serdes.String(), new CallStateSerde()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CallRecordProcessor.FACTS_STORE),
                Serdes.String(), new CallFactSerde()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CallRecordProcessor.DEADLINE_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CallRecordProcessor.OPEN_CALLS_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());
        KStream<String, CallRecord> records = builder.stream(config.eventsTopic(),
                        Consumed.with(Serdes.String(), CallstreamSerdes.callEvent()).withName("callkit-events"))
                .process(() -> new CallRecordProcessor(config.timings(), config.cachedCalls(), config.listener()),
                        Named.as("fold-calls"), CallRecordProcessor.STATE_STORE, CallRecordProcessor.FACTS_STORE,
                        CallRecordProcessor.DEADLINE_STORE, CallRecordProcessor.OPEN_CALLS_STORE);
        records.to(config.recordsTopic(), Produced.with(Serdes.String(), CallstreamSerdes.callRecord()).withName("call-records"));

        // The query stores (issue #5): every emitted record, indexed by time and by user, kept for the retention (R9).
        // Fed inline from the fold's output, in the same task: a separate sub-topology reading the records topic was
        // measured to cost the fold a quarter of its throughput and to lag behind it (docs/benchmarks.md), and the
        // stores' own changelogs already make them restorable.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecordIndex.RECORDS),
                Serdes.String(), CallstreamSerdes.callRecord()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecordIndex.BY_START),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecordIndex.BY_USER),
                Serdes.String(), Serdes.String()));
        // Cached: consecutive records mostly land in the same hour, so a commit interval's updates of a bucket
        // become one write to RocksDB and the changelog.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RecordCounts.STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        records.process(() -> new RecordIndexProcessor(config.recordRetention(), RECORD_SWEEP_EVERY), Named.as("index-records"),
                RecordIndex.RECORDS, RecordIndex.BY_START, RecordIndex.BY_USER, RecordCounts.STORE);
        return builder.build();
    }
}
