package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.EventKind;
import io.callstream.topology.fold.CallFact;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** The facts store's values: this version round-trips, and facts written by version 1 are still read. */
class ArrivedFactSerdeTest {

    private final ArrivedFactSerde serde = new ArrivedFactSerde();
    private final CallFact fact = Facts.withRole(Facts.of("callee_accept_call", "bob", 105), "callee");

    @Test
    void aFactRoundTripsWithItsArrivalTime() {
        ArrivedFact entry = new ArrivedFact(fact, 1_795_000_000_123L);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", entry))).isEqualTo(entry);
    }

    @Test
    void factsDecodedApartShareOneCopyOfEachVocabularyValueButNotOfTheirUsers() {
        CallFact full = new CallFact("callee_accept_call", EventKind.event, "bob", "callee", "accept_call", "accept",
                105L, 100L, 105L, null, 2, "video", "single", "room-1", "iOS");
        byte[] bytes = serde.serializer().serialize("t", new ArrivedFact(full, 1L));
        CallFact one = serde.deserializer().deserialize("t", bytes).fact();
        CallFact two = serde.deserializer().deserialize("t", bytes).fact();

        assertThat(one).isEqualTo(full);
        assertThat(one.command()).isSameAs(two.command());
        assertThat(one.role()).isSameAs(two.role());
        assertThat(one.event()).isSameAs(two.event());
        assertThat(one.callResult()).isSameAs(two.callResult());
        assertThat(one.mediaType()).isSameAs(two.mediaType());
        assertThat(one.callType()).isSameAs(two.callType());
        assertThat(one.platform()).isSameAs(two.platform());
        assertThat(one.userId()).isEqualTo(two.userId()).isNotSameAs(two.userId());
        assertThat(one.roomId()).isEqualTo(two.roomId()).isNotSameAs(two.roomId());
    }

    @Test
    void aVersion1FactWithoutArrivalTimeReadsAsArrivedAtZero() throws Exception {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/io/callstream/topology/state/history/StoredFact-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        assertThat(v1.getField("arrivedMs")).isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("command", fact.command());
        old.put("kind", fact.kind().name());
        old.put("userId", fact.userId());
        old.put("role", fact.role());
        old.put("event", fact.event());
        old.put("callResult", fact.callResult());
        old.put("eventTime", fact.eventTime());
        old.put("startCallTs", fact.startCallTs());
        old.put("acceptTs", fact.acceptTs());
        old.put("endTs", fact.endTs());
        old.put("totalNum", fact.totalNum());
        old.put("mediaType", fact.mediaType());
        old.put("callType", fact.callType());
        old.put("roomId", fact.roomId());
        old.put("platform", fact.platform());
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

        ArrivedFact read = serde.deserializer().deserialize("t", bytes.array());

        assertThat(read.arrivedMs()).isZero();
        assertThat(read.fact()).isEqualTo(fact);
    }
}
