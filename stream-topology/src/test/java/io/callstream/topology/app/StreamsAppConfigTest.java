package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.TopologyConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    void userSigsHaveNoMaximumLifetimeUnlessOneIsSet() {
        assertThat(from(Map.of()).userSigMaxLifetime()).isEmpty();
        assertThat(from(Map.of("CALLSTREAM_USERSIG_MAX_LIFETIME_S", "3600")).userSigMaxLifetime()).contains(Duration.ofHours(1));
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
    void theStateOfOpenCallsIsWorkedOutUnlessToldToWriteIt() { // deploy/README.md: a rolling upgrade from older builds
        assertThat(from(Map.of()).topology().openCallStateWritten()).isFalse();
        assertThat(from(Map.of("CALLSTREAM_WRITE_OPEN_CALL_STATE", "true")).topology().openCallStateWritten()).isTrue();
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_WRITE_OPEN_CALL_STATE", "yes please")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_WRITE_OPEN_CALL_STATE");
    }

    @Test
    void aRecordRetentionUnderASecondIsRefused() {
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_RECORD_RETENTION_MS", "10")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_RECORD_RETENTION_MS");
    }

    @Test
    void theStatisticsAreOnInUtcForAYearUnlessTold() {
        StatsConfig defaults = from(Map.of()).topology().stats();
        assertThat(defaults).isEqualTo(StatsConfig.defaults());
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.zone().id()).isEqualTo("UTC");
        assertThat(from(Map.of()).analystApi().statsRetention()).isEqualTo(Duration.ofDays(365));

        StreamsAppConfig set = from(Map.of("CALLSTREAM_STATS", "false", "CALLSTREAM_STATS_ZONE", "Asia/Shanghai",
                "CALLSTREAM_STATS_RETENTION_MS", Long.toString(Duration.ofDays(60).toMillis()),
                "CALLSTREAM_STATS_PUBLISH_INTERVAL_MS", "250", "CALLSTREAM_TOPIC_CONCURRENCY", "c", "CALLSTREAM_TOPIC_DAILY_STATS", "d"));
        StatsConfig stats = set.topology().stats();
        assertThat(stats.enabled()).isFalse();
        assertThat(stats.zone().id()).isEqualTo("Asia/Shanghai");
        assertThat(stats.retention()).isEqualTo(Duration.ofDays(60));
        assertThat(set.analystApi().statsRetention()).as("read once, for both").isEqualTo(Duration.ofDays(60));
        assertThat(stats.publishEvery()).isEqualTo(Duration.ofMillis(250));
        assertThat(List.of(stats.concurrencyTopic(), stats.dailyTopic())).containsExactly("c", "d");
    }

    @Test
    void statisticsSettingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_STATS_ZONE", "Mars/Olympus")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_STATS_ZONE");
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_STATS_RETENTION_MS", Long.toString(Duration.ofDays(30).toMillis()))))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_STATS_RETENTION_MS");
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_STATS", "perhaps")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_STATS");
    }

    @Test
    void theInstancesOwnListenerComesWithTheQueryApisAndNeedsTheClusterSecret() {
        assertThat(from(Map.of()).internal()).as("no query APIs, nothing to ask each other").isEmpty();
        String keys = "1400000001:5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_SECRET_KEYS", keys))).isInstanceOf(Env.ConfigException.class)
                .hasMessageStartingWith("CALLSTREAM_CLUSTER_SECRET is not set");

        String secret = "cluster-secret-0123456789abcdef-0123";
        StreamsAppConfig on = from(Map.of("CALLSTREAM_SECRET_KEYS", keys, "CALLSTREAM_CLUSTER_SECRET", secret));
        InternalListener internal = on.internal().orElseThrow();
        assertThat(internal.host()).isEqualTo("0.0.0.0");
        assertThat(internal.port()).isEqualTo(8082);
        assertThat(on.port()).isEqualTo(8081);
        assertThat(internal.applicationServer(8082)).as("the others reach this one on the internal port").isEqualTo("query-0:8082");
        assertThat(on.streamsProperties()).as("set once the listener is bound").doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);

        StreamsAppConfig set = from(Map.of("CALLSTREAM_SECRET_KEYS", keys, "CALLSTREAM_CLUSTER_SECRET", secret,
                "CALLSTREAM_INTERNAL_HOST", "10.0.0.7", "CALLSTREAM_INTERNAL_PORT", "0", "CALLSTREAM_ADVERTISED_PORT", "9000"));
        assertThat(set.internal().orElseThrow().host()).isEqualTo("10.0.0.7");
        assertThat(set.internal().orElseThrow().port()).isZero();
        assertThat(set.internal().orElseThrow().applicationServer(41234)).isEqualTo("query-0:9000");
        assertThat(from(Map.of("CALLSTREAM_SECRET_KEYS", keys, "CALLSTREAM_CLUSTER_SECRET", secret, "CALLSTREAM_INTERNAL_PORT", "0"))
                .internal().orElseThrow().applicationServer(41234)).as("port 0: the one bound").isEqualTo("query-0:41234");
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_SECRET_KEYS", keys, "CALLSTREAM_CLUSTER_SECRET", secret,
                "CALLSTREAM_INTERNAL_PORT", "70000"))).isInstanceOf(Env.ConfigException.class)
                .hasMessageContaining("CALLSTREAM_INTERNAL_PORT");
    }

    @Test
    void badRecordsGoToTheTopologyDeadLetterTopicNamedByItsVariable() {
        Properties defaults = from(Map.of()).streamsProperties();
        assertThat(defaults.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("callkit.topology.dlq");
        assertThat(defaults.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(io.callstream.topology.deadletter.DeadLetterDeserializationHandler.class);
        assertThat(defaults.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(io.callstream.topology.deadletter.DeadLetterProcessingHandler.class);
        StreamsAppConfig renamed = from(Map.of("CALLSTREAM_TOPIC_TOPOLOGY_DLQ", "other.dlq"));
        assertThat(renamed.topology().deadLetterTopic()).isEqualTo("other.dlq");
        assertThat(renamed.streamsProperties().get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("other.dlq");
    }

    @Test
    void threadReplacementsAreBoundedPerWindow() {
        assertThat(from(Map.of()).threadReplacements()).isEqualTo(new ThreadReplacements(3, Duration.ofMinutes(10)));
        assertThat(from(Map.of("CALLSTREAM_THREAD_REPLACEMENTS_MAX", "0", "CALLSTREAM_THREAD_REPLACEMENTS_WINDOW_MS", "60000"))
                .threadReplacements()).isEqualTo(new ThreadReplacements(0, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_THREAD_REPLACEMENTS_MAX", "-1")))
                .hasMessageContaining("CALLSTREAM_THREAD_REPLACEMENTS_MAX");
        assertThatThrownBy(() -> from(Map.of("CALLSTREAM_THREAD_REPLACEMENTS_WINDOW_MS", "0")))
                .hasMessageContaining("CALLSTREAM_THREAD_REPLACEMENTS_WINDOW_MS");
    }
}
