package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ClosedBy;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.fold.CallFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R6 across a restart: a call without a record keeps its deadline in memory only, so a processor started on the same
 * stores (a restarted, restored or moved task) must rebuild those deadlines from its open calls: a settling call is
 * still emitted after its settle delay, an idle one still closed by the idle timeout, and nothing is emitted twice.
 */
class CallRecordProcessorRestartTest {

    private static final long T = 1_795_420_800L;
    private static final long WALL = T * 1000;

    private final ProcessorHarness harness = new ProcessorHarness();

    @Test
    void aRestartedProcessorStillEmitsItsSettlingCallsAndClosesItsIdleOnes() {
        CallRecordProcessor before = harness.start(WALL);
        harness.send(before, "settling", List.of(Facts.of("caller_start_call", "alice", T), Facts.of("callee_accept_call", "bob", T + 5),
                Facts.of("caller_call_accepted", "alice", T + 5), Facts.of("caller_call_end", "alice", T + 60),
                Facts.of("callee_call_end", "bob", T + 60)), WALL);
        harness.send(before, "idle", List.of(Facts.of("caller_start_call", "carol", T), Facts.of("callee_accept_call", "dave", T + 5)), WALL);
        harness.punctuate(WALL + 1000);
        assertThat(harness.emitted()).isEmpty();
        before.close();

        CallRecordProcessor after = harness.start(WALL + 1000); // the same stores, as restored
        harness.punctuate(WALL + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis() + 1);
        assertThat(harness.emitted()).extracting(CallRecord::getCallId).containsExactly("settling");
        harness.punctuate(WALL + TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis() + 1);
        assertThat(harness.emitted()).singleElement().satisfies(r -> {
            assertThat(r.getCallId()).isEqualTo("idle");
            assertThat(r.getClosedBy()).isEqualTo(ClosedBy.timeout);
        });
        harness.punctuate(WALL + Duration.ofDays(1).toMillis());
        assertThat(harness.emitted()).as("nothing twice").isEmpty();
        after.close();
    }

    /**
     * A callback after a recorded call's retention, read before the punctuator dropped the call (catching up after an
     * outage), opens a new call of that key: its facts are its own, even once a restore brings back the events of the
     * dropped one, which callkit.events still holds.
     */
    @Test
    void aCallbackAfterTheRetentionOpensANewCallWhoseFactsStayItsOwnAcrossARestore() { // R2, R6
        CallRecordProcessor first = harness.start(WALL);
        harness.send(first, "reused", List.of(Facts.of("caller_start_call", "alice", T), Facts.of("callee_accept_call", "bob", T + 5),
                Facts.of("caller_call_accepted", "alice", T + 5), Facts.of("caller_call_end", "alice", T + 60),
                Facts.of("callee_call_end", "bob", T + 60)), WALL);
        harness.punctuate(WALL + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis() + 1);
        assertThat(harness.emitted()).hasSize(1);
        long late = WALL + TopologyConfig.DEFAULT_RETENTION.toMillis() + Duration.ofMinutes(5).toMillis();
        List<CallFact> again = List.of(Facts.of("caller_start_call", "carol", late / 1000));
        harness.send(first, "reused", again, late);
        first.close();

        harness.restoreEventLog();
        CallRecordProcessor restored = harness.start(late + 1000);
        harness.punctuate(late + TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis() + 1);

        ProcessorHarness fresh = new ProcessorHarness();
        CallRecordProcessor control = fresh.start(late);
        fresh.send(control, "reused", again, late);
        fresh.punctuate(late + TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis() + 1);
        assertThat(harness.emitted()).as("the record of the late callback alone").isEqualTo(fresh.emitted()).hasSize(1);
        restored.close();
        control.close();
    }

    /**
     * When every fact must be logged (before a rollback to a build that reads only {@code call-facts}, or a topic that
     * may forget events early), a task copies the facts of its open calls when it starts and those of its recorded
     * calls a batch per punctuation, past an entry that is no call's, so that a task holding many calls starts on time.
     */
    @Test
    void whenEveryFactMustBeLoggedATaskCopiesItsOpenCallsAtStartAndItsRecordedOnesABatchAPunctuation() {
        CallRecordProcessor.Limits defaults = TopologyConfig.defaultLimits();
        ProcessorHarness batches = new ProcessorHarness(new CallRecordProcessor.Limits(defaults.maxFactsPerCall(),
                defaults.eventTimes(), 2, defaults.catchUpLag()));
        CallRecordProcessor reading = batches.start(WALL);
        for (int i = 0; i < 4; i++) {
            batches.send(reading, "done-" + i, Facts.CONNECTED, WALL);
        }
        batches.send(reading, "open", List.of(Facts.of("caller_start_call", "alice", T)), WALL);
        batches.punctuate(WALL + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis() + 1);
        batches.punctuate(WALL + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis() + 2);
        assertThat(batches.emitted()).hasSize(4);
        batches.states().put("not-a-call-key", FoldedCall.empty());
        reading.close();
        assertThat(batches.loggedFacts()).isZero();

        CallRecordProcessor.Timings timings = TopologyConfig.defaults().timings();
        CallRecordProcessor logging = batches.start(WALL + 10_000, new CallRecordProcessor.Timings(timings.settleDelay(),
                timings.idleTimeout(), timings.retention(), timings.punctuateEvery(), timings.eventsRetention().unreliable()),
                100, false);
        assertThat(batches.loggedFacts()).as("the open call, at start").isEqualTo(1);
        List<Long> logged = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            batches.punctuate(WALL + 10_000 + i);
            logged.add(batches.loggedFacts());
        }
        int n = Facts.CONNECTED.size();
        assertThat(logged).as("two recorded calls a punctuation, then the entry that is no call's, skipped")
                .containsExactly(1L + 2 * n, 1L + 4 * n, 1L + 4 * n, 1L + 4 * n);
        assertThat(batches.emitted()).as("nothing emitted again").isEmpty();
        logging.close();
    }

    /**
     * A call read back whose stored state says another deadline than its in-memory entry (which the fold does not
     * make, but a store written by another build may) is indexed again at what the store says, not left without one.
     */
    @Test
    void aCallReadBackDueAtAnotherTimeThanItsInMemoryEntryIsIndexedAgainNotLost() { // R6
        CallRecordProcessor fold = harness.start(WALL, 1);
        harness.send(fold, "x", List.of(Facts.of("caller_start_call", "alice", T)), WALL);
        harness.send(fold, "y", List.of(Facts.of("caller_start_call", "carol", T)), WALL); // one call decoded: x leaves
        long idle = TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis();
        long stored = WALL + idle + 60_000;
        harness.states().put(ProcessorHarness.APP + "/x", new FoldedCall(FoldedCall.Phase.OPEN, stored, false, WALL, null, null));

        harness.punctuate(WALL + idle + 1);
        assertThat(harness.emitted()).extracting(CallRecord::getCallId).containsExactly("y");
        harness.punctuate(stored + 1);
        assertThat(harness.emitted()).extracting(CallRecord::getCallId).containsExactly("x");
        fold.close();
    }

    /**
     * A build that cannot work out a call's state from its facts reads a call without a state entry as a new one. So
     * with {@code openCallStateWritten} (a rolling upgrade from such a build, or before a rollback to one), every open
     * call has the state entry it would have written: those opened since, at each change, and those opened before, when
     * the task starts.
     */
    @Test
    void writingOpenCallStateGivesEveryOpenCallTheEntryAnOlderBuildReads() {
        CallRecordProcessor derived = harness.start(WALL, 100, false);
        harness.send(derived, "settling", List.of(Facts.of("caller_start_call", "alice", T), Facts.of("callee_accept_call", "bob", T + 5),
                Facts.of("caller_call_accepted", "alice", T + 5), Facts.of("caller_call_end", "alice", T + 60),
                Facts.of("callee_call_end", "bob", T + 60)), WALL);
        harness.send(derived, "idle", List.of(Facts.of("caller_start_call", "carol", T)), WALL + 500);
        assertThat(harness.states().approximateNumEntries()).as("derived: no state written").isZero();
        derived.close();

        CallRecordProcessor written = harness.start(WALL + 1000, 100, true);
        assertThat(harness.states().get(ProcessorHarness.APP + "/settling")).satisfies(s -> {
            assertThat(s.phase()).isEqualTo(FoldedCall.Phase.SETTLING);
            assertThat(s.deadlineMs()).isEqualTo(WALL + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis());
        });
        assertThat(harness.states().get(ProcessorHarness.APP + "/idle")).satisfies(s -> {
            assertThat(s.phase()).isEqualTo(FoldedCall.Phase.OPEN);
            assertThat(s.deadlineMs()).isEqualTo(WALL + 500 + TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis());
        });

        harness.send(written, "new", List.of(Facts.of("caller_start_call", "erin", T)), WALL + 2000);
        assertThat(harness.states().get(ProcessorHarness.APP + "/new")).as("opened while written").satisfies(s ->
                assertThat(s.deadlineMs()).isEqualTo(WALL + 2000 + TopologyConfig.DEFAULT_IDLE_TIMEOUT.toMillis()));
        written.close();
    }
    /** Working out when a call became complete costs the square of its facts, so that is bounded ({@link OpenCallSchedule}). */
    @Test
    void aCallCompleteOnlyAfterManyFactsHasItsStateWrittenAndSettlesAcrossARestart() {
        CallRecordProcessor before = harness.start(WALL, 1, false);
        List<CallFact> crowd = new ArrayList<>(List.of(Facts.of("caller_start_call", "alice", T)));
        for (int i = 0; i < OpenCallSchedule.REPLAYED_FACTS + 5; i++) {
            crowd.add(Facts.of("callee_receive_call", "user-" + i, T + 1));
        }
        harness.send(before, "crowded", crowd, WALL);
        assertThat(harness.states().get(ProcessorHarness.APP + "/crowded")).as("open: worked out").isNull();
        long busyAt = WALL + 700;
        harness.send(before, "crowded", List.of(Facts.of("caller_call_busy", "alice", T + 30)), busyAt);
        long due = busyAt + TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis();
        assertThat(harness.states().get(ProcessorHarness.APP + "/crowded")).as("settling after %d facts: written",
                crowd.size() + 1).satisfies(s -> {
                    assertThat(s.phase()).isEqualTo(FoldedCall.Phase.SETTLING);
                    assertThat(s.deadlineMs()).isEqualTo(due);
                });
        before.close();

        CallRecordProcessor after = harness.start(WALL + 1000, 1, false);
        harness.punctuate(due - 1);
        assertThat(harness.emitted()).isEmpty();
        harness.punctuate(due);
        assertThat(harness.emitted()).extracting(CallRecord::getCallId).containsExactly("crowded");
        after.close();
    }
}
