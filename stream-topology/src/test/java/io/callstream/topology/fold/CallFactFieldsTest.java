package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import io.callstream.topology.state.StoredFact;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** A fact's fields reach the callback event and the stored fact by name, so no one maps them by hand. */
class CallFactFieldsTest {

    private final CallFact fact = new CallFact("callee_accept_call", EventKind.event, "bob", "callee", "accept_call",
            null, 105L, 100L, 105L, null, 2, "video", "single", "room-1", "iOS");

    @Test
    void everyFieldOfAFactIsAFieldOfTheEventAndOfTheStoredFact() {
        for (String name : CallFactFields.names()) {
            assertThat(CallEvent.getClassSchema().getField(name)).as("CallEvent." + name).isNotNull();
            assertThat(StoredFact.getClassSchema().getField(name)).as("StoredFact." + name).isNotNull();
        }
    }

    @Test
    void aFactReadsBackFromAnEventAndFromItsStoredForm() {
        CallEvent event = CallFactFields.EVENTS.write(fact, CallEvent.newBuilder().setSdkAppId(1).setCommand("x")
                .setKind(EventKind.unknown).setCallId("c1").setReceivedAtMs(0).setRawBody(ByteBuffer.allocate(0)).build());
        assertThat(event.getUserId()).isEqualTo("bob");
        assertThat(CallFact.of(event)).isEqualTo(fact);

        CallFactFields stored = new CallFactFields(StoredFact.getClassSchema());
        StoredFact written = stored.write(fact, new StoredFact());
        assertThat(written.getKind()).as("an enum as its name").isEqualTo("event");
        assertThat(stored.read(written)).isEqualTo(fact);
    }

    @Test
    void everyVocabularyFieldIsAFieldOfAFact() {
        assertThat(List.of(CallFactFields.names())).containsAll(CallFactFields.VOCABULARY);
    }

    @Test
    void aSchemaWithoutOneOfTheFactsFieldsIsRefused() {
        var partial = SchemaBuilder.record("Partial").fields().requiredString("command").requiredString("kind").endRecord();
        assertThatThrownBy(() -> new CallFactFields(partial)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userId");
    }
}
