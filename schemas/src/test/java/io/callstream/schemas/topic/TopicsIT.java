package io.callstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallKey;
import io.callstream.schemas.SampleRecords;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafka
class TopicsIT {

    @Test
    void everyTopicIsCreatedWithItsSettings(KafkaCluster kafka) {
        for (TopicSpec spec : Topics.all()) {
            TopicSpec renamed = spec.withName(kafka.newTopicName(spec.name()));
            kafka.createTopics(renamed.toNewTopic(Optional.empty()));

            assertThat(kafka.topicConfigs(renamed.name())).as(spec.name()).containsAllEntriesOf(spec.configs());
            assertThat(kafka.admin().describeTopics(List.of(renamed.name())).allTopicNames()
                    .toCompletionStage().toCompletableFuture().join().get(renamed.name()).partitions())
                    .hasSize(spec.partitions());
        }
    }

    @Test
    void recordsAndStatisticsTopicsAreCompactedAndEventsAreNot() {
        assertThat(Topics.CALL_RECORDS.compacted()).isTrue();
        assertThat(Topics.CONCURRENCY.compacted()).isTrue();
        assertThat(Topics.DAILY_STATS.compacted()).isTrue();
        assertThat(Topics.EVENTS.compacted()).isFalse();
        assertThat(Topics.EVENTS_DLQ.compacted()).isFalse();
        assertThat(Topics.TOPOLOGY_DLQ.compacted()).isFalse();
        assertThat(Topics.EVENTS.partitions()).isEqualTo(Topics.CALL_RECORDS.partitions());
    }

    @Test
    void aCallEventSurvivesARealTopic(KafkaCluster kafka) {
        TopicSpec events = Topics.EVENTS.withName(kafka.newTopicName("events"));
        kafka.createTopics(events.toNewTopic(Optional.empty()));
        CallEvent event = SampleRecords.callEvent();
        String key = new CallKey(event.getSdkAppId(), event.getCallId()).toString();

        kafka.produce(List.of(new ProducerRecord<>(events.name(), key, event)),
                new StringSerializer(), CallstreamSerdes.callEvent().serializer());
        List<ConsumerRecord<String, CallEvent>> got = kafka.consume(events.name(), 1, Duration.ofSeconds(20),
                new StringDeserializer(), CallstreamSerdes.callEvent().deserializer());

        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("8888888/aheahfo-eqwnknoihfsd-qweqf");
            assertThat(r.value()).isEqualTo(event);
        });
    }
}
