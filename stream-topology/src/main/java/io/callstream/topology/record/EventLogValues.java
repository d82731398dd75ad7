package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The event log's values: the events without their raw query and body, which make most of an event's bytes and none
 * of its fact ({@link io.callstream.topology.fold.CallFact#of}). The topic keeps them whole; the dead-letter topic gets
 * a refused event's bytes from the topic, not from here.
 */
final class EventLogValues implements Serde<CallEvent> {

    private static final ByteBuffer NO_BODY = ByteBuffer.allocate(0);
    private static final AvroSerde<CallEvent> EVENTS = CallstreamSerdes.callEvent();

    /** The table's values, as the event log keeps them. */
    @Override
    public Serializer<CallEvent> serializer() {
        return (topic, event) -> event == null ? null : EVENTS.encode(withoutRaw(event));
    }

    @Override
    public Deserializer<CallEvent> deserializer() {
        return EVENTS.deserializer();
    }

    /** A restored event's bytes as the event log keeps them; null for bytes that are no event (never a fact). */
    static byte[] compact(byte[] event) {
        try {
            return EVENTS.encode(withoutRaw(EVENTS.decode(event)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static CallEvent withoutRaw(CallEvent event) {
        if (event.getRawQuery() == null && !event.getRawBody().hasRemaining()) {
            return event;
        }
        // The all-fields constructor shares the fields, where a builder would deep-copy the body only to drop it.
        return new CallEvent(event.getSdkAppId(), event.getCommand(), event.getKind(), event.getCallId(), event.getUserId(),
                event.getRoomId(), event.getTotalNum(), event.getMediaType(), event.getCallType(), event.getRole(),
                event.getEvent(), event.getCallResult(), event.getEventTime(), event.getStartCallTs(), event.getAcceptTs(),
                event.getEndTs(), event.getClientIp(), event.getPlatform(), event.getReceivedAtMs(), null, NO_BODY.duplicate());
    }
}
