package io.callstream.topology.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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
