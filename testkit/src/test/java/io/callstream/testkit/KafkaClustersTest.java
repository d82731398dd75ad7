package io.callstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClustersTest {

    @Test
    void bootstrapServersInTheEnvironmentSelectTheExternalCluster() {
        assertThat(KafkaClusters.choose(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092")))
                .isEqualTo(KafkaCluster.Kind.EXTERNAL);
    }

    @Test
    void anExplicitKindWinsOverEverythingElse() {
        assertThat(KafkaClusters.choose(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "CALLSTREAM_TEST_KAFKA", "embedded")))
                .isEqualTo(KafkaCluster.Kind.EMBEDDED);
        assertThatThrownBy(() -> KafkaClusters.choose(Map.of("CALLSTREAM_TEST_KAFKA", "zookeeper")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void externalClusterTakesClientSettingsFromTheEnvironment() {
        ExternalKafkaCluster cluster = new ExternalKafkaCluster("broker:9093",
                Map.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL", "PATH", "/bin"));

        assertThat(cluster.clientProperties())
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .hasSize(2);
    }
}
