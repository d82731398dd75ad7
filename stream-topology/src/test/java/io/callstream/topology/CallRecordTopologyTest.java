package io.callstream.topology;

import static io.callstream.topology.record.Facts.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.EventKind;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.Facts;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule R6 through the real topology, with a mocked wall clock. */
class CallRecordTopologyTest {

    private final FoldDriver fold = new FoldDriver();

    private static final List<CallFact> CONNECTED = Facts.CONNECTED;

    private static CallFact status(String command, String user, long eventTime) {
        return io.callstream.topology.record.Facts.withRole(of(command, user, eventTime), "caller");
    }

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void aCompleteCallIsEmittedOnceAfterTheSettleDelay() {
        fold.send("c1", CONNECTED);

        fold.advance(Duration.ofMillis(2_500));
        assertThat(fold.emitted()).as("still settling").isEmpty();

        fold.advance(Duration.ofMillis(1_000));
        List<KeyValue<String, CallRecord>> out = fold.emitted();
        assertThat(out).hasSize(1);
        CallRecord r = out.get(0).value;
        assertThat(out.get(0).key).isEqualTo("1400000001/c1");
        assertThat(r.getRevision()).isEqualTo(1);
        assertThat(r.getClosedBy()).isEqualTo(ClosedBy.complete);
        assertThat(r.getCallResult()).isEqualTo(CallResult.normal_end);
        assertThat(CallRecord.newBuilder(r).setRevision(0).build())
                .isEqualTo(CallRecordFolder.fold(1400000001L, "c1", CONNECTED, false).record());

        fold.advance(Duration.ofMinutes(10));
        assertThat(fold.emitted()).as("exactly one record per call").isEmpty();
    }

    @Test
    void theOtherPartysEndWithinTheSettleDelayIsInTheOneRecord() {
        fold.send("c2", CONNECTED.subList(0, 5)); // alice's end completes the call (R5.2)
        fold.advance(Duration.ofSeconds(1));
        fold.send("c2", CONNECTED.get(5));         // bob's end, a second later
        fold.send("c2", status("normal_end", "alice", 161));
        fold.advance(Duration.ofSeconds(3));

        List<KeyValue<String, CallRecord>> out = fold.emitted();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).value.getEndTs()).isEqualTo(161L);
        assertThat(out.get(0).value.getEventCount()).isEqualTo(7);
    }

    @Test
    void anIdleCallIsClosedByTheTimeoutWithWhatIsKnown() {
        fold.send("c3", CONNECTED.subList(0, 4)); // accepted, never ended

        fold.advance(Duration.ofHours(5).plusMinutes(59));
        assertThat(fold.emitted()).isEmpty();
        fold.advance(Duration.ofMinutes(2));

        List<KeyValue<String, CallRecord>> out = fold.emitted();
        assertThat(out).hasSize(1);
        CallRecord r = out.get(0).value;
        assertThat(r.getClosedBy()).isEqualTo(ClosedBy.timeout);
        assertThat(r.getCallResult()).isEqualTo(CallResult.unknown);
        assertThat(r.getEndTs()).as("R3: the last EventTime seen").isEqualTo(105L);
        assertThat(r.getDurationSec()).isZero();
    }

    @Test
    void eachEventRestartsTheIdleTimeout() {
        fold.send("c4", CONNECTED.get(0));
        fold.advance(Duration.ofHours(5));
        fold.send("c4", CONNECTED.get(1));
        fold.advance(Duration.ofHours(5));

        assertThat(fold.emitted()).isEmpty();
        fold.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(fold.emitted()).hasSize(1);
    }

    @Test
    void eachEventRestartsTheIdleTimeoutAlsoForACallReadBackFromTheStores() { // R6, with no call kept decoded
        try (FoldDriver cold = new FoldDriver(0)) {
            cold.send("c4", CONNECTED.get(0));
            cold.advance(Duration.ofHours(5));
            cold.send("c4", CONNECTED.get(1)); // writes only its fact, with its arrival time
            cold.advance(Duration.ofHours(5));

            assertThat(cold.emitted()).as("idle since the second event, 5 h ago").isEmpty();
            cold.advance(Duration.ofHours(1).plusSeconds(1));
            assertThat(cold.emitted()).singleElement().satisfies(r -> assertThat(r.value.getClosedBy()).isEqualTo(ClosedBy.timeout));
        }
    }

    @Test
    void aCallWithoutARecordWritesOnlyWhenItWasFirstSeen() {
        fold.send("c9", CONNECTED);
        fold.send("c9", CONNECTED.get(2)); // a retry: writes nothing

        assertThat(fold.loggedEvents()).as("its events are its facts, kept as the table over callkit.events puts them")
                .isEqualTo(CONNECTED.size() + 1);
        assertThat(fold.changelogRecords(CallRecordProcessor.FACTS_STORE)).as("no fact written").isZero();
        assertThat(fold.changelogRecords(CallRecordProcessor.OPEN_CALLS_STORE)).isEqualTo(1);
        assertThat(fold.changelogRecords(CallRecordProcessor.STATE_STORE))
                .as("opened, then settling: both follow from its facts").isZero();
        assertThat(fold.changelogRecords(CallRecordProcessor.DEADLINE_STORE))
                .as("a call without a record has its idle and settle deadlines in memory").isZero();
        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.emitted()).hasSize(1);
        assertThat(fold.changelogRecords(CallRecordProcessor.STATE_STORE)).as("emitted").isEqualTo(1);
        assertThat(fold.changelogRecords(CallRecordProcessor.OPEN_CALLS_STORE)).as("no longer open").isEqualTo(1);
        assertThat(fold.changelogRecords(CallRecordProcessor.DEADLINE_STORE)).as("the recorded call's retention entry")
                .isEqualTo(1);
    }

    @Test
    void writingOpenCallStateWritesItAsBuildsThatCannotWorkItOutDid() { // a rolling upgrade from one, or a rollback
        try (FoldDriver bridge = new FoldDriver(TopologyConfig.defaults().withOpenCallStateWritten(true))) {
            bridge.send("c9", CONNECTED);
            assertThat(bridge.changelogRecords(CallRecordProcessor.STATE_STORE)).as("opened, then settling").isEqualTo(2);
            bridge.advance(Duration.ofSeconds(4));
            assertThat(bridge.emitted()).hasSize(1);
            assertThat(bridge.changelogRecords(CallRecordProcessor.STATE_STORE)).as("emitted").isEqualTo(1);
        }
    }

    @Test
    void aLateEventThatChangesTheRecordReEmitsItWithTheNextRevision() {
        fold.send("c5", CONNECTED);
        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.emitted()).extracting(kv -> kv.value.getRevision()).containsExactly(1);

        fold.send("c5", status("interrupt", "alice", 170)); // R5.1: a status decides
        fold.advance(Duration.ofSeconds(4));

        List<KeyValue<String, CallRecord>> out = fold.emitted();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).value.getRevision()).isEqualTo(2);
        assertThat(out.get(0).value.getCallResult()).isEqualTo(CallResult.interrupt);
        assertThat(out.get(0).value.getEndTs()).isEqualTo(170L);
    }

    @Test
    void aRetryEmitsNothing() {
        fold.send("c6", CONNECTED);
        fold.advance(Duration.ofSeconds(4));
        fold.emitted();

        fold.send("c6", CONNECTED); // every callback again, as the sender retries
        fold.advance(Duration.ofSeconds(10));

        assertThat(fold.emitted()).isEmpty();
        assertThat(fold.duplicates.get()).isEqualTo(6);
    }

    @Test
    void anEventWithoutAValueIsSkippedAndCountedAndTheCallAroundItFoldsExactly() {
        fold.send("c10", CONNECTED.subList(0, 2));
        fold.events.pipeInput(FoldDriver.key("c10"), (CallEvent) null);
        fold.send("c10", CONNECTED.subList(2, CONNECTED.size()));
        fold.advance(Duration.ofSeconds(4));

        assertThat(fold.nullEvents.get()).isEqualTo(1);
        assertThat(fold.emitted()).singleElement().satisfies(r -> assertThat(r.value.getEventCount()).isEqualTo(CONNECTED.size()));
    }

    @Test
    void unknownEventsAreIgnoredAndCounted() {
        CallEvent hologram = CallEvent.newBuilder(FoldDriver.event("c7", of("caller_start_call", "alice", 100)))
                .setCommand("caller_started_hologram").setKind(EventKind.unknown).build();

        fold.events.pipeInput(FoldDriver.key("c7"), hologram);
        fold.advance(Duration.ofHours(7));

        assertThat(fold.unknown.get()).isEqualTo(1);
        assertThat(fold.emitted()).isEmpty();
        assertThat(fold.states().get(FoldDriver.key("c7"))).isNull();
    }

    @Test
    void aSettlingCallReadBackAfterLeavingTheDecodedCallsIsStillEmittedWhenDue() { // R6
        try (FoldDriver small = new FoldDriver(1)) {
            Instant stamped = small.now().minusMillis(40); // the gateway took the callbacks 40 ms before the fold reads them
            CONNECTED.forEach(f -> small.send("x", f, stamped));
            small.send("y", CONNECTED.get(0), stamped); // one call kept decoded: x is read back when due
            small.advance(Duration.ofSeconds(4));
            assertThat(small.emitted()).extracting(kv -> kv.key).containsExactly(FoldDriver.key("x"));
        }
    }

    @Test
    void aFinishedCallsStateIsDroppedAfterTheRetentionAndLateEventsWithinItStillRevise() {
        fold.send("c8", CONNECTED);
        fold.advance(Duration.ofSeconds(4));
        fold.emitted();

        fold.advance(Duration.ofDays(6));
        fold.send("c8", status("normal_end", "bob", 161)); // within retention: a new fact, a new revision
        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.emitted()).extracting(kv -> kv.value.getRevision()).containsExactly(2);
        assertThat(fold.states().get(FoldDriver.key("c8"))).isNotNull();
        assertThat(fold.loggedEvents()).isEqualTo(CONNECTED.size() + 1);
        assertThat(fold.loggedFacts()).as("6 days old, it would outlive its events in callkit.events: facts copied")
                .isEqualTo(CONNECTED.size() + 1);

        fold.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(fold.states().get(FoldDriver.key("c8"))).isNull();
        assertThat(fold.loggedFacts()).as("every fact of the dropped call is deleted").isZero();
        assertThat(fold.loggedEvents()).as("and every event but the newest, until callkit.events forgets it").isEqualTo(1);
        assertThat(fold.dropped.get()).isEqualTo(1);
        assertThat(fold.emitted()).isEmpty();
    }

    @Test
    void twoAppsWithTheSameCallIdAreTwoCalls() { // R1
        CallEvent other = CallEvent.newBuilder(FoldDriver.event("same", of("caller_start_call", "zed", 100))).setSdkAppId(42L).build();
        fold.send("same", List.of(of("caller_start_call", "alice", 100), of("caller_cancel_call", "alice", 103)));
        fold.events.pipeInput("42/same", other);
        fold.events.pipeInput("42/same", CallEvent.newBuilder(other).setCommand("caller_call_failed").setEvent("call_failed")
                .setEventTime(101L).setRawBody(ByteBuffer.allocate(0)).build());
        fold.advance(Duration.ofSeconds(4));

        assertThat(fold.emitted()).extracting(kv -> kv.key + "=" + kv.value.getCallResult())
                .containsExactlyInAnyOrder("1400000001/same=cancel", "42/same=failed");
    }
}
