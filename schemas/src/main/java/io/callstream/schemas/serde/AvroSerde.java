package io.callstream.schemas.serde;

import io.callstream.schemas.SchemaHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in Avro's single-object encoding: {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint (little endian), then the Avro binary body.
 *
 * <p>No schema registry is needed: the decoder knows every version in {@link SchemaHistory} and resolves the writer's
 * version against the current class, so records written by older releases stay readable.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final Schema schema;
    private final SingleObjectCodec<T> codec;

    private AvroSerde(Class<T> type, Schema schema, List<Schema> writerSchemas) {
        this.type = type;
        this.schema = schema;
        CallstreamSerdes.trustGeneratedClasses();
        TrustedAvroClasses.trust(schema);
        // A model of our own, with the generated classes' own encode/decode methods ("custom coders") switched on:
        // several times faster than Avro's generic field-by-field path, and it does not change the shared default.
        SpecificData model = new SpecificData(type.getClassLoader());
        model.setCustomCoders(true);
        this.codec = new SingleObjectCodec<>(model, schema, writerSchemas);
    }

    /** A serde for {@code type} that reads every shipped version of its schema. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return new AvroSerde<>(type, schema, SchemaHistory.versionsOf(schema.getName()));
    }

    /**
     * A serde for a record that is not one of this artifact's topic values (an application's internal state, say),
     * reading the given writer schemas: every version the application ever wrote, the current one included.
     */
    public static <T extends SpecificRecord> AvroSerde<T> internal(Class<T> type, List<Schema> writerSchemas) {
        return new AvroSerde<>(type, SpecificData.get().getSchema(type), writerSchemas);
    }

    /**
     * A serde that also reads the given writer schemas; for readers that must accept versions newer than this artifact
     * (for example fetched from elsewhere) and for evolution tests.
     */
    public static <T extends SpecificRecord> AvroSerde<T> withWriterSchemas(Class<T> type, List<Schema> extra) {
        Schema schema = SpecificData.get().getSchema(type);
        List<Schema> all = new ArrayList<>(SchemaHistory.versionsOf(schema.getName()));
        all.addAll(extra);
        return new AvroSerde<>(type, schema, all);
    }

    /** Encodes one record; never returns null for a non-null record. */
    public byte[] encode(T value) {
        try {
            return codec.encode(value);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes one record, or throws {@link SerializationException} saying why the bytes are not one. */
    public T decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (BadHeaderException e) {
            throw new SerializationException("not an Avro single-object encoded " + type.getSimpleName()
                    + " (" + bytes.length + " bytes, starting " + hexPrefix(bytes) + "; expected C3 01): " + e.getMessage(), e);
        } catch (MissingSchemaException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName()
                    + ": written with a schema this version does not know (" + e.getMessage()
                    + "); upgrade callstream-schemas", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + " (" + bytes.length
                    + " bytes): " + e, e);
        }
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decodeFrom(topic, bytes);
    }

    private T decodeFrom(String topic, byte[] bytes) {
        try {
            return decode(bytes);
        } catch (SerializationException e) {
            throw new SerializationException("topic " + topic + ": " + e.getMessage(), e.getCause());
        }
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            sb.append(String.format("%02X", bytes[i] & 0xff));
        }
        return sb.length() == 0 ? "<empty>" : sb.toString();
    }
}
