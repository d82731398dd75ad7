package io.callstream.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;

/**
 * Logs a record a processor skips, with where it was read (topic, partition, offset), as Kafka Streams itself logs the
 * records it drops, at most once every ten seconds per processor: the caller counts every one in a metric.
 */
public final class SkippedRecordLog {

    private final Logger log;
    private final ThrottledLog throttle = ThrottledLog.everyTenSeconds();

    public SkippedRecordLog(Logger log) {
        this.log = log;
    }

    public void skipped(ProcessorContext<?, ?> context, Object key, String why) {
        long held = throttle.tryLog();
        if (held >= 0) {
            var event = log.atWarn().addKeyValue("key", key).addKeyValue("heldBackSinceLast", held);
            context.recordMetadata().ifPresent(m -> event.addKeyValue("topic", m.topic())
                    .addKeyValue("partition", m.partition()).addKeyValue("offset", m.offset()));
            event.log("record skipped: {}", why);
        }
    }
}
