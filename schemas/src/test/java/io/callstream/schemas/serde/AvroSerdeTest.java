package io.callstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    static List<SpecificRecord> samples() {
        return List.of(SampleRecords.callEvent(), SampleRecords.callRecord(), SampleRecords.concurrencyWindow(),
                SampleRecords.dailyStats());
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsEveryTopicValue(SpecificRecord sample) {
        AvroSerde serde = AvroSerde.of(sample.getClass());

        byte[] bytes = serde.serializer().serialize("t", sample);
        Object back = serde.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(sample);
    }

    @Test
    void writesAvroSingleObjectEncoding() {
        AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();

        byte[] bytes = serde.encode(SampleRecords.callEvent());

        // C3 01 marker, then the CRC-64-AVRO fingerprint of the writer schema, little endian.
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xff);
        }
        assertThat(fingerprint).isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(serde.schema()));
    }

    @Test
    void keepsRawBodyBytesExactly() {
        AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();

        CallEvent back = serde.decode(serde.encode(SampleRecords.callEvent()));

        assertThat(StandardCharsets.UTF_8.decode(back.getRawBody()).toString()).isEqualTo(SampleRecords.SEED_EVENT_BODY);
    }

    @Test
    void nullIsATombstoneBothWays() {
        AvroSerde<CallRecord> serde = CallstreamSerdes.callRecord();

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void rejectsBytesWithoutTheSingleObjectHeader() {
        byte[] json = "{\"CallId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CallstreamSerdes.callEvent().deserializer().deserialize("callkit.events", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic callkit.events")
                .hasMessageContaining("not an Avro single-object encoded CallEvent")
                .hasMessageContaining("7B224361") // what the bytes started with
                .hasMessageContaining("expected C3 01");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> CallstreamSerdes.callRecord().decode(new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("CallRecord")
                .hasMessageContaining("<empty>");
    }

    @Test
    void namesAnUnknownWriterSchemaAndSaysWhatToDo() {
        byte[] bytes = CallstreamSerdes.callEvent().encode(SampleRecords.callEvent());
        bytes[5] ^= 0x5A; // corrupt the fingerprint

        assertThatThrownBy(() -> CallstreamSerdes.callEvent().decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema this version does not know")
                .hasMessageContaining("upgrade callstream-schemas");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] bytes = CallstreamSerdes.callRecord().encode(SampleRecords.callRecord());
        byte[] truncated = Arrays.copyOf(bytes, 20);

        assertThatThrownBy(() -> CallstreamSerdes.callRecord().decode(truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot decode CallRecord (20 bytes)");
    }

    @Test
    void neverReturnsARecordForRandomGarbage() {
        Random random = new Random(42);
        AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();
        for (int i = 0; i < 1_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            assertThatThrownBy(() -> serde.decode(garbage)).isInstanceOf(SerializationException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void writesTheBytesOfAvrosOwnMessageEncoder(SpecificRecord sample) throws Exception {
        AvroSerde serde = AvroSerde.of(sample.getClass());
        ByteBuffer avros = new BinaryMessageEncoder<SpecificRecord>(SpecificData.get(), sample.getSchema()).encode(sample);

        byte[] ours = serde.encode(sample);

        assertThat(ByteBuffer.wrap(ours)).isEqualTo(avros);
        assertThat(serde.decode(toArray(avros))).isEqualTo(sample);
    }

    @Test
    void aValueThatCannotBeEncodedLeavesNothingInTheNext() throws Exception {
        AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();
        CallEvent broken = SampleRecords.callEvent();
        broken.setCallId(null); // written after sdkAppId, command and kind, which the encoder has buffered by then
        CallEvent good = SampleRecords.callEvent();

        assertThatThrownBy(() -> serde.encode(broken)).isInstanceOf(SerializationException.class);
        byte[] after = serde.encode(good);

        assertThat(ByteBuffer.wrap(after)).isEqualTo(
                new BinaryMessageEncoder<CallEvent>(SpecificData.get(), CallEvent.getClassSchema()).encode(good));
    }

    @Test
    void keepsNoLargeValueInTheNextOne() {
        AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();
        CallEvent large = SampleRecords.callEvent();
        large.setRawBody(ByteBuffer.wrap(new byte[200_000]));
        CallEvent small = SampleRecords.callEvent();

        byte[] largeBytes = serde.encode(large);
        byte[] smallBytes = serde.encode(small);

        assertThat(serde.decode(largeBytes)).isEqualTo(large);
        assertThat(smallBytes).hasSizeLessThan(2_000);
        assertThat(serde.decode(smallBytes)).isEqualTo(small);
    }

    @Test
    void codesFromManyThreadsAtOnce() throws Exception {
        AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 5_000; i++) {
                        CallEvent event = SampleRecords.callEvent();
                        event.setCallId("call-" + thread + "-" + i);
                        event.setRawBody(ByteBuffer.wrap(new byte[(thread * 997 + i) % 3_000]));
                        assertThat(serde.decode(serde.encode(event))).isEqualTo(event);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> thread : done) {
                assertThat(thread.get()).isEqualTo(5_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
