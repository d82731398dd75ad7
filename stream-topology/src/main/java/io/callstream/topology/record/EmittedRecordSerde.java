package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the records the fold emits, shared by the three places that write each one: the records topic, the
 * query store of records and the call's own state. It remembers, per thread, the last record it encoded, so the
 * three writes of one emission encode it once. Sound because a record is not changed once emitted: the fold builds a
 * new one for every emission, and no one downstream changes what it is given.
 */
public final class EmittedRecordSerde implements Serde<CallRecord> {

    private final AvroSerde<CallRecord> avro = CallstreamSerdes.callRecord();
    private final ThreadLocal<Encoded> last = ThreadLocal.withInitial(Encoded::new);

    private static final class Encoded {
        CallRecord record;
        byte[] bytes;
    }

    public byte[] encode(CallRecord record) {
        Encoded encoded = last.get();
        if (encoded.record != record) {
            encoded.bytes = avro.encode(record);
            encoded.record = record;
        }
        return encoded.bytes;
    }

    public CallRecord decode(byte[] bytes) {
        return avro.decode(bytes);
    }

    @Override
    public Serializer<CallRecord> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<CallRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
