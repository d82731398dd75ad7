package io.callstream.topology.query.local;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.index.RecordCounts;
import io.callstream.topology.query.index.RecordIndex;
import io.callstream.schemas.CallEvent;
import io.callstream.topology.record.ArrivedFact;
import io.callstream.topology.record.CallRecordProcessor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * This instance's stores through interactive queries: all its active partitions, or one partition, optionally
 * including a standby replica ({@code stale}).
 */
public final class KafkaStreamsLocalStores implements LocalStores, StoreLookup {

    private final KafkaStreams streams;
    private final Integer partition;
    private final boolean stale;

    /** @param partition one partition, or null for every active partition of this instance */
    public KafkaStreamsLocalStores(KafkaStreams streams, Integer partition, boolean stale) {
        this.streams = streams;
        this.partition = partition;
        this.stale = stale;
    }

    private final java.util.Map<String, ReadOnlyKeyValueStore<String, ?>> opened = new java.util.HashMap<>();

    /** Each store once per instance of this class (one query): looking a store up is not free. */
    @Override
    @SuppressWarnings("unchecked")
    public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return (ReadOnlyKeyValueStore<String, V>) opened.computeIfAbsent(name, this::open);
    }

    private <V> ReadOnlyKeyValueStore<String, V> open(String name) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            params = params.withPartition(partition);
        }
        if (stale) {
            params = params.enableStaleStores();
        }
        return streams.store(params);
    }

    @Override
    public ReadOnlyKeyValueStore<String, CallRecord> records() {
        return store(RecordIndex.RECORDS);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> byStart() {
        return store(RecordIndex.BY_START);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> byUser() {
        return store(RecordIndex.BY_USER);
    }

    @Override
    public ReadOnlyKeyValueStore<String, Long> counts() {
        return store(RecordCounts.STORE);
    }

    @Override
    public ReadOnlyKeyValueStore<String, Long> openCalls() {
        return store(CallRecordProcessor.OPEN_CALLS_STORE);
    }

    @Override
    public ReadOnlyKeyValueStore<String, ArrivedFact> callFacts() {
        return store(CallRecordProcessor.FACTS_STORE);
    }

    @Override
    public ReadOnlyKeyValueStore<String, ValueAndTimestamp<CallEvent>> callEvents() {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, ValueAndTimestamp<CallEvent>>> params =
                StoreQueryParameters.fromNameAndType(CallRecordProcessor.EVENT_LOG_STORE,
                        QueryableStoreTypes.timestampedKeyValueStore());
        if (partition != null) {
            params = params.withPartition(partition);
        }
        if (stale) {
            params = params.enableStaleStores();
        }
        return streams.store(params);
    }
}
