package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.state.CallState;
import io.callstream.topology.state.StoredFact;
import io.callstream.topology.state.StoredStatsChange;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** A stored schema cannot change without its history: the stores' changelogs keep what every version wrote. */
class StoredSchemasTest {

    @Test
    void everyStoredSchemaIsTheLatestVersionOfItsHistory() {
        for (Schema current : List.of(StoredFact.getClassSchema(), CallState.getClassSchema(),
                StoredStatsChange.getClassSchema())) {
            List<Schema> versions = StoredSchemas.versionsOf(current.getName());
            // The form the single-object header's fingerprint is taken of: what a reader must find among its writers.
            assertThat(SchemaNormalization.toParsingForm(versions.get(versions.size() - 1)))
                    .as(current.getName() + ": copy the changed schema to state/history/" + current.getName() + "-v"
                            + (versions.size() + 1) + ".avsc")
                    .isEqualTo(SchemaNormalization.toParsingForm(current));
        }
    }
}
