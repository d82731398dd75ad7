package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.callstream.topology.TopologyConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {

    private static StreamsAppConfig from(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(variables);
        all.put("CALLSTREAM_ADVERTISED_HOST", "query-0"); // no host name lookup in a test
        return StreamsAppConfig.from(new Env(all));
    }

    @Test
    void theRecordRetentionIsReadOnceForTheTopologyAndTheAnalystApi() {
        StreamsAppConfig defaults = from(Map.of());
        assertThat(defaults.topology().recordRetention()).isEqualTo(TopologyConfig.DEFAULT_RECORD_RETENTION);
        assertThat(defaults.analystApi().retention()).isEqualTo(TopologyConfig.DEFAULT_RECORD_RETENTION);

        StreamsAppConfig set = from(Map.of("CALLSTREAM_RECORD_RETENTION_MS",
                Long.toString(Duration.ofDays(30).toMillis())));
        assertThat(set.topology().recordRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(set.analystApi().retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void tasksDoNotIdleForOtherPartitionsUnlessTold() { // each task reads one partition of callkit.events
        assertThat(from(Map.of()).streamsProperties().get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
        assertThat(from(Map.of("KAFKA_STREAMS_MAX_TASK_IDLE_MS", "0")).streamsProperties()
                .get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
    }

    @Test
    void theStoresShareOneBoundedMemoryUnlessTold() {
        Properties defaults = from(Map.of()).streamsProperties();
        assertThat(defaults.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
        assertThat(defaults.get(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG)).isEqualTo(256L << 20);

        assertThat(from(Map.of("CALLSTREAM_ROCKSDB_MEMORY_MB", "1024")).streamsProperties()
                .get(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG)).isEqualTo(1024L << 20);
        assertThat(from(Map.of("KAFKA_STREAMS_ROCKSDB_CONFIG_SETTER", "com.example.OwnSetter")).streamsProperties()
                .get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo("com.example.OwnSetter");
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_ROCKSDB_MEMORY_MB", "1")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_ROCKSDB_MEMORY_MB");
    }

    @Test
    void aRecordRetentionUnderASecondIsRefused() {
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_RECORD_RETENTION_MS", "10")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_RECORD_RETENTION_MS");
    }
}
