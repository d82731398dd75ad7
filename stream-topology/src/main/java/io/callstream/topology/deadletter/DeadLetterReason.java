package io.callstream.topology.deadletter;

import io.callstream.topology.record.RefusedEventException;
import java.util.Arrays;
import org.apache.avro.message.MissingSchemaException;

/** Why an event went to the topology's dead-letter topic: a bounded set, the {@code reason} tag of its metric. */
public enum DeadLetterReason {
    /** Written with a schema this version does not know: a newer gateway; replay it once the topology is upgraded. */
    UNKNOWN_SCHEMA,
    /** Not a {@code CallEvent} at all: garbage, truncated, or another writer's record. */
    UNDECODABLE,
    /** The key is not {@code <sdkAppId>/<callId>} or names another call than the event's (R1). */
    INVALID_KEY,
    TOO_MANY_FACTS,
    TIMESTAMP_OUT_OF_WINDOW,
    /** Any other exception while processing: a fault of the code, the record kept for replay once fixed. */
    PROCESSING_FAILED;

    /** The reason of an exception thrown while decoding a record (its key refused, or its value). */
    public static DeadLetterReason ofDecoding(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MissingSchemaException) {
                return UNKNOWN_SCHEMA;
            }
            if (t instanceof RefusedEventException) {
                return ofProcessing(t);
            }
        }
        return UNDECODABLE;
    }

    /** The reason of an exception thrown while processing a decoded record. */
    public static DeadLetterReason ofProcessing(Throwable e) {
        if (e instanceof RefusedEventException refused) {
            // Each refusal has its reason here (DeadLetterReasonTest); a new one not yet added is still kept.
            return Arrays.stream(values()).filter(r -> r.name().equals(refused.reason().name())).findFirst()
                    .orElse(PROCESSING_FAILED);
        }
        return PROCESSING_FAILED;
    }

    /** The tag value: lower case, as Prometheus labels usually are. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
