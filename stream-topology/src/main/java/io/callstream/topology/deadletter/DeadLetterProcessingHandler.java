package io.callstream.topology.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An event a processor refuses ({@code RefusedEventException}) or fails on goes to the dead-letter topic as it was read
 * from the source topic, and the task goes on with the next. The fold's checks refuse an event before it changes a
 * call; the table over the events topic has kept it by then, and the fold takes it out of that event log again, so
 * it is no fact of its call. A restore of the log from the topic puts it back: a refused event is then refused by the
 * same checks on reading, a failed one is taken as a fact of its call. A punctuation that
 * throws is skipped (and counted): it has no source record, and it runs again at its next interval.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.configuredBy(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) { // a punctuation: no source record to keep; its next run tries again
            deadLetters.punctuationFailed(context.processorNodeId(), exception);
            return Response.resume();
        }
        DeadLetters.Source source = new DeadLetters.Source(context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), context.headers());
        return Response.resume(List.of(deadLetters.letter(source, DeadLetterReason.ofProcessing(exception), exception)));
    }
}
