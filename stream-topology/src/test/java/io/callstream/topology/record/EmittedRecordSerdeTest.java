package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import org.junit.jupiter.api.Test;

/** An emitted record is encoded once for its three writes, and each record to its own bytes. */
class EmittedRecordSerdeTest {

    private static CallRecord record(String callId) {
        return CallRecord.newBuilder().setSdkAppId(1400000001L).setCallId(callId).setRevision(1).build();
    }

    @Test
    void theSameRecordGivesTheSameBytesOnceEncoded() {
        EmittedRecordSerde serde = new EmittedRecordSerde();
        CallRecord a = record("a");
        byte[] first = serde.serializer().serialize("records", a);
        assertThat(serde.encode(a)).as("not encoded again").isSameAs(first);
        assertThat(first).isEqualTo(CallstreamSerdes.callRecord().encode(a));
        assertThat(serde.deserializer().deserialize("records", first)).isEqualTo(a);
    }

    @Test
    void anotherRecordIsEncodedItself() {
        EmittedRecordSerde serde = new EmittedRecordSerde();
        byte[] a = serde.encode(record("a"));
        CallRecord equalButNew = record("a");
        assertThat(serde.encode(equalButNew)).isNotSameAs(a).isEqualTo(a);
        assertThat(serde.encode(record("b"))).isEqualTo(CallstreamSerdes.callRecord().encode(record("b")));
        assertThat(serde.serializer().serialize("records", null)).isNull();
    }
}
