package io.callstream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The topology's logged key-value stores, keyed by string: each processor's supplier declares its own. */
public final class StoreBuilders {

    private StoreBuilders() {
    }

    /** Behind Kafka Streams' record cache: for entries rewritten within a commit interval, merged into one write. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> cached(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }

    /** Without the record cache: for entries seldom rewritten within a commit interval, where it would cost, not save. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> uncached(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingDisabled();
    }

    /**
     * In memory, restored from its changelog whenever a task starts: for entries about as few as the calls in progress,
     * each written and deleted once, which cost the stream thread half as much in a map as in RocksDB
     * (docs/benchmarks.md).
     */
    public static <V> StoreBuilder<KeyValueStore<String, V>> inMemory(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values).withCachingDisabled();
    }
}
