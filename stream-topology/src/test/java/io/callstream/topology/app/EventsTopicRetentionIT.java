package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.record.EventsRetention;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The events topic's retention, as a broker reports it to the application at start. */
@WithKafka
class EventsTopicRetentionIT {

    @Test
    void aTopicDeletingByTimeIsReliedOnForItsRetentionAndACompactedOneIsNot(KafkaCluster kafka) {
        String byTime = kafka.newTopicName("events-by-time");
        String compacted = kafka.newTopicName("events-compacted");
        kafka.createTopic(byTime, 1, Map.of("cleanup.policy", "delete", "retention.ms", "691200000"));
        kafka.createTopic(compacted, 1, Map.of("cleanup.policy", "compact"));

        assertThat(EventsTopicRetention.read(properties(kafka), byTime)).isEqualTo(new EventsRetention(Duration.ofDays(8), true));
        assertThat(EventsTopicRetention.read(properties(kafka), compacted).reliable()).isFalse();
        assertThat(EventsTopicRetention.read(properties(kafka), kafka.newTopicName("missing")))
                .as("configs that cannot be read").isEqualTo(new EventsRetention(EventsRetention.FOREVER, false));
    }

    private static Properties properties(KafkaCluster kafka) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "events-retention-it");
        return props;
    }
}
