package io.callstream.topology.record;

import io.callstream.schemas.EventKind;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.topology.state.StoredFact;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Persists one {@link CallFact} as the internal Avro record {@code StoredFact}, single-object encoded. */
public final class CallFactSerde implements Serde<CallFact> {

    private final AvroSerde<StoredFact> avro = AvroSerde.internal(StoredFact.class, List.of(StoredFact.getClassSchema()));

    @Override
    public Serializer<CallFact> serializer() {
        return (topic, f) -> f == null ? null : avro.encode(new StoredFact(f.command(), f.kind().name(), f.userId(),
                f.role(), f.event(), f.callResult(), f.eventTime(), f.startCallTs(), f.acceptTs(), f.endTs(), f.totalNum(),
                f.mediaType(), f.callType(), f.roomId(), f.platform()));
    }

    @Override
    public Deserializer<CallFact> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            StoredFact f = avro.decode(bytes);
            return new CallFact(f.getCommand(), EventKind.valueOf(f.getKind()), f.getUserId(), f.getRole(), f.getEvent(),
                    f.getCallResult(), f.getEventTime(), f.getStartCallTs(), f.getAcceptTs(), f.getEndTs(), f.getTotalNum(),
                    f.getMediaType(), f.getCallType(), f.getRoomId(), f.getPlatform());
        };
    }
}
