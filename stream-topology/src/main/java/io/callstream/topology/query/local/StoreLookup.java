package io.callstream.topology.query.local;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A store by name, as one instance reads it: through Kafka Streams' interactive queries in the application
 * ({@link KafkaStreamsLocalStores}), through {@code TopologyTestDriver#getKeyValueStore} in tests.
 */
@FunctionalInterface
public interface StoreLookup {

    /** @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store is not queryable */
    <V> ReadOnlyKeyValueStore<String, V> store(String name);
}
