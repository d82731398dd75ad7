package io.callstream.bench.topology;

import io.callstream.testkit.KafkaCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What was written to topics up to given offsets, read back from the beginning: data records and their key + value
 * bytes. Counted, not timed, so the host's speed hardly shows: only in the cached stores' changelogs, whose writes of
 * a key within one commit interval are one, so a slower host (more commits per event) writes a little more. Read
 * committed: transaction markers are never returned, and aborted records are not counted.
 */
final class TopicWrites {

    /** Data records (tombstones included) and their key + value bytes. */
    record Count(long records, long bytes) {
        static final Count NONE = new Count(0, 0);

        Count plus(Count other) {
            return new Count(records + other.records, bytes + other.bytes);
        }
    }

    private TopicWrites() {
    }

    /**
     * What a run wrote to each of its topics, by what the topic is ({@link RunTopics#describe}), once it has stopped
     * writing: right when it has committed the end of its input it has not, since some writes follow their input by a
     * delay (a fold's records by the settle delay, the statistics' windows and days by the publication interval). Out
     * means {@code settle} later and then nothing written for a second.
     */
    static Map<String, Count> settled(KafkaCluster kafka, RunTopics run, Duration settle) throws Exception {
        List<String> topics = run.written(kafka.admin().listTopics().names().get());
        Map<String, Count> counts = upTo(kafka.clientProperties(), settledEnds(kafka, topics, settle));
        Map<String, Count> writes = new LinkedHashMap<>();
        topics.forEach(topic -> writes.put(run.describe(topic), counts.get(topic)));
        return writes;
    }

    private static Map<TopicPartition, Long> settledEnds(KafkaCluster kafka, List<String> topics, Duration settle)
            throws Exception {
        Thread.sleep(settle.toMillis());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Map<TopicPartition, Long> previous = Map.of();
        Map<TopicPartition, Long> end = Offsets.end(kafka.admin(), topics);
        while (!end.equals(previous)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the app still writes a minute after its input: " + end);
            }
            Thread.sleep(1000);
            previous = end;
            end = Offsets.end(kafka.admin(), topics);
        }
        return end;
    }

    /** By topic, every partition of {@code end} read from its beginning up to (not including) its offset there. */
    static Map<String, Count> upTo(Map<String, Object> clientProperties, Map<TopicPartition, Long> end) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put("isolation.level", "read_committed");
        Map<String, Count> counts = new TreeMap<>();
        end.keySet().forEach(p -> counts.put(p.topic(), Count.NONE));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        counts.merge(r.topic(), new Count(1, length(r.key()) + length(r.value())), Count::plus);
                    }
                }
            }
        }
        return counts;
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
