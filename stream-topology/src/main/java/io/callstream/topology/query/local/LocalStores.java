package io.callstream.topology.query.local;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.index.RecordCounts;
import io.callstream.topology.record.ArrivedFact;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The stores one instance can read: from {@code KafkaStreams} (interactive queries) in the application, from
 * {@code TopologyTestDriver} in tests. Each method may throw {@code InvalidStateStoreException} while the stores are
 * not queryable (rebalancing, restoring).
 */
public interface LocalStores {

    ReadOnlyKeyValueStore<String, CallRecord> records();

    ReadOnlyKeyValueStore<String, String> byStart();

    ReadOnlyKeyValueStore<String, String> byUser();

    /** {@link RecordCounts}. */
    ReadOnlyKeyValueStore<String, Long> counts();

    ReadOnlyKeyValueStore<String, Long> openCalls();

    ReadOnlyKeyValueStore<String, ArrivedFact> callFacts();

    ReadOnlyKeyValueStore<String, ValueAndTimestamp<CallEvent>> callEvents();
}
