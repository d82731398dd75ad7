package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.topology.StoredSchemas;
import io.callstream.topology.state.StoredCallState;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Persists a {@link CallState} without its facts (those are {@link ArrivedFactSerde}'s) as the internal Avro record
 * {@code StoredCallState}, single-object encoded. A state read back has no facts until {@link CallStateStore} restores them.
 */
public final class CallStateSerde implements Serde<CallState> {

    /** Entries written under the record's earlier name, {@code CallState}, resolve by its alias. */
    private final AvroSerde<StoredCallState> avro = AvroSerde.internal(StoredCallState.class,
            StoredSchemas.versionsOf("StoredCallState", "CallState"));
    private final EmittedRecordSerde records;

    /** @param records the emitted records' serde, shared with the topic and store they are written to */
    public CallStateSerde(EmittedRecordSerde records) {
        this.records = records;
    }

    @Override
    public Serializer<CallState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            byte[] last = state.lastEmittedEncoded(records::encode);
            return avro.encode(new StoredCallState(state.phase().name(), state.deadlineMs(),
                    state.timedOut(), state.lastEventMs(), state.factCount(), last == null ? null : ByteBuffer.wrap(last)));
        };
    }

    @Override
    public Deserializer<CallState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            StoredCallState stored = avro.decode(bytes);
            CallRecord last = null;
            byte[] encoded = null;
            if (stored.getLastEmitted() != null) {
                ByteBuffer b = stored.getLastEmitted().duplicate();
                encoded = new byte[b.remaining()];
                b.get(encoded);
                last = records.decode(encoded);
            }
            return new CallState(CallState.Phase.valueOf(stored.getPhase()), stored.getDeadlineMs(), stored.getTimedOut(),
                    stored.getLastEventMs(), last, encoded);
        };
    }
}
