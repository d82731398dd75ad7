package io.callstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafka
class CompactedTopicIT {

    private static final StringSerializer SER = new StringSerializer();
    private static final StringDeserializer DE = new StringDeserializer();

    @Test
    void isTheSameClusterAsOtherClasses(KafkaCluster kafka) {
        assertThat(SeenClusters.firstOr(kafka)).isSameAs(kafka);
    }

    @Test
    void createsACompactedTopicAndTheCleanerKeepsTheLatestValuePerKey(KafkaCluster kafka) throws Exception {
        String topic = kafka.newTopicName("compacted");
        kafka.createTopic(topic, 1, Map.of(
                "cleanup.policy", "compact",
                "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01",
                "delete.retention.ms", "100"));
        assertThat(kafka.topicConfigs(topic)).containsEntry("cleanup.policy", "compact");

        // Three revisions of each of five keys, spread over several segments (segment.ms rolls them).
        for (int revision = 1; revision <= 3; revision++) {
            List<ProducerRecord<String, String>> batch = new ArrayList<>();
            for (int key = 0; key < 5; key++) {
                batch.add(new ProducerRecord<>(topic, "call-" + key, "rev-" + revision));
            }
            kafka.produce(batch, SER, SER);
            Thread.sleep(250);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (int key = 0; key < 5; key++) {
            expected.put("call-" + key, "rev-3");
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ConsumerRecord<String, String>> all;
        do {
            // A later record rolls the active segment so that the third revision's segment becomes cleanable.
            kafka.produce(List.of(new ProducerRecord<>(topic, "roll", "x")), SER, SER);
            Thread.sleep(500);
            all = kafka.readAll(topic, DE, DE);
        } while (all.stream().filter(r -> r.key().startsWith("call-")).count() > 5 && System.nanoTime() < deadline);

        Map<String, String> latest = new LinkedHashMap<>();
        all.stream().filter(r -> r.key().startsWith("call-")).forEach(r -> latest.put(r.key(), r.value()));
        assertThat(all.stream().filter(r -> r.key().startsWith("call-"))).as("compacted to one per key").hasSize(5);
        assertThat(latest).isEqualTo(expected);
    }
}
