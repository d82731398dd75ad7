package io.callstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaClusterExtensionIT {

    private static final StringSerializer SER = new StringSerializer();
    private static final StringDeserializer DE = new StringDeserializer();

    @Test
    void producesAndConsumesARecord(KafkaCluster kafka) {
        String topic = kafka.newTopicName("roundtrip");
        kafka.createTopic(topic, 3, Map.of());

        List<RecordMetadata> acks = kafka.produce(List.of(new ProducerRecord<>(topic, "call-1", "hello")), SER, SER);
        List<ConsumerRecord<String, String>> got = kafka.consume(topic, 1, Duration.ofSeconds(20), DE, DE);

        assertThat(acks).singleElement().satisfies(ack -> assertThat(ack.hasOffset()).isTrue());
        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("call-1");
            assertThat(r.value()).isEqualTo("hello");
            assertThat(r.partition()).isEqualTo(acks.get(0).partition());
        });
    }

    @Test
    void keepsPerKeyOrderAcrossPartitions(KafkaCluster kafka) {
        String topic = kafka.newTopicName("order");
        kafka.createTopic(topic, 4, Map.of());
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(new ProducerRecord<>(topic, "k" + (i % 10), Integer.toString(i)));
        }
        kafka.produce(records, SER, SER);

        List<ConsumerRecord<String, String>> all = kafka.readAll(topic, DE, DE);

        assertThat(all).hasSize(200);
        Map<String, Integer> last = new HashMap<>();
        for (ConsumerRecord<String, String> r : all) {
            int value = Integer.parseInt(r.value());
            assertThat(value).as("order within key %s", r.key()).isGreaterThan(last.getOrDefault(r.key(), -1));
            last.put(r.key(), value);
        }
    }

    @Test
    void sharesOneClusterAcrossTestClasses(KafkaCluster kafka) {
        assertThat(SeenClusters.firstOr(kafka)).isSameAs(kafka);
        if (kafka.kind() == KafkaCluster.Kind.EMBEDDED) {
            assertThat(kafka.bootstrapServers()).matches("localhost:\\d+");
        }
    }
}
