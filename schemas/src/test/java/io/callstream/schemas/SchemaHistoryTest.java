package io.callstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards the wire contract: a schema change cannot ship without its history entry, and must stay readable. */
class SchemaHistoryTest {

    @ParameterizedTest
    @ValueSource(classes = {CallEvent.class, CallRecord.class, ConcurrencyWindow.class, DailyStats.class})
    void theLatestHistoryEntryIsTheSchemaOfTheGeneratedClass(Class<? extends SpecificRecord> type) throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = SchemaHistory.versionsOf(current.getName());
        Schema latest = history.get(history.size() - 1);

        if (SchemaNormalization.parsingFingerprint64(latest) != SchemaNormalization.parsingFingerprint64(current)) {
            // Leave the new version where the developer can copy it from.
            Path candidate = Path.of("target", "schema-history-candidate", current.getName(), "v" + (history.size() + 1) + ".avsc");
            Files.createDirectories(candidate.getParent());
            Files.writeString(candidate, current.toString(true) + "\n");
            throw new AssertionError(current.getName() + " changed: copy " + candidate.toAbsolutePath()
                    + " into src/main/resources/io/callstream/schemas/history/" + current.getName()
                    + "/ and bump history/versions.properties");
        }
        assertThat(latest.getFullName()).isEqualTo(current.getFullName());
    }

    @ParameterizedTest
    @ValueSource(classes = {CallEvent.class, CallRecord.class, ConcurrencyWindow.class, DailyStats.class})
    void everyShippedVersionCanBeReadByTheCurrentClass(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.get().getSchema(type);

        for (Schema writer : SchemaHistory.versionsOf(current.getName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
                    .as("%s reading %s", current.getName(), writer)
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CallEvent", "CallRecord", "ConcurrencyWindow", "DailyStats"})
    void everyTopicValueTypeHasAHistory(String name) {
        assertThat(SchemaHistory.recordNames()).contains(name);
    }
}
