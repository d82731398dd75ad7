package io.callstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.topic.Topics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The consumer snippet of schemas/README.md, run as written against a real broker. */
@WithKafka
class DownstreamConsumerIT {

    @Test
    void theReadmeSnippetUpsertsTheLatestRevisionOfEachCall(KafkaCluster kafka) {
        String topic = kafka.newTopicName(Topics.CALL_RECORDS.name());
        kafka.createTopics(Topics.CALL_RECORDS.withName(topic).toNewTopic(Optional.empty()));
        CallRecord first = SampleRecords.callRecord();
        CallRecord revised = CallRecord.newBuilder(first).setRevision(2).setEndTs(first.getEndTs() + 5).build();
        String key = new CallKey(first.getSdkAppId(), first.getCallId()).toString();
        kafka.produce(List.of(new ProducerRecord<>(topic, key, first), new ProducerRecord<>(topic, key, revised)),
                new StringSerializer(), CallstreamSerdes.callRecord().serializer());

        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.putAll(Map.of(
                "group.id", "billing-call-records",
                "isolation.level", "read_committed",
                "auto.offset.reset", "earliest"));
        Map<String, CallRecord> store = new LinkedHashMap<>();
        try (KafkaConsumer<String, CallRecord> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), CallstreamSerdes.callRecord().deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (store.isEmpty() || store.get(key).getRevision() < 2) {
                assertThat(System.nanoTime()).as("records arrive").isLessThan(deadline);
                for (ConsumerRecord<String, CallRecord> r : consumer.poll(Duration.ofSeconds(1))) {
                    store.merge(r.key(), r.value(), (old, now) -> now.getRevision() >= old.getRevision() ? now : old);
                }
            }
        }

        assertThat(store).containsOnlyKeys("88888888/2ae7d549-c441-4a9b-87c0-61810fe19582");
        assertThat(store.get(key)).isEqualTo(revised);
    }
}
