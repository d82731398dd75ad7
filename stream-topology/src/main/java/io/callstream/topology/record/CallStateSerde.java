package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.EventKind;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.state.StoredFact;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Persists {@link CallState} as the internal Avro record {@code CallState} (single-object encoded). */
public final class CallStateSerde implements Serde<CallState> {

    private final AvroSerde<io.callstream.topology.state.CallState> avro = AvroSerde.internal(
            io.callstream.topology.state.CallState.class, List.of(io.callstream.topology.state.CallState.getClassSchema()));
    private final AvroSerde<CallRecord> records = CallstreamSerdes.callRecord();

    @Override
    public Serializer<CallState> serializer() {
        return (topic, state) -> state == null ? null : avro.encode(toAvro(state));
    }

    @Override
    public Deserializer<CallState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromAvro(avro.decode(bytes));
    }

    private io.callstream.topology.state.CallState toAvro(CallState state) {
        List<StoredFact> facts = state.facts().stream().map(f -> new StoredFact(f.command(), f.kind().name(), f.userId(),
                f.role(), f.event(), f.callResult(), f.eventTime(), f.startCallTs(), f.acceptTs(), f.endTs(), f.totalNum(),
                f.mediaType(), f.callType(), f.roomId(), f.platform())).toList();
        return new io.callstream.topology.state.CallState(facts, state.phase().name(), state.deadlineMs(), state.timedOut(),
                state.lastEventMs(), state.lastEmitted() == null ? null : ByteBuffer.wrap(records.encode(state.lastEmitted())));
    }

    private CallState fromAvro(io.callstream.topology.state.CallState stored) {
        TreeSet<CallFact> facts = new TreeSet<>();
        for (StoredFact f : stored.getFacts()) {
            facts.add(new CallFact(f.getCommand(), EventKind.valueOf(f.getKind()), f.getUserId(), f.getRole(), f.getEvent(),
                    f.getCallResult(), f.getEventTime(), f.getStartCallTs(), f.getAcceptTs(), f.getEndTs(), f.getTotalNum(),
                    f.getMediaType(), f.getCallType(), f.getRoomId(), f.getPlatform()));
        }
        CallRecord last = null;
        if (stored.getLastEmitted() != null) {
            ByteBuffer b = stored.getLastEmitted().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            last = records.decode(bytes);
        }
        return new CallState(facts, CallState.Phase.valueOf(stored.getPhase()), stored.getDeadlineMs(), stored.getTimedOut(),
                stored.getLastEventMs(), last);
    }
}
