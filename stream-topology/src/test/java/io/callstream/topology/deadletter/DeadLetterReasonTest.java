package io.callstream.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.record.RefusedEventException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeadLetterReasonTest {

    @Test
    void everyRefusalHasItsOwnReason() {
        for (RefusedEventException.Reason refusal : RefusedEventException.Reason.values()) {
            assertThat(DeadLetterReason.ofProcessing(new RefusedEventException(refusal, "x")).name())
                    .isEqualTo(refusal.name());
        }
        assertThat(DeadLetterReason.ofProcessing(new IllegalStateException("a bug"))).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
    }

    @Test
    void anUnknownSchemaIsToldFromGarbage() {
        assertThat(DeadLetterReason.ofDecoding(new SerializationException("x", new MissingSchemaException("fingerprint"))))
                .isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
        assertThat(DeadLetterReason.ofDecoding(new SerializationException("not avro"))).isEqualTo(DeadLetterReason.UNDECODABLE);
    }
}
