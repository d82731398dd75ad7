package io.callstream.topology.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record that cannot be decoded (garbage, truncated, a schema this version does not know) goes to the dead-letter
 * topic as it was read, and the task goes on with the next: one bad record must not stop its partition.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.configuredBy(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetters.Source source = new DeadLetters.Source(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), record.headers());
        return Response.resume(List.of(deadLetters.letter(source, DeadLetterReason.ofDecoding(exception), exception)));
    }
}
