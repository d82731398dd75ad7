package io.callstream.topology.deadletter;

import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts the topology's dead letters of the given reasons back on the events topic, byte for byte (key, value, the
 * source's own headers; the dead-letter headers dropped): after an upgrade that lets the topology read them, or a fix
 * of what refused them. Reads the dead-letter topic from its start to its end as of the start of the run; a letter
 * replayed twice folds once (R2: the fold ignores a fact it has). Binary-safe, which a console consumer piped into a
 * console producer is not: the values are Avro.
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS=... java -cp callstream.jar io.callstream.topology.deadletter.DeadLetterReplay \
 *     [--from callkit.topology.dlq] [--to callkit.events] [--reason UNKNOWN_SCHEMA[,INVALID_KEY...]]
 * </pre>
 */
public final class DeadLetterReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Env env = Env.system();
        Set<DeadLetterReason> reasons = options.containsKey("--reason")
                ? Arrays.stream(options.get("--reason").split(",")).map(String::trim).map(DeadLetterReason::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DeadLetterReason.class)))
                : EnumSet.allOf(DeadLetterReason.class);
        long replayed = replay(KafkaSettings.forRole(env, "CLIENT"),
                options.getOrDefault("--from", Topics.TOPOLOGY_DLQ.name()),
                options.getOrDefault("--to", Topics.EVENTS.name()), reasons);
        System.out.println("replayed " + replayed + " dead letters (" + reasons + ")");
    }

    /** @return how many letters were written to {@code to} */
    public static long replay(Map<String, Object> client, String from, String to, Set<DeadLetterReason> reasons) {
        Map<String, Object> consumerProps = new HashMap<>(client);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Object> producerProps = new HashMap<>(client);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(from).stream()
                    .map(p -> new TopicPartition(from, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(POLL)) {
                    if (letter.offset() < end.get(new TopicPartition(letter.topic(), letter.partition()))
                            && reasons.contains(reasonOf(letter))) {
                        producer.send(original(letter, to));
                        replayed++;
                    }
                }
            }
            producer.flush();
        }
        return replayed;
    }

    private static DeadLetterReason reasonOf(ConsumerRecord<byte[], byte[]> letter) {
        Header reason = letter.headers().lastHeader(DeadLetters.REASON);
        return reason == null ? DeadLetterReason.PROCESSING_FAILED
                : DeadLetterReason.valueOf(new String(reason.value(), StandardCharsets.UTF_8));
    }

    /** The source record as it was: the dead-letter headers are the only ones dropped. */
    static ProducerRecord<byte[], byte[]> original(ConsumerRecord<byte[], byte[]> letter, String to) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(to, null, letter.timestamp(), letter.key(), letter.value());
        for (Header header : letter.headers()) {
            if (!DeadLetters.HEADERS.contains(header.key())) {
                record.headers().add(header);
            }
        }
        return record;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!Set.of("--from", "--to", "--reason").contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: DeadLetterReplay [--from <dead-letter topic>] "
                        + "[--to <events topic>] [--reason <reason>[,<reason>...]]; reasons: "
                        + Arrays.toString(DeadLetterReason.values()) + "; got " + String.join(" ", args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
