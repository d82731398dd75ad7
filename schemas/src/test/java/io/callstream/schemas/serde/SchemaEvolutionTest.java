package io.callstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.SampleRecords;
import io.callstream.schemas.SchemaHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Records outlive releases. Fixtures in {@code src/test/resources/evolution/} were written by
 * {@link EvolutionFixtureWriter} with each shipped schema version and are committed, never regenerated: every later
 * version must still read them.
 */
class SchemaEvolutionTest {

    @Test
    void readsEveryCommittedFixtureOfEveryShippedVersion() throws IOException {
        assertFixturesReadable(CallEvent.class, SampleRecords.callEvent());
        assertFixturesReadable(CallRecord.class, SampleRecords.callRecord());
        assertFixturesReadable(ConcurrencyWindow.class, SampleRecords.concurrencyWindow());
        assertFixturesReadable(DailyStats.class, SampleRecords.dailyStats());
    }

    private static <T extends SpecificRecord> void assertFixturesReadable(Class<T> type, T expected) throws IOException {
        AvroSerde<T> serde = AvroSerde.of(type);
        int versions = SchemaHistory.versionsOf(type.getSimpleName()).size();
        for (int v = 1; v <= versions; v++) {
            byte[] bytes = fixture(type.getSimpleName() + "-v" + v + ".bin");
            // While fields are only ever added with defaults, the sample's values of the old fields come back intact.
            T decoded = serde.decode(bytes);
            for (Schema.Field field : SchemaHistory.versionsOf(type.getSimpleName()).get(v - 1).getFields()) {
                assertThat(decoded.get(decoded.getSchema().getField(field.name()).pos()))
                        .as("%s v%d field %s", type.getSimpleName(), v, field.name())
                        .isEqualTo(expected.get(expected.getSchema().getField(field.name()).pos()));
            }
        }
    }

    /** A CallEvent as an older producer might have written it: fewer fields. */
    private static final Schema OLDER_CALL_EVENT = SchemaBuilder.record("CallEvent").namespace("io.callstream.schemas")
            .fields()
            .requiredLong("sdkAppId")
            .requiredString("command")
            .requiredString("callId")
            .optionalString("userId")
            .requiredLong("receivedAtMs")
            .requiredBytes("rawBody")
            .endRecord();

    @Test
    void aRecordWrittenWithAnOlderSchemaDecodesWithDefaultsForNewFields() {
        byte[] bytes = encodeWithOlderSchema();

        CallEvent event = AvroSerde.withWriterSchemas(CallEvent.class, List.of(OLDER_CALL_EVENT)).decode(bytes);

        assertThat(event.getCallId()).isEqualTo("c-1");
        assertThat(event.getUserId()).isEqualTo("Alice");
        assertThat(event.getKind()).hasToString("unknown"); // the enum's declared default
        assertThat(event.getPlatform()).isNull();
        assertThat(event.getRawQuery()).isNull();
    }

    @Test
    void aReaderThatDoesNotKnowTheWriterSchemaSaysSo() {
        byte[] bytes = encodeWithOlderSchema();

        assertThatThrownBy(() -> CallstreamSerdes.callEvent().decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema this version does not know");
    }

    private static byte[] encodeWithOlderSchema() {
        GenericRecord older = new GenericData.Record(OLDER_CALL_EVENT);
        older.put("sdkAppId", 1400000001L);
        older.put("command", "caller_start_call");
        older.put("callId", "c-1");
        older.put("userId", "Alice");
        older.put("receivedAtMs", 1L);
        older.put("rawBody", ByteBuffer.wrap(new byte[] {'{', '}'}));
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLDER_CALL_EVENT).encode(older);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/" + name)) {
            assertThat(in).as("fixture %s (write it once with EvolutionFixtureWriter when a version ships)", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
