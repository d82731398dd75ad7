package io.callstream.topology.record;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The keys of {@code callkit.events}: strings, and never absent. The fold reads the topic as a table, which would
 * drop a record without a key; refusing it here sends it to the dead-letter topic instead ({@code INVALID_KEY}),
 * with its bytes, like any other event whose key is not its call's (R1).
 */
public final class EventKeySerde implements Serde<String> {

    private static final Serde<String> STRINGS = Serdes.String();

    @Override
    public Serializer<String> serializer() {
        return STRINGS.serializer();
    }

    @Override
    public Deserializer<String> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                throw new RefusedEventException(RefusedEventException.Reason.INVALID_KEY,
                        "a record of " + topic + " without a key: the gateway keys every event by its call");
            }
            return STRINGS.deserializer().deserialize(topic, data);
        };
    }
}
