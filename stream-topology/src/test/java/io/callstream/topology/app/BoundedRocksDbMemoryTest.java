package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbMemoryTest {

    @Test
    void everyStoreGetsTheSharedCacheAndSmallMemtables() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDbMemory().setConfig("call-facts", options, Map.of());

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue(); // charged to the cache, not beside it
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(options.writeBufferSize()).isEqualTo(BoundedRocksDbMemory.MEMTABLE_BYTES);
            assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
        }
    }

    @Test
    void theStoresMemtablesAreChargedToTheOneCache() throws Exception {
        BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.shared(BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES);
        long before = shared.cache().getUsage();
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("values")
                        .withCachingDisabled());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bounded-rocksdb").toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            byte[] value = new byte[1000];
            new Random(1).nextBytes(value);
            for (int i = 0; i < 8_000; i++) { // about 8 MB into the store
                in.pipeInput("key-" + i, value);
            }
            // The write buffer manager reserves the memtable's memory in the shared cache as it grows (in 256 KiB
            // steps); without it the cache would hold only the few blocks read, here none.
            assertThat(shared.cache().getUsage() - before).isGreaterThan(1L << 20);
            assertThat(BoundedRocksDbMemory.shared(1).cache()).isSameAs(shared.cache()); // one cache per JVM
        }
    }
}
