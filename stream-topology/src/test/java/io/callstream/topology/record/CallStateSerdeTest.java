package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.SchemaHistory;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.fold.CallRecordFolder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** The call-state store's values: this version round-trips, and an entry written with its history's schema reads. */
class CallStateSerdeTest {

    private final CallStateSerde serde = new CallStateSerde(new EmittedRecordSerde());
    private final CallRecord record = record();

    @Test
    void aStateRoundTrips() {
        FoldedCall state = new FoldedCall(FoldedCall.Phase.EMITTED, 9_000, true, 2_000, record, null);

        FoldedCall read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read.phase()).isEqualTo(FoldedCall.Phase.EMITTED);
        assertThat(read.deadlineMs()).isEqualTo(9_000);
        assertThat(read.timedOut()).isTrue();
        assertThat(read.lastEventMs()).isEqualTo(2_000);
        assertThat(read.lastEmitted()).isEqualTo(record);
    }

    @Test
    void anEntryWrittenWithItsHistorysSchemaReadsAsItWas() throws Exception {
        Schema named = SchemaHistory.parseResource(getClass(), "/io/callstream/topology/state/history/CallState-v1.avsc");
        assertThat(named.getFullName()).isEqualTo("io.callstream.topology.state.CallState");
        GenericRecord old = new GenericData.Record(named);
        old.put("phase", "SETTLING");
        old.put("deadlineMs", 5_000L);
        old.put("timedOut", false);
        old.put("lastEventMs", 1_000L);
        old.put("factCount", 2);
        old.put("lastEmitted", ByteBuffer.wrap(CallstreamSerdes.callRecord().encode(record)));
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), named).encode(old);

        FoldedCall read = serde.deserializer().deserialize("t", bytes.array());

        assertThat(read.phase()).isEqualTo(FoldedCall.Phase.SETTLING);
        assertThat(read.deadlineMs()).isEqualTo(5_000);
        assertThat(read.lastEventMs()).isEqualTo(1_000);
        assertThat(read.lastEmitted()).isEqualTo(record);
    }

    private static CallRecord record() {
        CallRecord r = CallRecordFolder.fold(1400000001L, "c1", List.of(Facts.of("caller_start_call", "alice", 100),
                Facts.of("caller_cancel_call", "alice", 104)), false).record();
        r.setRevision(1);
        return r;
    }
}
