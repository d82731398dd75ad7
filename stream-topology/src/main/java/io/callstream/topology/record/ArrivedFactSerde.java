package io.callstream.topology.record;

import io.callstream.schemas.serde.AvroSerde;
import io.callstream.topology.StoredSchemas;
import io.callstream.topology.fold.CallFactFields;
import io.callstream.topology.state.StoredFact;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Persists one {@link ArrivedFact} as the internal Avro record {@code StoredFact}, single-object encoded. Reads every
 * version ever written: version 1 facts, without an arrival time, read as arrived at 0.
 */
public final class ArrivedFactSerde implements Serde<ArrivedFact> {

    private static final CallFactFields FIELDS = new CallFactFields(StoredFact.getClassSchema());

    private final AvroSerde<StoredFact> avro = AvroSerde.internal(StoredFact.class, StoredSchemas.versionsOf("StoredFact"));

    @Override
    public Serializer<ArrivedFact> serializer() {
        return (topic, entry) -> {
            if (entry == null) {
                return null;
            }
            StoredFact stored = FIELDS.write(entry.fact(), new StoredFact());
            stored.setArrivedMs(entry.arrivedMs());
            return avro.encode(stored);
        };
    }

    @Override
    public Deserializer<ArrivedFact> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            StoredFact stored = avro.decode(bytes);
            return new ArrivedFact(FIELDS.read(stored), stored.getArrivedMs());
        };
    }
}
