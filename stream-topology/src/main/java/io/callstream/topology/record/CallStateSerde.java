package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.topology.StoredSchemas;
import io.callstream.topology.state.CallState;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Persists a {@link FoldedCall} without its facts (those are {@link ArrivedFactSerde}'s) as the internal Avro record
 * {@code CallState}, single-object encoded. A state read back has no facts until {@link CallStateStore} restores them.
 */
public final class CallStateSerde implements Serde<FoldedCall> {

    private final AvroSerde<CallState> avro = AvroSerde.internal(CallState.class, StoredSchemas.versionsOf("CallState"));
    private final EmittedRecordSerde records;

    /** @param records the emitted records' serde, shared with the topic and store they are written to */
    public CallStateSerde(EmittedRecordSerde records) {
        this.records = records;
    }

    @Override
    public Serializer<FoldedCall> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            byte[] last = state.lastEmittedEncoded(records::encode);
            return avro.encode(new CallState(state.phase().name(), state.deadlineMs(),
                    state.timedOut(), state.lastEventMs(), state.factCount(), last == null ? null : ByteBuffer.wrap(last)));
        };
    }

    @Override
    public Deserializer<FoldedCall> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            CallState stored = avro.decode(bytes);
            CallRecord last = null;
            byte[] encoded = null;
            if (stored.getLastEmitted() != null) {
                ByteBuffer b = stored.getLastEmitted().duplicate();
                encoded = new byte[b.remaining()];
                b.get(encoded);
                last = records.decode(encoded);
            }
            return new FoldedCall(FoldedCall.Phase.valueOf(stored.getPhase()), stored.getDeadlineMs(), stored.getTimedOut(),
                    stored.getLastEventMs(), last, encoded);
        };
    }
}
