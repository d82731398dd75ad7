package io.callstream.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void passesClientAndRoleSettingsThroughTheRoleWinning() {
        Env env = new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_PRODUCER_LINGER_MS", "5",
                "KAFKA_PRODUCER_SASL_MECHANISM", "PLAIN",
                "KAFKA_STREAMS_NUM_STREAM_THREADS", "4"));

        Map<String, Object> producer = KafkaSettings.forRole(env, "producer");

        assertThat(producer)
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("linger.ms", "5")
                .doesNotContainKey("num.stream.threads");
    }

    @Test
    void defaultsToALocalBroker() {
        assertThat(KafkaSettings.forRole(new Env(Map.of()), "ADMIN")).containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void namesTheVariableThatGivesASettingTheRoleWinning() {
        Env env = new Env(Map.of(
                "KAFKA_CLIENT_ACKS", "1",
                "KAFKA_CLIENT_LINGER_MS", "5",
                "KAFKA_PRODUCER_LINGER_MS", "7",
                "KAFKA_CONSUMER_MAX_BLOCK_MS", "100"));

        assertThat(KafkaSettings.variableFor(env, "PRODUCER", "acks")).contains("KAFKA_CLIENT_ACKS");
        assertThat(KafkaSettings.variableFor(env, "producer", "linger.ms")).contains("KAFKA_PRODUCER_LINGER_MS");
        assertThat(KafkaSettings.variableFor(env, "PRODUCER", "max.block.ms")).as("another role's").isEmpty();
        assertThat(KafkaSettings.variableFor(env, "CONSUMER", "max.block.ms")).contains("KAFKA_CONSUMER_MAX_BLOCK_MS");
    }
}
