package io.callstream.topology.record;

import io.callstream.schemas.EventKind;
import io.callstream.schemas.SchemaHistory;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.state.StoredFact;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Persists one {@link ArrivedFact} as the internal Avro record {@code StoredFact}, single-object encoded. Reads every
 * version ever written: version 1 facts, without an arrival time, read as arrived at 0.
 */
public final class CallFactSerde implements Serde<ArrivedFact> {

    private static final Schema VERSION_1 = SchemaHistory.parseResource(CallFactSerde.class,
            "/io/callstream/topology/state/history/StoredFact-v1.avsc");

    private final AvroSerde<StoredFact> avro = AvroSerde.internal(StoredFact.class,
            List.of(StoredFact.getClassSchema(), VERSION_1));

    @Override
    public Serializer<ArrivedFact> serializer() {
        return (topic, entry) -> {
            if (entry == null) {
                return null;
            }
            CallFact f = entry.fact();
            return avro.encode(new StoredFact(f.command(), f.kind().name(), f.userId(), f.role(), f.event(),
                    f.callResult(), f.eventTime(), f.startCallTs(), f.acceptTs(), f.endTs(), f.totalNum(), f.mediaType(),
                    f.callType(), f.roomId(), f.platform(), entry.arrivedMs()));
        };
    }

    @Override
    public Deserializer<ArrivedFact> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            StoredFact f = avro.decode(bytes);
            return new ArrivedFact(new CallFact(f.getCommand(), EventKind.valueOf(f.getKind()), f.getUserId(), f.getRole(),
                    f.getEvent(), f.getCallResult(), f.getEventTime(), f.getStartCallTs(), f.getAcceptTs(), f.getEndTs(),
                    f.getTotalNum(), f.getMediaType(), f.getCallType(), f.getRoomId(), f.getPlatform()), f.getArrivedMs());
        };
    }
}
