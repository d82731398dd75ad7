package io.callstream.topology.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An event a processor refuses ({@code RefusedEventException}) or fails on goes to the dead-letter topic as it was read
 * from the source topic, and the task goes on with the next. The fold's checks refuse an event before it changes a
 * call, but the table over the events topic, the fold's event log, has kept it by then: reading a call's facts from
 * its events, the fold refuses it again by the same checks. An event whose processing failed for another reason
 * passes them, and is taken as a fact of its call once the call is read back from its events. A punctuation that
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
