package io.callstream.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** The helpers of {@link KafkaCluster}, written once over plain Kafka clients; subclasses only say where the cluster is. */
abstract class ClientBackedCluster implements KafkaCluster {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();

    private Admin admin;

    @Override
    public Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    @Override
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientProperties());
        }
        return admin;
    }

    @Override
    public String newTopicName(String prefix) {
        return prefix + "-" + TOPIC_SEQUENCE.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    @Override
    public void createTopics(NewTopic... topics) {
        try {
            admin().createTopics(Arrays.asList(topics)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names(topics) + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names(topics) + ": " + e, e);
        }
        awaitMetadata(topics);
    }

    @Override
    public Map<String, String> topicConfigs(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin().describeConfigs(List.of(resource)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            return config.entries().stream()
                    .filter(e -> e.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e, e);
        }
    }

    @Override
    public <K, V> List<RecordMetadata> produce(List<ProducerRecord<K, V>> records, Serializer<K> keys, Serializer<V> values) {
        Map<String, Object> config = new HashMap<>(clientProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<K, V> record : records) {
                sent.add(producer.send(record));
            }
            List<RecordMetadata> acknowledged = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                acknowledged.add(future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return acknowledged;
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("produce failed: " + e, e);
        }
    }

    @Override
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Duration timeout,
                                                     Deserializer<K> keys, Deserializer<V> values) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = assignedFromBeginning(topic, keys, values)) {
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        }
        if (received.size() < count) {
            throw new AssertionError("expected " + count + " records on " + topic + " within " + timeout
                    + " but got " + received.size() + ": " + received);
        }
        return received;
    }

    @Override
    public <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        try (KafkaConsumer<K, V> consumer = assignedFromBeginning(topic, keys, values)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end + " within " + ADMIN_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** A group-less consumer of every partition, reading committed data from the start. */
    private <K, V> KafkaConsumer<K, V> assignedFromBeginning(String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(clientProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values);
        List<TopicPartition> partitions = partitionsOf(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, ADMIN_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Waits until a client sees every partition of the new topics with a leader, so the first produce does not race. */
    private void awaitMetadata(NewTopic... topics) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        Map<String, Object> config = new HashMap<>(clientProperties());
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (NewTopic topic : topics) {
                while (!hasLeaders(probe, topic)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + topic.name() + " has no leaders after " + ADMIN_TIMEOUT);
                    }
                    sleep(50);
                }
            }
        }
    }

    private static boolean hasLeaders(KafkaConsumer<byte[], byte[]> probe, NewTopic topic) {
        List<PartitionInfo> infos = probe.listTopics(Duration.ofSeconds(5)).get(topic.name());
        if (infos == null) {
            return false;
        }
        boolean allPartitions = topic.numPartitions() < 0 || infos.size() >= topic.numPartitions();
        return allPartitions && infos.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(NewTopic... topics) {
        return Arrays.stream(topics).map(NewTopic::name).collect(Collectors.toSet());
    }

    @Override
    public synchronized void close() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
