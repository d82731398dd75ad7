package io.callstream.topology.deadletter;

import io.callstream.topology.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the dead letter of a record that cannot be decoded or processed: the source record's raw key, value, timestamp
 * and headers, plus headers saying where it came from and why it is here; and counts it,
 * {@code callstream_topology_dead_letters_total{reason}}.
 *
 * <p>The header names are those of Kafka Streams' own dead-letter records (KIP-1034), so that tools written for them
 * read ours, plus {@value #REASON}; the stack trace Kafka adds is left out (the log has it, and a poison record that
 * fills the topic at a high rate should not carry kilobytes of it each).
 */
public final class DeadLetters {

    public static final String SOURCE_TOPIC = "__streams.errors.topic";
    public static final String SOURCE_PARTITION = "__streams.errors.partition";
    public static final String SOURCE_OFFSET = "__streams.errors.offset";
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String REASON = "callstream.dlq.reason";
    /** The headers a dead letter adds to its source record's own. */
    public static final Set<String> HEADERS = Set.of(SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET, EXCEPTION, MESSAGE, REASON);
    /** The streams setting under which the application passes its meter registry to the handlers. */
    public static final String METER_REGISTRY_CONFIG = "callstream.dead.letters.meter.registry";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final String topic;
    private final Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);
    private final ThrottledLog throttle = ThrottledLog.everyTenSeconds();

    public DeadLetters(String topic, MeterRegistry registry) {
        this.topic = topic;
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(reason, Counter.builder("callstream.topology.dead.letters").tag("reason", reason.tag())
                    .description("Events put on the topology's dead-letter topic instead of being folded")
                    .register(registry));
        }
    }

    /**
     * The Kafka Streams settings that put a record which cannot be decoded or is refused on {@code topic} and go on:
     * without them it would fail its stream thread, and every replacement thread would read it again.
     */
    public static Map<String, Object> streamsSettings(String topic) {
        return Map.of(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class,
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
                // No global tables today; on, a future one is covered too (and Kafka stops warning that it is off).
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    }

    /**
     * The dead letters the handlers make, from the settings Kafka Streams configures them with: the dead-letter topic
     * ({@code errors.dead.letter.queue.topic.name}, required: without it a bad record would be dropped, not kept) and
     * the application's meter registry ({@value #METER_REGISTRY_CONFIG}; a private one when absent, as in tests).
     */
    static DeadLetters configuredBy(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " is not set: callstream's exception handlers keep every bad record on that topic");
        }
        Object registry = configs.get(METER_REGISTRY_CONFIG);
        return new DeadLetters(topic.toString(),
                registry instanceof MeterRegistry given ? given : new SimpleMeterRegistry());
    }

    public String topic() {
        return topic;
    }

    /** The dead letter of one source record; counted and logged (at a bounded rate) here. */
    public ProducerRecord<byte[], byte[]> letter(Source source, DeadLetterReason reason, Exception cause) {
        counters.get(reason).increment();
        long held = throttle.tryLog();
        if (held >= 0) {
            LOG.atWarn().setCause(reason == DeadLetterReason.PROCESSING_FAILED ? cause : null)
                    .addKeyValue("reason", reason).addKeyValue("topic", source.topic())
                    .addKeyValue("partition", source.partition()).addKeyValue("offset", source.offset())
                    .addKeyValue("deadLetterTopic", topic).addKeyValue("heldBackSinceLast", held)
                    .log("event sent to the dead-letter topic: {}", cause.getMessage());
        }
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null,
                source.timestamp() < 0 ? null : source.timestamp(), source.rawKey(), source.rawValue());
        if (source.headers() != null) {
            for (Header header : source.headers()) {
                letter.headers().add(header);
            }
        }
        Headers headers = letter.headers();
        headers.add(SOURCE_TOPIC, utf8(source.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        headers.add(EXCEPTION, utf8(cause.getClass().getName()));
        headers.add(MESSAGE, utf8(String.valueOf(cause.getMessage())));
        headers.add(REASON, utf8(reason.name()));
        return letter;
    }

    /** A punctuation that threw: no record to keep, counted as {@link DeadLetterReason#PROCESSING_FAILED}. */
    public void punctuationFailed(String processor, Exception cause) {
        counters.get(DeadLetterReason.PROCESSING_FAILED).increment();
        long held = throttle.tryLog();
        if (held >= 0) {
            LOG.atError().setCause(cause).addKeyValue("processor", processor).addKeyValue("heldBackSinceLast", held)
                    .log("punctuation failed; skipped until its next interval");
        }
    }

    /** Where a record came from, and what it was, byte for byte. */
    public record Source(String topic, int partition, long offset, long timestamp, byte[] rawKey, byte[] rawValue,
                         Headers headers) {
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
