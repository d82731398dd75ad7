package io.callstream.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** A running Kafka cluster that tests can use, with a few helpers for the common chores. */
public interface KafkaCluster extends AutoCloseable {

    /** Where the cluster came from. */
    enum Kind { EXTERNAL, CONTAINER, EMBEDDED }

    Kind kind();

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();

    /** Client settings every client of this cluster needs (bootstrap servers, and security for an external one). */
    Map<String, Object> clientProperties();

    /** A shared admin client; do not close it. */
    Admin admin();

    /** A topic name no other test in this run uses: {@code <prefix>-<n>-<random>}. */
    String newTopicName(String prefix);

    /** Creates the topics and waits until their metadata is visible to clients. */
    void createTopics(NewTopic... topics);

    /** Creates one topic with the given partitions and topic configs, replication factor from the broker default. */
    default void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopics(new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty()).configs(configs));
    }

    /** The configs of a topic as the broker reports them (defaults included). */
    Map<String, String> topicConfigs(String topic);

    /** Sends the records with an idempotent {@code acks=all} producer and waits for every acknowledgement. */
    <K, V> List<RecordMetadata> produce(List<ProducerRecord<K, V>> records, Serializer<K> keys, Serializer<V> values);

    /**
     * Reads the topic from the beginning, without a consumer group, until {@code count} records arrived; fails with
     * an {@link AssertionError} listing what did arrive when the timeout passes first.
     */
    <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Duration timeout,
                                              Deserializer<K> keys, Deserializer<V> values);

    /** Everything the topic holds now: reads every partition from the beginning up to its current end offset. */
    <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values);
}
